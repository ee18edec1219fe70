// The dispatcher on each engine, through the HTTPS sender and the local stand-in of WeChat: what goes out, what
// stays in 消息中心 and why, retries and give-ups, and the subscriptions counted on the way.
import pino from 'pino'
import { linkTo } from '../../../common/routes'
import { DAY_MS, engines, startBackend, type EngineName, type TestBackend } from '../../testing/harness'
import { startWeChatStandIn, type WeChatStandIn } from '../../testing/wechat-stand-in'
import { LEASE_MS, MAX_AGE_MS, MAX_ATTEMPTS, drainOutbox, retryDelay } from './dispatch'
import { notify } from './service'
import { httpsSender } from './wechat/https'

const TEMPLATE = 'demo-appointment_reminder'

export async function deliveryWorld(engine: EngineName, wx: WeChatStandIn, opts: { timeoutMs?: number } = {}) {
  const sender = httpsSender({ appid: wx.appid, secret: wx.secret, base: wx.base, log: pino({ level: 'silent' }), timeoutMs: opts.timeoutMs ?? 3000 })
  const t = await startBackend(engine, { sender })
  const token = await t.signIn('resident')
  const me = await t.ok('account', 'me', {}, { token })
  const openid = (await t.db.selectFrom('users').select('openid').where('id', '=', me.id).executeTakeFirstOrThrow()).openid
  let bookingId = 100
  /** A day-before reminder of a booking, as the appointments sweep writes it. */
  const remind = async (userId = me.id) => {
    const id = ++bookingId
    await notify(t.db, {
      userId,
      title: '预约提醒',
      body: '您预约了12月8日（周二）09:30的「社保卡业务」，预约码 K7M2Q9XA。请携带：身份证。',
      link: linkTo('apptDetail', { id }),
      template: 'appointment_reminder',
      payload: { bookingId: id, service: '社保卡业务', startsAt: '2026-12-08T01:30:00.000Z', code: 'K7M2Q9XA' },
      now: t.clock.iso(),
    })
    return id
  }
  const allow = (results: Record<string, string> = { [TEMPLATE]: 'accept' }) => t.ok('messages', 'subscribed', { results }, { token })
  const remaining = async () => (await t.ok('messages', 'channels', {}, { token })).channels.find((c) => c.templateId === TEMPLATE)!.remaining
  const rows = () => t.db.selectFrom('outbox').select(['id', 'status', 'attempts', 'error_code', 'error', 'holds_quota']).where('user_id', '=', me.id).orderBy('id').execute()
  const drain = () => drainOutbox(t.services)
  return { t, token, me, openid, remind, allow, remaining, rows, drain }
}

describe.each(engines())('delivery on %s', (engine) => {
  let wx: WeChatStandIn
  let w: Awaited<ReturnType<typeof deliveryWorld>>
  let t: TestBackend
  beforeEach(async () => {
    wx = await startWeChatStandIn()
    w = await deliveryWorld(engine, wx)
    t = w.t
    // What the seed and the sign-in wrote is not these tests' business.
    await t.db.updateTable('outbox').set({ status: 'skipped' }).execute()
  })
  afterEach(async () => {
    await t?.close()
    await wx?.close()
  })

  test('an allowed reminder goes out once, opening the booking, within WeChat’s rules, and spends the subscription', async () => {
    await w.allow()
    await w.allow()
    expect(await w.remaining()).toBe(2)
    const id = await w.remind()
    expect(await w.drain()).toMatchObject({ sent: 1 })
    expect(await w.drain()).toMatchObject({ sent: 0 })
    expect(wx.received).toEqual([
      {
        touser: w.openid,
        template_id: TEMPLATE,
        page: `features/appointments/pages/detail/index?id=${id}`,
        data: { thing1: { value: '社保卡业务' }, time2: { value: '2026年12月8日 09:30' }, thing3: { value: '管道社区党群服务中心' }, character_string4: { value: 'K7M2Q9XA' } },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ])
    expect(await w.remaining()).toBe(1)
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, error_code: null })])
  })

  test('without a subscription left, the notice stays in 消息中心 only', async () => {
    await w.allow({ [TEMPLATE]: 'reject' })
    await w.remind()
    expect(await w.drain()).toMatchObject({ sent: 0, skipped: 1 })
    expect(wx.received).toEqual([])
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'skipped', error_code: 'NO_SUBSCRIPTION' })])
    const inbox = await t.ok('messages', 'list', {}, { token: w.token })
    expect(inbox.items[0].title).toBe('预约提醒')
  })

  test('a kind turned off in 我的 is not sent and keeps its subscription; turned on again, the next one goes', async () => {
    await w.allow()
    await t.ok('messages', 'setAllowed', { kind: 'appointment_reminder', allowed: false }, { token: w.token })
    await w.remind()
    await w.drain()
    expect(wx.received).toEqual([])
    expect(await w.remaining()).toBe(1)
    expect((await w.rows()).map((r) => r.error_code)).toEqual(['OPTED_OUT'])
    const { channels } = await t.ok('messages', 'setAllowed', { kind: 'appointment_reminder', allowed: true }, { token: w.token })
    expect(channels.find((c) => c.kind === 'appointment_reminder')).toMatchObject({ allowed: true, remaining: 1, label: '预约提醒' })
    await w.remind()
    await w.drain()
    expect(wx.received).toHaveLength(1)
  })

  test('43101: given up with the reason kept, and the count follows WeChat to none', async () => {
    await w.allow()
    await w.allow()
    wx.next.push({ errcode: 43101, errmsg: 'user refuse to accept the msg' })
    await w.remind()
    expect(await w.drain()).toMatchObject({ failed: 1 })
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'failed', error_code: '43101', error: expect.stringMatching(/用户拒绝接收或订阅次数已用完/) })])
    expect(await w.remaining()).toBe(0)
  })

  test.each([47003, 40037, 40003, 41030])('%i: given up with the reason kept; the subscription it held is given back', async (errcode) => {
    await w.allow()
    wx.next.push({ errcode })
    await w.remind()
    expect(await w.drain()).toMatchObject({ failed: 1, sent: 0 })
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'failed', error_code: String(errcode), holds_quota: 0 })])
    expect(await w.remaining()).toBe(1)
    expect(await w.drain()).toMatchObject({ failed: 0, sent: 0 })
  })

  test('WeChat busy: tried again after the backoff, sent once, one subscription spent', async () => {
    await w.allow()
    await w.allow()
    wx.next.push({ errcode: -1, errmsg: 'system busy' })
    await w.remind()
    expect(await w.drain()).toMatchObject({ retrying: 1 })
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, error_code: '-1', holds_quota: 1 })])
    t.clock.advance(retryDelay(1) - 1000)
    expect(await w.drain()).toMatchObject({ sent: 0, retrying: 0 })
    t.clock.advance(2000)
    expect(await w.drain()).toMatchObject({ sent: 1 })
    expect(wx.received).toHaveLength(1)
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })])
    expect(await w.remaining()).toBe(1)
  })

  test('turned off while a retry waits: not sent, and the subscription it held is given back', async () => {
    await w.allow()
    wx.next.push({ errcode: -1, errmsg: 'system busy' })
    await w.remind()
    await w.drain()
    expect(await w.remaining()).toBe(0)
    await t.ok('messages', 'setAllowed', { kind: 'appointment_reminder', allowed: false }, { token: w.token })
    t.clock.advance(retryDelay(1))
    expect(await w.drain()).toMatchObject({ sent: 0, skipped: 1 })
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'skipped', error_code: 'OPTED_OUT', holds_quota: 0 })])
    expect(await w.remaining()).toBe(1)
    expect(wx.received).toEqual([])
  })

  test(`still failing after ${MAX_ATTEMPTS} attempts: given up, saying so, and the subscription given back`, async () => {
    await w.allow()
    for (let i = 0; i < MAX_ATTEMPTS; i++) wx.next.push({ errcode: -1, errmsg: 'system busy' })
    await w.remind()
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await w.drain()
      t.clock.advance(retryDelay(i))
    }
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'failed', attempts: MAX_ATTEMPTS, error: expect.stringMatching(new RegExp(`重试${MAX_ATTEMPTS}次仍未成功`)) })])
    expect(await w.remaining()).toBe(1)
    expect(wx.received).toEqual([])
  })

  test('a notice that could not go out for half a day is not sent late', async () => {
    await w.allow()
    wx.next.push({ errcode: -1 })
    await w.remind()
    await w.drain()
    t.clock.advance(MAX_AGE_MS)
    expect(await w.drain()).toMatchObject({ sent: 0, skipped: 1 })
    expect((await w.rows()).map((r) => r.error_code)).toEqual(['EXPIRED'])
    expect(await w.remaining()).toBe(1)
  })

  test('a dispatcher stopped mid-send: its row is ended as interrupted after the lease, never sent again', async () => {
    await w.allow()
    await w.remind()
    await t.db.updateTable('outbox').set({ status: 'sending', claim: 'gone', claimed_at: t.clock.iso(), holds_quota: 1 }).where('user_id', '=', w.me.id).execute()
    t.clock.advance(LEASE_MS - 1000)
    expect(await w.drain()).toMatchObject({ interrupted: 0 })
    t.clock.advance(2000)
    expect(await w.drain()).toMatchObject({ interrupted: 1, sent: 0 })
    expect(await w.rows()).toEqual([expect.objectContaining({ status: 'failed', error_code: 'INTERRUPTED' })])
    expect(wx.received).toEqual([])
  })

  test('the account deleted before the message went: nothing is sent', async () => {
    await w.allow()
    await w.remind()
    await t.db.updateTable('users').set({ deleted_at: t.clock.iso() }).where('id', '=', w.me.id).execute()
    expect(await w.drain()).toMatchObject({ skipped: 1 })
    expect(wx.received).toEqual([])
  })

  test('subscribed refuses a template this server does not send and more than three at once, naming the field', async () => {
    const unknown = await t.call('messages', 'subscribed', { results: { 'no-such-template': 'accept' } }, { token: w.token })
    expect(unknown.error).toMatchObject({ code: 'BAD_INPUT', fields: { results: expect.stringMatching(/没有这个消息模板/) } })
    const four = await t.call('messages', 'subscribed', { results: { a: 'accept', b: 'accept', c: 'accept', d: 'accept' } }, { token: w.token })
    expect(four.error).toMatchObject({ code: 'BAD_INPUT', fields: { results: '一次最多订阅3个模板' } })
    const kind = await t.call('messages', 'setAllowed', { kind: 'parcel', allowed: false }, { token: w.token })
    expect(kind.error).toMatchObject({ code: 'BAD_INPUT', fields: { kind: '没有这个通知类别' } })
    expect(await w.remaining()).toBe(0)
  })

  test('channels list every kind with its group, template and count, for the signed-in person only', async () => {
    await w.allow()
    const other = await t.signIn('resident2')
    const mine = (await t.ok('messages', 'channels', {}, { token: w.token })).channels
    const theirs = (await t.ok('messages', 'channels', {}, { token: other })).channels
    expect(mine.map((c) => c.kind)).toEqual(['hotline', 'appointment_reminder', 'appointment', 'shuttle_reminder', 'shuttle', 'event_reminder', 'event', 'volunteer_reminder', 'volunteer'])
    expect(mine.find((c) => c.kind === 'appointment_reminder')).toEqual({ kind: 'appointment_reminder', group: '办事预约', label: '预约提醒', hint: expect.any(String), templateId: TEMPLATE, allowed: true, remaining: 1 })
    expect(theirs.find((c) => c.kind === 'appointment_reminder')!.remaining).toBe(0)
  })
})

describe.each(engines())('delivery without a sender, and with a slow one, on %s', (engine) => {
  test('no WeChat credentials: notices stay in 消息中心, each marked so', async () => {
    const t = await startBackend(engine)
    try {
      expect(t.services.sender).toBeNull()
      const user = await t.db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow()
      await notify(t.db, { userId: user.id, title: '标题', body: '内容', link: null, template: 'volunteer_certificate', payload: { certificateId: 1, number: null, issued: false, reason: '时长不足' }, now: t.clock.iso() })
      const run = await drainOutbox(t.services)
      const after = await t.db.selectFrom('outbox').select(['status', 'error_code']).execute()
      expect(run.skipped).toBe(after.length)
      expect(after.length).toBeGreaterThan(0)
      expect(after.every((r) => r.status === 'skipped' && r.error_code === 'NO_SENDER')).toBe(true)
    } finally {
      await t.close()
    }
  })

  test('no answer in time: failed as unknown, not tried again, the subscription not given back', async () => {
    const wx = await startWeChatStandIn()
    const w = await deliveryWorld(engine, wx, { timeoutMs: 200 })
    try {
      await w.t.db.updateTable('outbox').set({ status: 'skipped' }).execute()
      await w.allow()
      wx.next.push({ hangMs: 800 })
      await w.remind()
      expect(await w.drain()).toMatchObject({ failed: 1 })
      w.t.clock.advance(DAY_MS / 24)
      expect(await w.drain()).toMatchObject({ sent: 0, failed: 0, retrying: 0 })
      expect(await w.rows()).toEqual([expect.objectContaining({ status: 'failed', error_code: 'TIMEOUT', error: expect.stringMatching(/是否送达未知，不再重发/) })])
      expect(await w.remaining()).toBe(0)
    } finally {
      await w.t.close()
      await wx.close()
    }
  })
})
