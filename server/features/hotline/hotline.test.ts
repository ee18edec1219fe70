import type { ActionSpec, Role } from '../../../common/contract'
import { DAY_MS, engines, isChinese, startBackend, type TestBackend } from '../../testing/harness'
import { hotlineActions, type RequestDetail } from './actions'

const HOUR_MS = 3_600_000

describe.each(engines())('hotline on %s', (engine) => {
  let t: TestBackend
  const tk: Record<string, string> = {}
  const ids: Record<string, number> = {}
  let repair: number
  let other: number

  const userId = async (key: string) => (await t.db.selectFrom('users').select('id').where('openid', '=', `demo:${key}`).executeTakeFirstOrThrow()).id
  const gridId = async (code: string) => (await t.db.selectFrom('grids').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const submit = (who: string, description = '楼道灯坏了，晚上看不见台阶', extra: Record<string, unknown> = {}) =>
    t.ok('hotline', 'submit', { categoryId: repair, description, ...extra }, { token: tk[who] })
  const row = (id: number) => t.db.selectFrom('hotline_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const eventKinds = async (id: number) =>
    (await t.db.selectFrom('hotline_events').select('kind').where('request_id', '=', id).orderBy('id').execute()).map((e) => e.kind)
  const upload = async (owner: string) =>
    (
      await t.db
        .insertInto('uploads')
        .values({ owner_id: ids[owner], kind: 'hotline', storage: 'disk', path_or_file_id: `uploads/${Math.random()}.jpg`, mime: 'image/jpeg', bytes: 1000, created_at: t.clock.iso() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const expectRefused = (res: { status: number; error?: { code: string; message: string } }, status: number, message?: string | RegExp) => {
    expect([res.status, isChinese(res.error?.message)]).toEqual([status, true])
    if (message) expect(res.error?.message).toMatch(message)
  }

  beforeAll(async () => {
    t = await startBackend(engine)
    for (const key of ['resident', 'resident2', 'gridworker', 'gridworker2', 'gridworker5', 'staff', 'admin', 'volunteer']) {
      tk[key] = await t.signIn(key)
      ids[key] = await userId(key)
    }
    const cats = await t.ok('hotline', 'categories', {}, { token: tk.resident })
    repair = cats.find((c) => c.name === '设施报修')!.id
    other = cats.find((c) => c.name === '其他')!.id
  })
  afterAll(() => t?.close())

  describe('categories', () => {
    test('the seeded list, in order; staff add, rename and switch off; residents see only active ones', async () => {
      const seeded = await t.ok('hotline', 'categories', {}, { token: tk.resident })
      expect(seeded.map((c) => c.name)).toEqual(['证照咨询', '就业帮扶', '民族事务', '矛盾纠纷', '设施报修', '环境卫生', '其他'])
      const added = await t.ok('hotline', 'saveCategory', { name: '养老服务' }, { token: tk.staff })
      const elder = added.find((c) => c.name === '养老服务')!
      expect(elder.active).toBe(true)
      expect(added.at(-1)?.name).toBe('养老服务')
      const dup = await t.call('hotline', 'saveCategory', { name: '其他' }, { token: tk.staff })
      expect([dup.status, Object.keys(dup.error?.fields ?? {})]).toEqual([400, ['name']])
      await t.ok('hotline', 'saveCategory', { id: elder.id, name: '为老服务', active: false }, { token: tk.staff })
      expect((await t.ok('hotline', 'categories', {}, { token: tk.resident })).map((c) => c.name)).not.toContain('为老服务')
      // Asking for all is a staff view; a resident asking still gets the active list.
      expect((await t.ok('hotline', 'categories', { all: true }, { token: tk.resident })).map((c) => c.name)).not.toContain('为老服务')
      expect((await t.ok('hotline', 'categories', { all: true }, { token: tk.staff })).find((c) => c.id === elder.id)).toEqual({ id: elder.id, name: '为老服务', active: false })
      const inactive = await t.call('hotline', 'submit', { categoryId: elder.id, description: '想了解助餐服务' }, { token: tk.resident })
      expect([inactive.status, Object.keys(inactive.error?.fields ?? {})]).toEqual([400, ['categoryId']])
      expect((await t.call('hotline', 'saveCategory', { id: 999999, name: '不存在' }, { token: tk.staff })).status).toBe(404)
      expect((await t.call('hotline', 'saveCategory', { name: '居民改名' }, { token: tk.resident })).status).toBe(403)
    })
  })

  describe('submit', () => {
    test('goes to the grid of the building, with one event, a due time and nobody told', async () => {
      const notes = await t.db.selectFrom('notifications').select('id').execute()
      const d = await submit('resident', '  3号楼2单元楼道灯坏了一周了  ')
      expect(d).toMatchObject({
        category: '设施报修',
        description: '3号楼2单元楼道灯坏了一周了',
        state: 'submitted',
        level: 'grid',
        gridName: '第一网格',
        handler: null,
        createdAt: t.clock.iso(),
        dueAt: new Date(t.clock.now().getTime() + 24 * HOUR_MS).toISOString(),
        overdue: false,
        unreadForResident: false,
        resident: null,
        rating: null,
        reopenUntil: null,
        photos: [],
        can: { accept: false, reply: false, resolve: false, escalate: false, reassign: false, rate: false, reopen: false },
      })
      expect(d.events).toEqual([{ id: expect.any(Number), kind: 'submitted', at: t.clock.iso(), by: '居民', text: null, photos: [] }])
      const r = await row(d.id)
      expect(r).toMatchObject({ resident_id: ids.resident, grid_id: await gridId('G01'), submitted_grid_id: await gridId('G01'), assignee_id: null })
      expect(await t.db.selectFrom('notifications').select('id').execute()).toHaveLength(notes.length)
      // It is in the grid's queue as new.
      const inbox = await t.ok('hotline', 'inbox', { pageSize: 50 }, { token: tk.gridworker })
      expect(inbox.items.map((i) => i.id)).toContain(d.id)
      expect((await t.ok('hotline', 'inbox', { pageSize: 50 }, { token: tk.gridworker2 })).items.map((i) => i.id)).not.toContain(d.id)
      expect((await t.ok('hotline', 'mine', {}, { token: tk.resident })).items[0]).toMatchObject({ id: d.id, excerpt: '3号楼2单元楼道灯坏了一周了' })
    })

    test('submitting twice with one key creates one request', async () => {
      const key = 'hotline-submit-0001'
      const before = (await t.ok('hotline', 'mine', {}, { token: tk.resident2 })).total
      const body = { categoryId: other, description: '小区门口垃圾桶满了没人清' }
      const [a, b] = [
        await t.ok('hotline', 'submit', body, { token: tk.resident2, idempotencyKey: key }),
        await t.ok('hotline', 'submit', body, { token: tk.resident2, idempotencyKey: key }),
      ]
      expect(b.id).toBe(a.id)
      expect((await t.ok('hotline', 'mine', {}, { token: tk.resident2 })).total).toBe(before + 1)
    })

    test('photos must be the caller’s own unused uploads; they show on the request', async () => {
      const [p1, p2, theirs] = [await upload('resident'), await upload('resident'), await upload('resident2')]
      const d = await submit('resident', '路灯杆倾斜，有倒下的危险', { photoIds: [p1, p2] })
      expect(d.photos).toEqual([
        { id: p1, url: expect.stringMatching(new RegExp(`^/api/uploads/${p1}\\?e=\\d+&s=`)), state: 'shown' },
        { id: p2, url: expect.stringMatching(new RegExp(`^/api/uploads/${p2}\\?e=\\d+&s=`)), state: 'shown' },
      ])
      for (const photoIds of [[p1], [theirs], [999999], [p2, p2]]) {
        const res = await t.call('hotline', 'submit', { categoryId: repair, description: '再次提交同一张照片', photoIds }, { token: tk.resident })
        expect([JSON.stringify(photoIds), res.status, Object.keys(res.error?.fields ?? {})]).toEqual([JSON.stringify(photoIds), 400, ['photoIds']])
      }
      // On WeChat cloud storage the photo is addressed by its fileID, which the mini-program resolves itself.
      const cloud = (
        await t.db
          .insertInto('uploads')
          .values({ owner_id: ids.resident, kind: 'hotline', storage: 'cloud', path_or_file_id: 'cloud://env-1/hotline/a.jpg', mime: 'image/jpeg', bytes: 900, created_at: t.clock.iso() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      expect((await submit('resident', '云存储里的照片', { photoIds: [cloud] })).photos).toEqual([{ id: cloud, url: 'cloud://env-1/hotline/a.jpg', state: 'shown' }])
      const tooMany = await t.call('hotline', 'submit', { categoryId: repair, description: '四张照片太多了', photoIds: [1, 2, 3, 4] }, { token: tk.resident })
      expect(tooMany.error?.fields?.photoIds).toBe('最多上传3张照片')
    })

    test('only a registered resident can submit', async () => {
      expectRefused(await t.call('hotline', 'submit', { categoryId: repair, description: '工作人员不能提交诉求' }, { token: tk.staff }), 403)
      // A resident whose household was removed is told to register first.
      const token = await t.consentedNewcomer()
      const me = await t.ok('account', 'me', {}, { token })
      await t.db.insertInto('user_roles').values({ user_id: me.id, role: 'resident', granted_by: null, granted_at: t.clock.iso() }).execute()
      expectRefused(await t.call('hotline', 'submit', { categoryId: repair, description: '还没有登记住户信息' }, { token }), 403, /登记住户/)
    })
  })

  describe('authorization', () => {
    let id: number
    beforeAll(async () => {
      id = (await submit('resident', '邻居装修噪音太大，晚上十点还在施工')).id
    })

    test('a resident cannot see or act on another resident’s request: 404, not 403', async () => {
      for (const res of [
        await t.call('hotline', 'get', { id }, { token: tk.resident2 }),
        await t.call('hotline', 'rate', { id, stars: 1 }, { token: tk.resident2 }),
        await t.call('hotline', 'reopen', { id, reason: '我觉得没有解决' }, { token: tk.resident2 }),
        await t.call('hotline', 'get', { id }, { token: tk.volunteer }),
      ]) {
        expectRefused(res, 404)
      }
      expect((await t.ok('hotline', 'mine', { pageSize: 50 }, { token: tk.resident2 })).items.map((i) => i.id)).not.toContain(id)
    })

    test('a grid worker of another grid cannot see or act on it', async () => {
      for (const [action, data] of [
        ['get', { id }],
        ['accept', { id }],
        ['reply', { id, text: '你好' }],
        ['resolve', { id, summary: '已经处理好了' }],
        ['escalate', { id, reason: '需要社区协调' }],
      ] as const) {
        expectRefused(await t.call('hotline', action, data, { token: tk.gridworker2 }), 404)
      }
      expect((await t.ok('hotline', 'inbox', { view: 'all', pageSize: 50 }, { token: tk.gridworker2 })).items.map((i) => i.id)).not.toContain(id)
      expectRefused(await t.call('hotline', 'inbox', { gridId: await gridId('G01') }, { token: tk.gridworker2 }), 403)
    })

    test('the grid’s worker and staff see the resident, phone masked; the resident sees no such block', async () => {
      const resident = { name: '李桂芳', address: '管道新村3号楼 2单元 301室', phone: '138****0001' }
      const byWorker = await t.ok('hotline', 'get', { id }, { token: tk.gridworker })
      expect(byWorker.resident).toEqual(resident)
      expect(byWorker.can).toMatchObject({ accept: true, reply: false, resolve: false, escalate: true, reassign: false })
      const byStaff = await t.ok('hotline', 'get', { id }, { token: tk.staff })
      expect(byStaff.resident).toEqual(resident)
      expect(byStaff.can).toMatchObject({ accept: true, escalate: false, reassign: true, rate: false })
      expect(JSON.stringify([byWorker, byStaff])).not.toContain('13852140001')
      expect((await t.ok('hotline', 'get', { id }, { token: tk.resident })).resident).toBeNull()
    })

    // The pipeline refuses from the action table; this checks the table says what the brief says.
    const PEOPLE: [string, Role[]][] = [
      ['resident', ['resident']],
      ['gridworker', ['grid_worker']],
      ['staff', ['staff']],
      ['admin', ['staff', 'admin']],
    ]
    const roleActions = Object.entries(hotlineActions.actions as Record<string, ActionSpec>).filter(([, s]) => Array.isArray(s.access))
    test.each(roleActions.map(([name, spec]) => [name, spec] as const))('%s refuses every role not in its list', async (name, spec) => {
      const access = spec.access as readonly Role[]
      let refused = 0
      for (const [who, roles] of PEOPLE) {
        if (roles.some((r) => access.includes(r))) continue
        const res = await t.dispatch('hotline', { action: name, data: { id } }, { kind: 'session', token: tk[who] })
        expect([who, res.status, res.error?.code]).toEqual([who, 403, 'FORBIDDEN'])
        refused++
      }
      expect(refused).toBeGreaterThan(0)
      const anonymous = await t.dispatch('hotline', { action: name, data: { id } })
      expect(anonymous.status).toBe(401)
    })

    test('expected roles per action', () => {
      const access = Object.fromEntries(Object.entries(hotlineActions.actions as Record<string, ActionSpec>).map(([k, s]) => [k, s.access]))
      expect(access).toMatchObject({
        submit: ['resident'],
        rate: ['resident'],
        reopen: ['resident'],
        escalate: ['grid_worker'],
        reassign: ['staff', 'admin'],
        residentPhone: ['grid_worker', 'staff', 'admin'],
        board: ['staff', 'admin'],
        setServiceLevels: ['admin'],
        get: 'user',
      })
    })
  })

  describe('tap-to-call the resident', () => {
    let id: number
    const phoneReads = (requestId: number) =>
      t.db.selectFrom('audit_log').selectAll().where('action', '=', 'hotline.resident_phone').where('target_id', '=', String(requestId)).orderBy('id').execute()
    beforeAll(async () => {
      id = (await submit('resident', '楼顶水箱漏水，顶楼天花板渗水')).id
    })

    test('the grid’s worker gets the whole number, and every time is written to the audit log', async () => {
      const shown = await t.ok('hotline', 'get', { id }, { token: tk.gridworker })
      expect([shown.resident?.phone, shown.can.callResident]).toEqual(['138****0001', true])
      expect(await t.ok('hotline', 'residentPhone', { id }, { token: tk.gridworker })).toEqual({ phone: '13852140001' })
      const reads = await phoneReads(id)
      expect(reads).toHaveLength(1)
      expect(reads[0]).toMatchObject({ actor_id: ids.gridworker, action: 'hotline.resident_phone', target_type: 'hotline_request', target_id: String(id), at: t.clock.iso() })
      expect(reads[0].detail ?? '').not.toContain('13852140001')

      // A retry with the same key is answered and recorded again: the number is not kept for replays.
      t.clock.advance(60_000)
      for (let i = 0; i < 2; i++) {
        expect(await t.ok('hotline', 'residentPhone', { id }, { token: tk.gridworker, idempotencyKey: 'call-resident-0001' })).toEqual({ phone: '13852140001' })
      }
      expect(await phoneReads(id)).toHaveLength(3)
      const kept = await t.db.selectFrom('idempotency_keys').select(['key', 'response']).where('user_id', '=', ids.gridworker).execute()
      expect(JSON.stringify(kept)).not.toContain('13852140001')
    })

    test('a worker of another grid gets 404, as does the worker of a grid it left; nothing is recorded', async () => {
      const before = (await phoneReads(id)).length
      expectRefused(await t.call('hotline', 'residentPhone', { id }, { token: tk.gridworker2 }), 404, '没有找到这条诉求')
      expectRefused(await t.call('hotline', 'residentPhone', { id: 999999 }, { token: tk.gridworker }), 404, '没有找到这条诉求')

      const moved = (await submit('resident', '楼道里的消防栓玻璃碎了')).id
      await t.ok('hotline', 'accept', { id: moved }, { token: tk.gridworker })
      await t.ok('hotline', 'reassign', { id: moved, gridId: await gridId('G08') }, { token: tk.staff })
      // The first worker still follows the request, but the resident is no longer theirs to call.
      expect((await t.ok('hotline', 'get', { id: moved }, { token: tk.gridworker })).can.callResident).toBe(false)
      expectRefused(await t.call('hotline', 'residentPhone', { id: moved }, { token: tk.gridworker }), 404)
      expect((await t.ok('hotline', 'get', { id: moved }, { token: tk.gridworker2 })).can.callResident).toBe(true)
      expect(await t.ok('hotline', 'residentPhone', { id: moved }, { token: tk.gridworker2 })).toEqual({ phone: '13852140001' })
      expect(await phoneReads(id)).toHaveLength(before)
      expect(await phoneReads(moved)).toHaveLength(1)
    })

    test('residents are refused by the role check: 403, even for their own request', async () => {
      for (const who of ['resident', 'resident2', 'volunteer']) {
        const res = await t.call('hotline', 'residentPhone', { id }, { token: tk[who] })
        expect([who, res.status, res.error?.code]).toEqual([who, 403, 'FORBIDDEN'])
      }
      expect((await t.ok('hotline', 'get', { id }, { token: tk.resident })).can.callResident).toBe(false)
      expect((await t.call('hotline', 'residentPhone', { id })).status).toBe(401)
    })

    test('staff and admins get it for any grid, recorded under their own name', async () => {
      expect((await t.ok('hotline', 'get', { id }, { token: tk.staff })).can.callResident).toBe(true)
      expect(await t.ok('hotline', 'residentPhone', { id }, { token: tk.staff })).toEqual({ phone: '13852140001' })
      const other = (await submit('resident2', '红石榴家园小区门禁卡失灵')).id
      expect(await t.ok('hotline', 'residentPhone', { id: other }, { token: tk.admin })).toEqual({ phone: '13852140002' })
      expect((await phoneReads(id)).at(-1)?.actor_id).toBe(ids.staff)
      expect((await phoneReads(other)).map((r) => r.actor_id)).toEqual([ids.admin])
    })

    test('a resident without a phone: no call button, and 404 with a reason', async () => {
      const token = await t.consentedNewcomer()
      const building = await t.db.selectFrom('buildings').select('id').where('name', '=', '管道新村1号楼').executeTakeFirstOrThrow()
      const me = await t.ok('account', 'register', { name: '吴淑珍', phone: '13700001111', buildingId: building.id, unit: 1, room: '102' }, { token })
      const { id: own } = await t.ok('hotline', 'submit', { categoryId: repair, description: '家里水表走字异常' }, { token })
      await t.db.updateTable('users').set({ phone: null }).where('id', '=', me.id).execute()
      const shown = await t.ok('hotline', 'get', { id: own }, { token: tk.gridworker })
      expect(shown.resident).toMatchObject({ name: '吴淑珍', phone: '' })
      expect(shown.can.callResident).toBe(false)
      expectRefused(await t.call('hotline', 'residentPhone', { id: own }, { token: tk.gridworker }), 404, '没有登记电话')
      expect(await phoneReads(own)).toEqual([])
    })
  })

  describe('transitions', () => {
    test('accept → reply (with a photo) → resolve → rate closes it, once', async () => {
      const { id } = await submit('resident')
      t.clock.advance(30 * 60_000)
      const accepted = await t.ok('hotline', 'accept', { id }, { token: tk.gridworker })
      expect(accepted).toMatchObject({ state: 'accepted', handler: '网格员 赵晓燕', dueAt: null, overdue: false })
      expect(accepted.can).toMatchObject({ accept: false, reply: true, resolve: true, escalate: true })
      expect((await row(id)).first_response_at).toBe(t.clock.iso())
      const firstResponse = t.clock.iso()
      expectRefused(await t.call('hotline', 'accept', { id }, { token: tk.gridworker }), 409, '您已受理该诉求')

      t.clock.advance(60_000)
      const photo = await upload('gridworker')
      const replied = await t.ok('hotline', 'reply', { id, text: '明天上午电工上门更换灯泡', photoIds: [photo] }, { token: tk.gridworker })
      expect(replied.events.at(-1)).toMatchObject({ kind: 'reply', by: '网格员 赵晓燕', text: '明天上午电工上门更换灯泡', photos: [{ id: photo, url: expect.stringContaining(`/api/uploads/${photo}?`) }] })
      expect((await row(id)).first_response_at).toBe(firstResponse)

      t.clock.advance(DAY_MS)
      const resolved = await t.ok('hotline', 'resolve', { id, summary: '已更换楼道灯，恢复照明' }, { token: tk.gridworker })
      expect(resolved).toMatchObject({ state: 'resolved', reopenUntil: new Date(t.clock.now().getTime() + 7 * DAY_MS).toISOString() })
      expect(resolved.can).toMatchObject({ reply: false, resolve: false, accept: false, escalate: false })

      const mine = await t.ok('hotline', 'get', { id }, { token: tk.resident })
      expect(mine.can).toMatchObject({ rate: true, reopen: true })
      expect(mine.events.map((e) => e.kind)).toEqual(['submitted', 'accepted', 'reply', 'resolved'])

      const rated = await t.ok('hotline', 'rate', { id, stars: 5, comment: '  网格员很负责  ' }, { token: tk.resident })
      expect(rated).toMatchObject({ state: 'closed', rating: { stars: 5, comment: '网格员很负责', at: t.clock.iso() }, reopenUntil: null })
      expect(rated.can).toMatchObject({ rate: false, reopen: false })
      expect(rated.events.at(-1)).toMatchObject({ kind: 'rated', by: '居民', text: '评价5星：网格员很负责' })
      expectRefused(await t.call('hotline', 'rate', { id, stars: 1 }, { token: tk.resident }), 409, '您已评价过该诉求')
      expectRefused(await t.call('hotline', 'reopen', { id, reason: '评价之后又坏了' }, { token: tk.resident }), 409)
      expect((await row(id)).rating_stars).toBe(5)
    })

    test('reopen within the reopen days, counted; after them → 409', async () => {
      const { id } = await submit('resident', '家门口下水道堵塞返味')
      await t.ok('hotline', 'accept', { id }, { token: tk.gridworker })
      await t.ok('hotline', 'resolve', { id, summary: '已疏通下水道' }, { token: tk.gridworker })
      expectRefused(await t.call('hotline', 'reopen', { id, reason: '短' }, { token: tk.resident }), 400)
      t.clock.advance(6 * DAY_MS)
      const reopened = await t.ok('hotline', 'reopen', { id, reason: '第二天又堵了，还是返味' }, { token: tk.resident })
      expect(reopened).toMatchObject({ state: 'reopened', handler: '网格员 赵晓燕', reopenUntil: null })
      expect((await row(id)).reopen_count).toBe(1)
      // The one who held it carries on without accepting again.
      const w = await t.ok('hotline', 'get', { id }, { token: tk.gridworker })
      expect(w.can).toMatchObject({ accept: true, reply: true, resolve: true })
      await t.ok('hotline', 'resolve', { id, summary: '更换了破损的管道' }, { token: tk.gridworker })
      t.clock.advance(7 * DAY_MS + 60_000)
      expect((await t.ok('hotline', 'get', { id }, { token: tk.resident })).can.reopen).toBe(false)
      expectRefused(await t.call('hotline', 'reopen', { id, reason: '过了一周又堵了' }, { token: tk.resident }), 409, /超过7天/)
      expect((await t.ok('hotline', 'rate', { id, stars: 3 }, { token: tk.resident })).state).toBe('closed')
      expect(await eventKinds(id)).toEqual(['submitted', 'accepted', 'resolved', 'reopened', 'resolved', 'rated'])
    })

    test('states only change along the table: the rest is 409 with a reason', async () => {
      const { id } = await submit('resident', '单元门禁坏了，门关不上')
      expectRefused(await t.call('hotline', 'reply', { id, text: '收到' }, { token: tk.gridworker }), 409, '请先受理')
      expectRefused(await t.call('hotline', 'resolve', { id, summary: '已经修好门禁' }, { token: tk.gridworker }), 409, '请先受理')
      expectRefused(await t.call('hotline', 'rate', { id, stars: 4 }, { token: tk.resident }), 409, '办结后才能评价')
      expectRefused(await t.call('hotline', 'reopen', { id, reason: '还没有处理呢' }, { token: tk.resident }), 409)
      await t.ok('hotline', 'accept', { id }, { token: tk.gridworker })
      expectRefused(await t.call('hotline', 'rate', { id, stars: 4 }, { token: tk.resident }), 409)
      await t.ok('hotline', 'resolve', { id, summary: '已修好门禁闭门器' }, { token: tk.gridworker })
      expectRefused(await t.call('hotline', 'escalate', { id, reason: '办结后再上报社区' }, { token: tk.gridworker }), 409, '已办结')
      expectRefused(await t.call('hotline', 'reassign', { id, takeOver: true }, { token: tk.staff }), 409, '已办结')
      expectRefused(await t.call('hotline', 'reply', { id, text: '再补充一句' }, { token: tk.staff }), 409)
      expect((await row(id)).state).toBe('resolved')
    })

    test('escalate: the community takes it; the grid worker follows it but cannot act', async () => {
      const { id } = await submit('resident', '楼上住户长期占用消防通道堆放杂物')
      await t.ok('hotline', 'accept', { id }, { token: tk.gridworker })
      const escalated = await t.ok('hotline', 'escalate', { id, reason: '多次劝说无效，需要社区协调处理' }, { token: tk.gridworker })
      expect(escalated).toMatchObject({ state: 'escalated', level: 'community', handler: null })
      expect(escalated.can).toMatchObject({ accept: false, reply: false, resolve: false, escalate: false })
      expectRefused(await t.call('hotline', 'accept', { id }, { token: tk.gridworker }), 409, '由社区工作人员')
      expectRefused(await t.call('hotline', 'escalate', { id, reason: '再次上报社区处理' }, { token: tk.gridworker }), 409)
      // It left the grid worker's queue for the staff's escalated queue.
      expect((await t.ok('hotline', 'inbox', { pageSize: 50 }, { token: tk.gridworker })).items.map((i) => i.id)).not.toContain(id)
      expect((await t.ok('hotline', 'inbox', { view: 'escalated', pageSize: 50 }, { token: tk.gridworker })).items.map((i) => i.id)).toContain(id)
      const queue = await t.ok('hotline', 'inbox', { view: 'escalated', pageSize: 50 }, { token: tk.staff })
      expect(queue.items.find((i) => i.id === id)).toMatchObject({ state: 'escalated', level: 'community' })
      expect(queue.counts.escalated).toBeGreaterThanOrEqual(1)

      const byStaff = await t.ok('hotline', 'accept', { id }, { token: tk.staff })
      expect(byStaff).toMatchObject({ state: 'accepted', level: 'community', handler: '社区工作人员' })
      await t.ok('hotline', 'reply', { id, text: '社区已联系物业协同清理' }, { token: tk.admin })
      const done = await t.ok('hotline', 'resolve', { id, summary: '消防通道已清理完毕' }, { token: tk.staff })
      expect(done.events.map((e) => [e.kind, e.by])).toEqual([
        ['submitted', '居民'],
        ['accepted', '网格员 赵晓燕'],
        ['escalated', '网格员 赵晓燕'],
        ['accepted', '社区工作人员'],
        ['reply', '社区工作人员'],
        ['resolved', '社区工作人员'],
      ])
    })

    test('reassign to another grid: its worker takes over; the first grid loses it', async () => {
      const { id } = await submit('resident', '想咨询少数民族学生助学政策')
      await t.ok('hotline', 'accept', { id }, { token: tk.gridworker })
      const g08 = await gridId('G08')
      const moved = await t.ok('hotline', 'reassign', { id, gridId: g08 }, { token: tk.staff })
      expect(moved).toMatchObject({ state: 'submitted', level: 'grid', gridName: '第八网格', handler: null })
      expectRefused(await t.call('hotline', 'reassign', { id, gridId: g08 }, { token: tk.staff }), 409, '第八网格')
      expectRefused(await t.call('hotline', 'reassign', { id }, { token: tk.staff }), 400)
      expectRefused(await t.call('hotline', 'reassign', { id, gridId: 999999 }, { token: tk.staff }), 400)
      // The worker who handled it before still sees the request, not the resident, and may do nothing.
      const before = await t.ok('hotline', 'get', { id }, { token: tk.gridworker })
      expect(before.resident).toBeNull()
      expect(Object.values(before.can).every((v) => v === false)).toBe(true)
      expectRefused(await t.call('hotline', 'accept', { id }, { token: tk.gridworker }), 403, '不在您负责的网格')
      expectRefused(await t.call('hotline', 'escalate', { id, reason: '我来上报社区' }, { token: tk.gridworker }), 403)
      // A G01 worker who never touched it does not see it at all.
      await t.db.insertInto('grid_workers').values({ user_id: ids.gridworker5, grid_id: await gridId('G01') }).execute()
      expectRefused(await t.call('hotline', 'get', { id }, { token: tk.gridworker5 }), 404)
      await t.db.deleteFrom('grid_workers').where('user_id', '=', ids.gridworker5).where('grid_id', '=', await gridId('G01')).execute()

      const theirs = await t.ok('hotline', 'accept', { id }, { token: tk.gridworker2 })
      expect(theirs).toMatchObject({ state: 'accepted', handler: '网格员 孙立新' })
      expect(theirs.resident).toMatchObject({ name: '李桂芳' })

      const taken = await t.ok('hotline', 'reassign', { id, takeOver: true }, { token: tk.staff })
      expect(taken).toMatchObject({ state: 'accepted', level: 'community', handler: '社区工作人员' })
      expect((await row(id)).assignee_id).toBe(ids.staff)
      expectRefused(await t.call('hotline', 'reassign', { id, takeOver: true }, { token: tk.staff }), 409, '您已在办理')
      expectRefused(await t.call('hotline', 'reply', { id, text: '我来继续跟进' }, { token: tk.gridworker2 }), 409)
      expectRefused(await t.call('hotline', 'reassign', { id, gridId: g08, takeOver: true }, { token: tk.staff }), 400)
    })

    test('a grid worker cannot act on a colleague’s request; only the holder replies and resolves', async () => {
      const g01 = await gridId('G01')
      await t.db.insertInto('grid_workers').values({ user_id: ids.gridworker5, grid_id: g01 }).execute()
      try {
        const { id } = await submit('resident', '小区健身器材损坏需要维修')
        await t.ok('hotline', 'accept', { id }, { token: tk.gridworker })
        expectRefused(await t.call('hotline', 'accept', { id }, { token: tk.gridworker5 }), 409, '已被其他网格员受理')
        expectRefused(await t.call('hotline', 'reply', { id, text: '我也看看' }, { token: tk.gridworker5 }), 409, '其他网格员')
        expectRefused(await t.call('hotline', 'escalate', { id, reason: '同事的我来上报' }, { token: tk.gridworker5 }), 409, '已被其他网格员受理')
        expect((await t.ok('hotline', 'get', { id }, { token: tk.gridworker5 })).can).toMatchObject({ accept: false, reply: false, resolve: false, escalate: false })
      } finally {
        await t.db.deleteFrom('grid_workers').where('user_id', '=', ids.gridworker5).where('grid_id', '=', g01).execute()
      }
    })

    test('two grid workers accepting at once: exactly one owner, the other told so', async () => {
      const g01 = await gridId('G01')
      await t.db.insertInto('grid_workers').values({ user_id: ids.gridworker5, grid_id: g01 }).execute()
      try {
        for (let round = 0; round < 5; round++) {
          const { id } = await submit('resident', `第${round + 1}次同时受理测试：电梯异响`)
          const results = await Promise.all([
            t.call('hotline', 'accept', { id }, { token: tk.gridworker }),
            t.call('hotline', 'accept', { id }, { token: tk.gridworker5 }),
          ])
          const statuses = results.map((r) => r.status).sort()
          expect(statuses).toEqual([200, 409])
          const loser = results.find((r) => r.status === 409)!
          expect(loser.error).toEqual({ code: 'CONFLICT', message: '已被其他网格员受理' })
          const winner = results.findIndex((r) => r.status === 200)
          expect((await row(id)).assignee_id).toBe([ids.gridworker, ids.gridworker5][winner])
          expect((await eventKinds(id)).filter((k) => k === 'accepted')).toHaveLength(1)
          const told = await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.resident).where('link', 'like', `%id=${id}`).execute()
          expect(told).toHaveLength(1)
        }
      } finally {
        await t.db.deleteFrom('grid_workers').where('user_id', '=', ids.gridworker5).where('grid_id', '=', g01).execute()
      }
    })
  })

  describe('messages and outbox', () => {
    test('each reply and state change tells the resident, in the message centre and the outbox, in step', async () => {
      const { id } = await submit('resident2', '楼下烧烤油烟太大影响休息')
      const countFor = async (table: 'notifications' | 'outbox', user: number) =>
        Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user).executeTakeFirstOrThrow()).n)
      const steps: [string, () => Promise<RequestDetail>, string, string][] = [
        ['accept', () => t.ok('hotline', 'accept', { id }, { token: tk.gridworker2 }), 'resident2', '您的诉求已受理'],
        ['reply', () => t.ok('hotline', 'reply', { id, text: '已联系商户加装油烟净化器' }, { token: tk.gridworker2 }), 'resident2', '您的诉求有新回复'],
        ['resolve', () => t.ok('hotline', 'resolve', { id, summary: '商户已加装净化器' }, { token: tk.gridworker2 }), 'resident2', '您的诉求已办结'],
        ['reopen', () => t.ok('hotline', 'reopen', { id, reason: '晚上还是有油烟' }, { token: tk.resident2 }), 'gridworker2', '居民重新打开了诉求'],
        ['escalate', () => t.ok('hotline', 'escalate', { id, reason: '商户不配合，需要执法' }, { token: tk.gridworker2 }), 'resident2', '您的诉求已上报社区'],
        ['takeOver', () => t.ok('hotline', 'reassign', { id, takeOver: true }, { token: tk.staff }), 'resident2', '社区工作人员已接手您的诉求'],
        ['resolve', () => t.ok('hotline', 'resolve', { id, summary: '联合城管整治完毕' }, { token: tk.staff }), 'resident2', '您的诉求已办结'],
        ['rate', () => t.ok('hotline', 'rate', { id, stars: 4 }, { token: tk.resident2 }), 'staff', '居民评价了您办理的诉求'],
      ]
      for (const [name, run, who, title] of steps) {
        const [n0, o0] = [await countFor('notifications', ids[who]), await countFor('outbox', ids[who])]
        await run()
        expect([name, await countFor('notifications', ids[who]), await countFor('outbox', ids[who])]).toEqual([name, n0 + 1, o0 + 1])
        const note = await t.db.selectFrom('notifications').selectAll().where('user_id', '=', ids[who]).orderBy('id', 'desc').executeTakeFirstOrThrow()
        expect([name, note.title, note.link, note.read_at]).toEqual([name, title, `/features/hotline/pages/detail/index?id=${id}`, null])
        const out = await t.db.selectFrom('outbox').selectAll().where('user_id', '=', ids[who]).orderBy('id', 'desc').executeTakeFirstOrThrow()
        expect([name, out.channel, out.status, out.sent_at]).toEqual([name, 'wechat_subscribe', 'pending', null])
        expect(JSON.parse(out.payload)).toMatchObject({ requestId: id, category: '设施报修', title, link: note.link, at: t.clock.iso() })
      }
      expect(await eventKinds(id)).toEqual(['submitted', 'accepted', 'reply', 'resolved', 'reopened', 'escalated', 'reassigned', 'resolved', 'rated'])
    })

    test('a change the resident has not opened is marked unread in their list until they open it', async () => {
      const { id } = await submit('resident2', '电动车在楼道充电有安全隐患')
      expect((await t.ok('hotline', 'mine', {}, { token: tk.resident2 })).items[0]).toMatchObject({ id, unreadForResident: false })
      t.clock.advance(60_000)
      await t.ok('hotline', 'accept', { id }, { token: tk.gridworker2 })
      expect((await t.ok('hotline', 'mine', {}, { token: tk.resident2 })).items[0]).toMatchObject({ id, unreadForResident: true })
      expect((await t.ok('hotline', 'get', { id }, { token: tk.gridworker2 })).unreadForResident).toBe(true)
      await t.ok('hotline', 'get', { id }, { token: tk.resident2 })
      expect((await t.ok('hotline', 'mine', {}, { token: tk.resident2 })).items[0]).toMatchObject({ id, unreadForResident: false })
    })
  })

  describe('quick replies and service levels', () => {
    test('quick replies are per person; saved once; deleted by their owner only; at most 20', async () => {
      expect(await t.ok('hotline', 'quickReplies', {}, { token: tk.gridworker })).toEqual([])
      const list = await t.ok('hotline', 'saveQuickReply', { text: '您好，已收到您的诉求，马上安排处理。' }, { token: tk.gridworker })
      expect(list).toEqual([{ id: expect.any(Number), text: '您好，已收到您的诉求，马上安排处理。' }])
      expect(await t.ok('hotline', 'saveQuickReply', { text: '您好，已收到您的诉求，马上安排处理。' }, { token: tk.gridworker })).toEqual(list)
      expect(await t.ok('hotline', 'quickReplies', {}, { token: tk.gridworker2 })).toEqual([])
      expectRefused(await t.call('hotline', 'deleteQuickReply', { id: list[0].id }, { token: tk.gridworker2 }), 404)
      expect(await t.ok('hotline', 'deleteQuickReply', { id: list[0].id }, { token: tk.gridworker })).toEqual([])
      for (let i = 0; i < 20; i++) await t.ok('hotline', 'saveQuickReply', { text: `常用回复第${i + 1}条` }, { token: tk.staff })
      expectRefused(await t.call('hotline', 'saveQuickReply', { text: '第二十一条' }, { token: tk.staff }), 409, '最多20条')
    })

    test('service levels: staff read them, only an admin sets them, and escalation must come after the first response', async () => {
      expect(await t.ok('hotline', 'serviceLevels', {}, { token: tk.staff })).toEqual({ firstResponseHours: 24, autoEscalateHours: 48, reopenDays: 7 })
      expectRefused(await t.call('hotline', 'setServiceLevels', { firstResponseHours: 12, autoEscalateHours: 36 }, { token: tk.staff }), 403)
      const bad = await t.call('hotline', 'setServiceLevels', { firstResponseHours: 24, autoEscalateHours: 24 }, { token: tk.admin })
      expect([bad.status, Object.keys(bad.error?.fields ?? {})]).toEqual([400, ['autoEscalateHours']])
      expect(await t.ok('hotline', 'setServiceLevels', { firstResponseHours: 12, autoEscalateHours: 36 }, { token: tk.admin })).toEqual({ firstResponseHours: 12, autoEscalateHours: 36, reopenDays: 7 })
      const d = await submit('resident')
      expect(d.dueAt).toBe(new Date(t.clock.now().getTime() + 12 * HOUR_MS).toISOString())
      const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'hotline.serviceLevels').execute()
      expect(audit).toHaveLength(1)
      await t.ok('hotline', 'setServiceLevels', { firstResponseHours: 24, autoEscalateHours: 48 }, { token: tk.admin })
    })
  })

  test('unknown request ids are 404 for everyone', async () => {
    for (const token of [tk.resident, tk.gridworker, tk.staff]) {
      const res = await t.call('hotline', 'get', { id: 999999 }, { token })
      expect(res.error).toEqual({ code: 'NOT_FOUND', message: '没有找到这条诉求' })
    }
  })
})
