// Content security end to end on both engines, against the local stand-in of WeChat: texts refused, stored and
// flagged, or stored unchecked when WeChat cannot say; photos handed over at upload (WeChat fetches them from
// the server's public address), held from others until the signed verdict arrives, and staff's decisions.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import sharp from 'sharp'
import { engines, startHttp } from '../../testing/harness'
import { startWeChatStandIn, type WeChatStandIn } from '../../testing/wechat-stand-in'
import { httpsChecker } from './checker'
import { moderationModule } from './module'
import { FLAG_KEEP_DAYS, resubmitPhotos } from './photos'

const PUSH_TOKEN = 'pushtoken2026'

describe.each(engines())('content security on %s', (engine) => {
  let wx: WeChatStandIn
  let t: Awaited<ReturnType<typeof startHttp>>
  let dataDir: string
  let jpeg: Buffer
  const tk: Record<string, string> = {}
  let category: number

  beforeAll(async () => {
    wx = await startWeChatStandIn()
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-moderation-'))
    jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#36c' } }).jpeg().toBuffer()
    t = await startHttp(engine, {
      env: { DATA_DIR: dataDir, WECHAT_PUSH_TOKEN: PUSH_TOKEN, UPLOAD_RATE_LIMIT_PER_MINUTE: '1000' },
      checker: httpsChecker({ appid: wx.appid, secret: wx.secret, base: wx.base, log: pino({ level: 'silent' }), timeoutMs: 1500 }),
      publicUrl: true,
    })
    for (const key of ['resident', 'gridworker', 'staff']) tk[key] = await t.signIn(key)
    category = (await t.ok('hotline', 'categories', {}, { token: tk.resident }))[0].id
  })
  afterAll(async () => {
    await t?.close()
    await wx?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
  beforeEach(() => {
    wx.next.length = 0
    wx.answer.clear()
  })

  const requests = async () => Number((await t.db.selectFrom('hotline_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const submit = (description: string, photoIds: number[] = []) => t.call('hotline', 'submit', { categoryId: category, description, photoIds }, { token: tk.resident })
  const upload = async (): Promise<number> => {
    const fd = new FormData()
    fd.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), '积水.jpg')
    const res = await fetch(`${t.url}/api/upload`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${tk.resident}` } })
    expect(res.status).toBe(200)
    return ((await res.json()) as { data: { id: number } }).data.id
  }
  const review = async (id: number) => (await t.db.selectFrom('uploads').select(['review', 'review_trace', 'review_tries']).where('id', '=', id).executeTakeFirstOrThrow())
  const push = () => ({ url: `${t.url}/api/wechat/push`, token: PUSH_TOKEN })
  const photosAs = async (who: string, requestId: number) => (await t.ok('hotline', 'get', { id: requestId }, { token: tk[who] })).photos

  test('a risky text is refused naming the field, and nothing is stored', async () => {
    const before = await requests()
    const res = await submit('楼下有人卖违禁样例，请处理一下')
    expect(res.status).toBe(400)
    expect(Object.keys(res.error?.fields ?? {})).toEqual(['description'])
    expect(res.error?.fields?.description).toBe('诉求内容含有不宜发布的内容（违法犯罪），请修改后再提交')
    expect(await requests()).toBe(before)
    // What WeChat was asked: v2, the author's openid, the forum scene, the text as written.
    const me = await t.db.selectFrom('users').select('openid').where('openid', '=', 'demo:resident').executeTakeFirstOrThrow()
    expect(wx.texts.at(-1)).toEqual({ content: '楼下有人卖违禁样例，请处理一下', scene: 3, openid: me.openid })
  })

  test('a clean text is stored with no flag; a doubtful one is stored and listed for staff, who mark it looked at', async () => {
    const clean = await submit('三号楼门口的路灯不亮了')
    expect(clean.status).toBe(200)
    const doubtful = await submit('楼道里贴了可疑样例的小广告')
    expect(doubtful.status).toBe(200)
    const queue = await t.ok('moderation', 'queue', {}, { token: tk.staff })
    const flagged = queue.texts.filter((f) => f.excerpt.includes('可疑样例'))
    expect(flagged).toEqual([expect.objectContaining({ where: '服务热线 · 诉求内容', verdict: 'review', who: '李桂芳', reason: '微信判定可疑（其他）' })])
    expect(queue.texts.some((f) => f.excerpt.includes('路灯不亮'))).toBe(false)
    await t.ok('moderation', 'reviewed', { id: flagged[0].id }, { token: tk.staff })
    expect((await t.ok('moderation', 'queue', {}, { token: tk.staff })).texts.some((f) => f.id === flagged[0].id)).toBe(false)
    expect((await t.call('moderation', 'reviewed', { id: flagged[0].id }, { token: tk.staff })).status).toBe(409)
    expect((await t.call('moderation', 'queue', {}, { token: tk.resident })).status).toBe(403)
  })

  test('when WeChat cannot check, the text is stored and listed as unchecked, so the hotline does not stop', async () => {
    wx.next.push({ errcode: -1, errmsg: 'system error' })
    const res = await submit('电梯又坏了，老人上不了楼')
    expect(res.status).toBe(200)
    const queue = await t.ok('moderation', 'queue', {}, { token: tk.staff })
    expect(queue.texts.find((f) => f.excerpt.includes('电梯又坏了'))).toMatchObject({ verdict: 'unchecked', reason: '微信未能检测' })
  })

  test('every risky item of a list is named by its place in the list', async () => {
    const base = { name: '老年卡办理', description: '协助办理徐州市老年优待卡', durationMinutes: 30, places: 1, bookAheadDays: 7, minNoticeMinutes: 60, cancelCutoffMinutes: 60, hours: [] }
    const res = await t.call('appointments', 'saveService', { ...base, checklist: ['身份证', '违禁样例', '一寸照片'] }, { token: tk.staff })
    expect([res.status, Object.keys(res.error?.fields ?? {})]).toEqual([400, ['checklist.1']])
    expect(res.error?.fields?.['checklist.1']).toMatch(/^所需材料含有不宜发布的内容/)
    expect(await t.db.selectFrom('appt_services').select('id').where('name', '=', '老年卡办理').execute()).toEqual([])
  })

  test('a photo is handed to WeChat at upload, held from the grid worker until the signed verdict clears it', async () => {
    const photo = await upload()
    const job = wx.media.at(-1)!
    expect(job).toMatchObject({ scene: 2 })
    expect(job.url.startsWith(`${t.url}/api/uploads/${photo}?`)).toBe(true)
    // WeChat could fetch it from the address it was given.
    expect((await job.fetched).status).toBe(200)
    expect(await review(photo)).toMatchObject({ review: 'pending', review_trace: job.traceId })

    const req = await submit('门口积水很深，见照片', [photo])
    expect(req.status).toBe(200)
    const id = req.data.id
    expect(await photosAs('gridworker', id)).toEqual([{ id: photo, url: null, state: 'checking' }])
    expect(await photosAs('resident', id)).toEqual([{ id: photo, url: expect.stringMatching(/^\/api\/uploads\//), state: 'checking' }])

    // A push that is not WeChat's (a wrong signature) changes nothing.
    expect((await wx.pushVerdict({ ...push(), token: 'someoneelse' }, job.traceId, 'pass')).status).toBe(403)
    expect((await review(photo)).review).toBe('pending')

    expect(await wx.pushVerdict(push(), job.traceId, 'pass')).toEqual({ status: 200, body: 'success' })
    expect(await photosAs('gridworker', id)).toEqual([{ id: photo, url: expect.stringMatching(/^\/api\/uploads\//), state: 'shown' }])
    // The same verdict pushed again (WeChat retries) and a late contrary one change nothing.
    await wx.pushVerdict(push(), job.traceId, 'risky')
    expect((await review(photo)).review).toBe('pass')
  })

  test('a late risky verdict keeps the photo from others; staff may let it through or take it down', async () => {
    const photo = await upload()
    const job = wx.media.at(-1)!
    const id = (await submit('垃圾堆了好几天没人清理', [photo])).data.id
    const held = await t.ok('moderation', 'queue', {}, { token: tk.staff })
    expect(held.held.find((p) => p.id === photo)).toMatchObject({ review: 'pending', where: expect.stringContaining(`诉求 #${id}`), owner: '李桂芳', overdue: false })

    // Long after: WeChat finds it risky.
    await t.clock.advance(40 * 60_000)
    await wx.pushVerdict(push(), job.traceId, 'risky', 20002)
    expect(await photosAs('gridworker', id)).toEqual([])
    expect(await photosAs('resident', id)).toEqual([expect.objectContaining({ id: photo, state: 'refused' })])
    expect((await t.ok('moderation', 'queue', {}, { token: tk.staff })).held.find((p) => p.id === photo)).toMatchObject({ review: 'risky', reason: '色情' })

    await t.ok('moderation', 'release', { id: photo }, { token: tk.staff })
    expect((await photosAs('gridworker', id))[0]).toMatchObject({ state: 'shown' })
    expect((await t.ok('moderation', 'queue', {}, { token: tk.staff })).recent.some((p) => p.id === photo)).toBe(true)

    const down = await t.call('moderation', 'takeDown', { id: photo, reason: '含有居民的门牌和车牌' }, { token: tk.staff })
    expect(down.status).toBe(200)
    expect(await photosAs('gridworker', id)).toEqual([])
    expect(await photosAs('resident', id)).toEqual([])
    expect((await t.call('moderation', 'takeDown', { id: photo, reason: '再撤一次' }, { token: tk.staff })).status).toBe(409)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('target_type', '=', 'upload').where('target_id', '=', String(photo)).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['moderation.release', 'moderation.takeDown'])
    const badReason = await t.call('moderation', 'takeDown', { id: photo, reason: '' }, { token: tk.staff })
    expect(Object.keys(badReason.error?.fields ?? {})).toEqual(['reason'])
  })

  test('a photo WeChat could not be handed at upload is handed over by the sweep', async () => {
    wx.next.push({ errcode: -1, errmsg: 'system error' })
    const photo = await upload()
    expect(await review(photo)).toMatchObject({ review: 'pending', review_trace: null, review_tries: 1 })
    expect(await resubmitPhotos(t.services)).toEqual({ resubmitted: 1 })
    const after = await review(photo)
    expect(after).toMatchObject({ review: 'pending', review_tries: 2 })
    expect(after.review_trace).toBe(wx.media.at(-1)!.traceId)
    expect(await resubmitPhotos(t.services)).toEqual({ resubmitted: 0 })
  })

  test("the push address answers WeChat's check with its echostr, only when signed", async () => {
    const ok = await fetch(`${t.url}/api/wechat/push?signature=bad&timestamp=1&nonce=2&echostr=hello`)
    expect(ok.status).toBe(403)
    const { pushSignature } = await import('./push')
    const signed = await fetch(`${t.url}/api/wechat/push?signature=${pushSignature(PUSH_TOKEN, '1700000000', '42')}&timestamp=1700000000&nonce=42&echostr=hello`)
    expect([signed.status, await signed.text()]).toEqual([200, 'hello'])
  })

  // Last: the clock moves a month on.
  test('a text staff looked at is forgotten a month later; one not looked at yet stays', async () => {
    await submit('门卫室旁边贴满了可疑样例的传单')
    await submit('楼下的可疑样例广告又贴上了')
    const open = (await t.ok('moderation', 'queue', {}, { token: tk.staff })).texts.filter((f) => f.excerpt.includes('可疑样例'))
    await t.ok('moderation', 'reviewed', { id: open[0].id }, { token: tk.staff })
    const kept = async (id: number) => (await t.db.selectFrom('content_flags').select('id').where('id', '=', id).execute()).length
    await moderationModule.sweep!(t.services)
    expect(await kept(open[0].id)).toBe(1)
    const looked = (await t.db.selectFrom('content_flags').select('id').where('reviewed_at', 'is not', null).execute()).length
    expect(looked).toBeGreaterThanOrEqual(1)
    t.clock.advance((FLAG_KEEP_DAYS + 1) * 86_400_000)
    expect(await moderationModule.sweep!(t.services)).toMatchObject({ flagsDropped: looked })
    expect([await kept(open[0].id), await kept(open[1].id)]).toEqual([0, 1])
  })
})
