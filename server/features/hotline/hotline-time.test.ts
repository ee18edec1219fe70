// Service levels, the sweep, queue order and the 定星 board, with the clock in the test's hands. Days are Beijing
// days: a request at 23:30 in Beijing belongs to that day, one at 00:30 to the next, whatever UTC says.
import { sql } from 'kysely'
import { migrateDownTo, migrateToLatest } from '../../db/migrate'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { sweepHotline } from './sweep'

describe.each(engines())('hotline over time on %s', (engine) => {
  let t: TestBackend
  const tk: Record<string, string> = {}
  const ids: Record<string, number> = {}
  let category: number

  const submit = (who: string, description: string) => t.ok('hotline', 'submit', { categoryId: category, description }, { token: tk[who] })
  const at = (iso: string) => t.clock.set(iso)
  const sweep = () => sweepHotline(t.services)
  const events = async (id: number, kind: string) =>
    t.db.selectFrom('hotline_events').select(['kind', 'actor_role', 'created_at']).where('request_id', '=', id).where('kind', '=', kind).execute()

  beforeAll(async () => {
    t = await startBackend(engine, { now: '2026-11-27T15:00:00.000Z' })
    for (const key of ['resident', 'resident2', 'gridworker', 'gridworker2', 'staff']) {
      tk[key] = await t.signIn(key)
      ids[key] = (await t.db.selectFrom('users').select('id').where('openid', '=', `demo:${key}`).executeTakeFirstOrThrow()).id
    }
    category = (await t.ok('hotline', 'categories', {}, { token: tk.resident }))[0].id
  })
  afterAll(() => t?.close())

  describe('overdue and automatic escalation across a Beijing day boundary', () => {
    let late: number

    test('submitted at 23:30 Beijing (15:30 UTC): due 24 hours later, overdue only after that', async () => {
      at('2026-11-27T15:30:00.000Z')
      const d = await submit('resident', '深夜楼上漏水到我家天花板')
      late = d.id
      expect(d.dueAt).toBe('2026-11-28T15:30:00.000Z')

      at('2026-11-28T15:29:00.000Z')
      expect(await sweep()).toEqual({ overdue: 0, escalated: 0, closed: 0 })
      expect((await t.ok('hotline', 'get', { id: late }, { token: tk.gridworker })).overdue).toBe(false)
      at('2026-11-28T15:30:00.000Z')
      expect((await t.ok('hotline', 'get', { id: late }, { token: tk.gridworker })).overdue).toBe(false)
      expect(await sweep()).toEqual({ overdue: 0, escalated: 0, closed: 0 })

      at('2026-11-28T15:31:00.000Z')
      const w = await t.ok('hotline', 'get', { id: late }, { token: tk.gridworker })
      expect(w).toMatchObject({ overdue: true, dueAt: '2026-11-28T15:30:00.000Z', state: 'submitted' })
      expect((await t.ok('hotline', 'inbox', {}, { token: tk.gridworker })).counts).toEqual({ new: 1, inProgress: 0, overdue: 1, escalated: 0 })
      expect(await sweep()).toEqual({ overdue: 1, escalated: 0, closed: 0 })
      expect(await sweep()).toEqual({ overdue: 0, escalated: 0, closed: 0 })
      expect(await events(late, 'overdue')).toEqual([{ kind: 'overdue', actor_role: 'system', created_at: '2026-11-28T15:31:00.000Z' }])
      // Staff and the grid see the mark in the timeline; the resident's timeline shows what was done for them.
      expect((await t.ok('hotline', 'get', { id: late }, { token: tk.staff })).events.map((e) => [e.kind, e.by])).toEqual([
        ['submitted', '居民'],
        ['overdue', '系统'],
      ])
      const own = await t.ok('hotline', 'get', { id: late }, { token: tk.resident })
      expect(own.events.map((e) => e.kind)).toEqual(['submitted'])
      expect(own.overdue).toBe(true)
    })

    test('48 hours unanswered: escalated to the community once, the resident told', async () => {
      at('2026-11-29T15:30:00.000Z')
      expect(await sweep()).toEqual({ overdue: 0, escalated: 0, closed: 0 })
      at('2026-11-29T15:30:00.001Z')
      expect(await sweep()).toEqual({ overdue: 0, escalated: 1, closed: 0 })
      expect(await sweep()).toEqual({ overdue: 0, escalated: 0, closed: 0 })
      const d = await t.ok('hotline', 'get', { id: late }, { token: tk.staff })
      expect(d).toMatchObject({ state: 'escalated', level: 'community', handler: null, overdue: true })
      expect(d.events.at(-1)).toMatchObject({ kind: 'auto_escalated', by: '系统', at: '2026-11-29T15:30:00.001Z' })
      const queue = await t.ok('hotline', 'inbox', { view: 'escalated' }, { token: tk.staff })
      expect(queue.items.map((i) => i.id)).toEqual([late])
      expect(queue.counts).toMatchObject({ escalated: 1, overdue: 1 })
      // Gone from the grid's queue: the community has it now.
      expect((await t.ok('hotline', 'inbox', {}, { token: tk.gridworker })).items).toEqual([])
      const note = await t.db.selectFrom('notifications').selectAll().where('user_id', '=', ids.resident).execute()
      expect(note.map((n) => n.title)).toEqual(['您的诉求已转社区办理'])
      const out = await t.db.selectFrom('outbox').selectAll().where('user_id', '=', ids.resident).execute()
      expect(out.map((o) => [o.template, o.status, JSON.parse(o.payload).event])).toEqual([['hotline_progress', 'pending', 'auto_escalated']])
      expect((await t.ok('hotline', 'mine', {}, { token: tk.resident })).items[0]).toMatchObject({ id: late, unreadForResident: true })
    })

    test('sent back to the grid by staff, it is not escalated nor marked again', async () => {
      const g01 = (await t.db.selectFrom('grids').select('id').where('code', '=', 'G01').executeTakeFirstOrThrow()).id
      await t.ok('hotline', 'reassign', { id: late, gridId: g01 }, { token: tk.staff })
      t.clock.advance(3 * 86_400_000)
      expect(await sweep()).toEqual({ overdue: 0, escalated: 0, closed: 0 })
      expect((await t.ok('hotline', 'get', { id: late }, { token: tk.gridworker })).state).toBe('submitted')
      // Answering ends the overdue state for good.
      const accepted = await t.ok('hotline', 'accept', { id: late }, { token: tk.gridworker })
      expect(accepted).toMatchObject({ overdue: false, dueAt: null })
    })

    test('an answered request is never overdue', async () => {
      at('2026-12-03T01:00:00.000Z')
      const { id } = await submit('resident', '小区里流浪狗很多，孩子害怕')
      t.clock.advance(2 * 3_600_000)
      await t.ok('hotline', 'accept', { id }, { token: tk.gridworker })
      t.clock.advance(5 * 86_400_000)
      expect(await sweep()).toEqual({ overdue: 0, escalated: 0, closed: 0 })
      expect((await t.ok('hotline', 'get', { id }, { token: tk.gridworker })).overdue).toBe(false)
      await t.ok('hotline', 'resolve', { id, summary: '已联系犬只收容' }, { token: tk.gridworker })
    })

    test('two sweeps at once do the work once', async () => {
      at('2026-12-08T04:00:00.000Z')
      const a = await submit('resident', '同时运行两次巡检的第一条诉求')
      const b = await submit('resident2', '同时运行两次巡检的第二条诉求')
      at('2026-12-20T04:00:01.000Z')
      const results = await Promise.all([sweep(), sweep(), sweep()])
      expect(results.reduce((sum, r) => ({ overdue: sum.overdue + r.overdue, escalated: sum.escalated + r.escalated, closed: sum.closed + r.closed }))).toEqual({ overdue: 2, escalated: 2, closed: expect.any(Number) })
      for (const id of [a.id, b.id]) {
        expect((await events(id, 'overdue')).length).toBe(1)
        expect((await events(id, 'auto_escalated')).length).toBe(1)
        const told = await t.db.selectFrom('notifications').select('id').where('link', 'like', `%id=${id}`).execute()
        expect(told).toHaveLength(1)
      }
      // Staff settle them, so the queues below start clean.
      for (const id of [a.id, b.id]) {
        await t.ok('hotline', 'accept', { id }, { token: tk.staff })
        await t.ok('hotline', 'resolve', { id, summary: '社区已处理完毕' }, { token: tk.staff })
      }
    })
  })

  describe('queues', () => {
    test('a grid worker’s open queue: overdue first, then new and reopened, then in progress; oldest first', async () => {
      const t0 = Date.parse('2026-12-11T00:00:00.000Z')
      const h = (n: number) => at(new Date(t0 + n * 3_600_000).toISOString())
      h(0)
      const x1 = await submit('resident2', '一号：单元门口路面塌陷')
      h(1)
      const x2 = await submit('resident2', '二号：楼顶防水层破损漏雨')
      h(2)
      await t.ok('hotline', 'accept', { id: x2.id }, { token: tk.gridworker2 })
      h(20)
      const x3 = await submit('resident2', '三号：垃圾清运不及时')
      h(21)
      const x4 = await submit('resident2', '四号：健身器材螺丝松动')
      await t.ok('hotline', 'accept', { id: x4.id }, { token: tk.gridworker2 })
      await t.ok('hotline', 'resolve', { id: x4.id, summary: '已紧固螺丝' }, { token: tk.gridworker2 })
      h(22)
      await t.ok('hotline', 'reopen', { id: x4.id, reason: '还是晃动，没修好' }, { token: tk.resident2 })
      h(25)
      const open = await t.ok('hotline', 'inbox', {}, { token: tk.gridworker2 })
      expect(open.items.map((i) => [i.id, i.state, i.overdue])).toEqual([
        [x1.id, 'submitted', true],
        [x3.id, 'submitted', false],
        [x4.id, 'reopened', false],
        [x2.id, 'accepted', false],
      ])
      expect(open.counts).toEqual({ new: 3, inProgress: 1, overdue: 1, escalated: 0 })
      expect(open).toMatchObject({ total: 4, page: 1, hasMore: false })
      const page2 = await t.ok('hotline', 'inbox', { pageSize: 3, page: 2 }, { token: tk.gridworker2 })
      expect(page2.items.map((i) => i.id)).toEqual([x2.id])
      // Staff see the same grid the same way when they filter by it.
      const g08 = (await t.db.selectFrom('grids').select('id').where('code', '=', 'G08').executeTakeFirstOrThrow()).id
      expect((await t.ok('hotline', 'inbox', { gridId: g08 }, { token: tk.staff })).items.map((i) => i.id)).toEqual(open.items.map((i) => i.id))
      const all = await t.ok('hotline', 'inbox', { view: 'all', pageSize: 50 }, { token: tk.gridworker2 })
      expect(all.items.slice(0, 4).map((i) => i.id)).toEqual([x4.id, x3.id, x2.id, x1.id])
      // Settled so the board's own period below has only what it builds.
      for (const x of [x1, x3]) await t.ok('hotline', 'accept', { id: x.id }, { token: tk.gridworker2 })
      for (const x of [x1, x2, x3, x4]) await t.ok('hotline', 'resolve', { id: x.id, summary: '已经处理完毕' }, { token: tk.gridworker2 })
      expect((await t.ok('hotline', 'inbox', {}, { token: tk.gridworker2 })).items).toEqual([])
      expect((await t.ok('hotline', 'inbox', { view: 'done', pageSize: 50 }, { token: tk.gridworker2 })).items.map((i) => i.id)).toEqual(
        expect.arrayContaining([x1.id, x2.id, x3.id, x4.id]),
      )
    })
  })

  describe('定星 board', () => {
    const lapse = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString()

    test('figures per grid and per grid worker for Beijing days', async () => {
      // 2026-12-20 in Beijing runs from 2026-12-19T16:00Z to 2026-12-20T16:00Z.
      at('2026-12-19T16:00:00.000Z') // 00:00 Beijing, the first instant of the day
      const a = await submit('resident', 'A：楼道堆放杂物')
      at(lapse('2026-12-19T16:00:00.000Z', 30))
      await t.ok('hotline', 'accept', { id: a.id }, { token: tk.gridworker })
      at('2026-12-20T02:00:00.000Z')
      const b = await submit('resident', 'B：下水道返味')
      at('2026-12-20T03:00:00.000Z')
      const c = await submit('resident', 'C：路灯不亮')
      at(lapse('2026-12-20T02:00:00.000Z', 90))
      await t.ok('hotline', 'accept', { id: b.id }, { token: tk.gridworker })
      at('2026-12-20T04:00:00.000Z')
      await t.ok('hotline', 'accept', { id: c.id }, { token: tk.gridworker })
      const d = await submit('resident2', 'D：电梯异响')
      at(lapse('2026-12-20T04:00:00.000Z', 10))
      await t.ok('hotline', 'accept', { id: d.id }, { token: tk.gridworker2 })
      at('2026-12-20T05:00:00.000Z')
      await submit('resident2', 'E：没人回应的诉求')
      at('2026-12-20T06:00:00.000Z')
      const f = await submit('resident2', 'F：门禁卡失灵')
      at(lapse('2026-12-20T06:00:00.000Z', 25))
      await t.ok('hotline', 'accept', { id: f.id }, { token: tk.gridworker2 })
      at('2026-12-20T07:00:00.000Z')
      for (const [id, token] of [[a.id, tk.gridworker], [b.id, tk.gridworker], [d.id, tk.gridworker2]] as const) {
        await t.ok('hotline', 'resolve', { id, summary: '已经处理完毕' }, { token })
      }
      await t.ok('hotline', 'rate', { id: a.id, stars: 5 }, { token: tk.resident })
      await t.ok('hotline', 'rate', { id: d.id, stars: 4 }, { token: tk.resident2 })
      await t.ok('hotline', 'reopen', { id: b.id, reason: '还是有味道，没有解决' }, { token: tk.resident })
      at('2026-12-20T07:30:00.000Z')
      await t.ok('hotline', 'resolve', { id: b.id, summary: '更换了存水弯' }, { token: tk.gridworker })
      await t.ok('hotline', 'rate', { id: b.id, stars: 3 }, { token: tk.resident })
      // 23:59 Beijing on the 20th, and 00:30 Beijing on the 21st (still the 20th in UTC).
      at('2026-12-20T15:59:00.000Z')
      const lastMinute = await submit('resident', 'G：当天最后一分钟')
      at('2026-12-20T16:30:00.000Z')
      const nextDay = await submit('resident', 'H：第二天凌晨')

      const board = await t.ok('hotline', 'board', { from: '2026-12-20', to: '2026-12-20' }, { token: tk.staff })
      expect(board.from).toBe('2026-12-20')
      expect(board.grids).toHaveLength(10)
      const g01 = board.grids.find((g) => g.key === 'G01')
      const g08 = board.grids.find((g) => g.key === 'G08')
      // G01: A, B, C and G. First responses after 30, 90 and 60 minutes; A and B resolved, B reopened once.
      expect(g01).toEqual({ key: 'G01', name: '第一网格', requests: 4, medianFirstResponseMinutes: 60, resolvedShare: 0.5, reopenRate: 0.5, averageStars: 4, ratings: 2 })
      // G08: D, E, F. First responses after 10 and 25 minutes; only D resolved, rated 4.
      expect(g08).toEqual({ key: 'G08', name: '第八网格', requests: 3, medianFirstResponseMinutes: 17.5, resolvedShare: 0.3333, reopenRate: 0, averageStars: 4, ratings: 1 })
      expect(board.grids.find((g) => g.key === 'G02')).toEqual({ key: 'G02', name: '第二网格', requests: 0, medianFirstResponseMinutes: null, resolvedShare: null, reopenRate: null, averageStars: null, ratings: 0 })
      const w1 = board.workers.find((w) => w.key === `worker-${ids.gridworker}`)
      const w2 = board.workers.find((w) => w.key === `worker-${ids.gridworker2}`)
      expect(w1).toEqual({ key: `worker-${ids.gridworker}`, name: '赵晓燕', requests: 3, medianFirstResponseMinutes: 60, resolvedShare: 0.6667, reopenRate: 0.5, averageStars: 4, ratings: 2 })
      expect(w2).toEqual({ key: `worker-${ids.gridworker2}`, name: '孙立新', requests: 2, medianFirstResponseMinutes: 17.5, resolvedShare: 0.5, reopenRate: 0, averageStars: 4, ratings: 1 })
      expect(board.workers.map((w) => w.name)).toEqual(expect.arrayContaining(['赵晓燕', '孙立新', '钱卫东']))

      const next = await t.ok('hotline', 'board', { from: '2026-12-21', to: '2026-12-21' }, { token: tk.staff })
      expect(next.grids.find((g) => g.key === 'G01')?.requests).toBe(1)
      const both = await t.ok('hotline', 'board', { from: '2026-12-20', to: '2026-12-21' }, { token: tk.staff })
      expect(both.grids.find((g) => g.key === 'G01')?.requests).toBe(5)
      expect([lastMinute.id, nextDay.id].every(Boolean)).toBe(true)
    })

    test('the request submitted at 23:30 Beijing on 11-27 (15:30 UTC) counts on 11-27, not 11-28', async () => {
      const day27 = await t.ok('hotline', 'board', { from: '2026-11-27', to: '2026-11-27' }, { token: tk.staff })
      // First answered when accepted after being sent back: five days (and a millisecond) after it was submitted.
      expect(day27.grids.find((g) => g.key === 'G01')).toMatchObject({ requests: 1, medianFirstResponseMinutes: 5 * 24 * 60 })
      const day28 = await t.ok('hotline', 'board', { from: '2026-11-28', to: '2026-11-28' }, { token: tk.staff })
      expect(day28.grids.every((g) => g.requests === 0)).toBe(true)
    })

    test('bad periods are named', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
        [{ from: '2026-03-01', to: '2026-13-01' }, 'to'],
        [{ from: '2026-12-10', to: '2026-12-01' }, 'to'],
        [{ from: '2025-01-01', to: '2026-12-31' }, 'to'],
      ]
      for (const [data, field] of cases) {
        const res = await t.call('hotline', 'board', data, { token: tk.staff })
        expect([JSON.stringify(data), res.status, Object.keys(res.error?.fields ?? {})]).toEqual([JSON.stringify(data), 400, [field]])
      }
    })
  })

  test('a resolved request nobody rates is closed, unrated, once it can no longer be reopened', async () => {
    // Weeks later: sessions are signed in afresh as time moves on.
    const signInAgain = async () => {
      for (const key of ['resident', 'gridworker', 'staff']) tk[key] = await t.signIn(key)
    }
    at('2027-01-10T02:00:00.000Z')
    await signInAgain()
    // The requests resolved by the tests above are long past their window: the first sweep closes them.
    expect((await sweep()).closed).toBeGreaterThan(0)
    const { id } = await submit('resident', '单元门禁坏了，刷卡没有反应')
    await t.ok('hotline', 'accept', { id }, { token: tk.gridworker })
    const resolved = await t.ok('hotline', 'resolve', { id, summary: '已更换门禁读卡器' }, { token: tk.gridworker })
    expect(resolved.reopenUntil).toBe('2027-01-17T02:00:00.000Z')
    at('2027-01-17T02:00:00.000Z')
    expect((await sweep()).closed).toBe(0)
    at('2027-01-17T02:00:00.001Z')
    expect((await sweep()).closed).toBe(1)
    expect((await sweep()).closed).toBe(0)
    const d = await t.ok('hotline', 'get', { id }, { token: tk.resident })
    expect(d).toMatchObject({ state: 'closed', rated: false, rating: null, can: { rate: false, reopen: false } })
    expect(d.events.at(-1)).toMatchObject({ kind: 'auto_closed', by: '系统', text: '办结7天内未评价，已自动结案' })
    const late = await t.call('hotline', 'rate', { id, stars: 5 }, { token: tk.resident })
    expect([late.status, late.error?.message]).toEqual([409, '该诉求办结后未评价，已自动结案'])
    // A rated request is closed by its rating, and the sweep leaves it alone.
    const rated = await submit('resident', '楼下垃圾桶满了没人清')
    await t.ok('hotline', 'accept', { id: rated.id }, { token: tk.gridworker })
    await t.ok('hotline', 'resolve', { id: rated.id, summary: '已通知保洁清运' }, { token: tk.gridworker })
    await t.ok('hotline', 'rate', { id: rated.id, stars: 4 }, { token: tk.resident })
    t.clock.advance(20 * 86_400_000)
    await signInAgain()
    expect((await sweep()).closed).toBe(0)
    expect(await t.ok('hotline', 'get', { id: rated.id }, { token: tk.resident })).toMatchObject({ state: 'closed', rated: true })
    expect((await events(rated.id, 'auto_closed')).length).toBe(0)
  })

  test('a database made before the hotline gets its categories from the migration', async () => {
    // Back to the foundation only, as a database deployed before this feature would be, then forward again.
    const undone = await migrateDownTo(t.db as never, '001_foundation')
    expect(undone.slice(0, 2)).toEqual(['002_hotline', '003_appointments'])
    expect(await migrateToLatest(t.db as never)).toEqual(undone)
    const names = (await t.ok('hotline', 'categories', {}, { token: tk.resident })).map((c) => c.name)
    expect(names).toEqual(['证照咨询', '就业帮扶', '民族事务', '矛盾纠纷', '设施报修', '环境卫生', '其他'])
    expect(await t.ok('hotline', 'serviceLevels', {}, { token: tk.staff })).toEqual({ firstResponseHours: 24, autoEscalateHours: 48, reopenDays: 7 })
    const { rows } = await sql<{ n: number }>`select count(*) as n from hotline_requests`.execute(t.db)
    expect(Number(rows[0].n)).toBe(0)
  })
})
