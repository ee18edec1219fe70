// Drivers and staff: a driver's own runs and manifests (what boarding needs, nothing more), check-in by code and
// one tap per rider, departure with no-shows; staff move, cancel and re-plan runs, everyone booked or waiting is
// told with the nearest runs that have room, and rebooks in one tap; an account's seats go with the account.
import { atLocal } from '../../../common/time'
import { DELETE_CONFIRMATION } from '../account/actions'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { shuttleWorld } from './testing'

const D = '2026-11-30'

describe.each(engines())('shuttle door and timetable on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof shuttleWorld>>
  beforeEach(async () => {
    t = await startBackend(engine)
    w = await shuttleWorld(t)
  })
  afterEach(() => t?.close())

  test('a driver sees their own runs and manifests only, without phones or homes; residents see none', async () => {
    const d = await w.departure('to_station', D, '08:30')
    await w.seat('resident', d, { companionIds: [await w.companion('resident', '王德明')] }, { trainNo: 'G1234', trainAt: atLocal(D, '10:05') })
    const mine = await t.ok('shuttle', 'runs', { day: D }, { token: w.tk.driver })
    expect(mine.map((r) => [r.routeName, r.driverName])).toEqual(Array(7).fill(['管道社区 → 徐州东站', '周国强']))
    expect(mine.find((r) => r.id === d.id)).toMatchObject({ booked: 2, boarded: 0 })
    expect(await t.ok('shuttle', 'runs', { day: D }, { token: w.tk.driver2 })).toEqual([])
    expect((await t.call('shuttle', 'manifest', { departureId: d.id }, { token: w.tk.driver2 })).status).toBe(404)
    expect((await t.call('shuttle', 'runs', { day: D }, { token: w.tk.resident })).status).toBe(403)
    const m = await t.ok('shuttle', 'manifest', { departureId: d.id }, { token: w.tk.driver })
    expect(m.stops.map((s) => [s.stop.name, s.riders.map((r) => [r.name, r.relation, r.trainNo])])).toEqual([
      ['管道社区东门', [['李桂芳', '本人', 'G1234'], ['王德明', '配偶', 'G1234']]],
    ])
    expect(JSON.stringify(m)).not.toMatch(/1385214|管道新村|phone/)
    expect(m.counts).toEqual({ booked: 2, boarded: 0, noShow: 0, waiting: 0 })
    // Days before: nothing to check in yet.
    expect(m.can).toEqual({ checkIn: false, depart: false })
  })

  test('check-in by code at the door: once, on the right run; one tap per rider; departing marks the rest no-shows', async () => {
    const [d, other] = [await w.departure('to_station', D, '08:30'), await w.departure('to_station', D, '10:00')]
    const a = (await w.seat('resident', d, { companionIds: [await w.companion('resident', '王德明')] })).data
    const b = (await w.seat('resident2', d)).data
    const c = (await w.seat('volunteer', other)).data
    expect((await t.call('shuttle', 'checkIn', { departureId: d.id, code: a.code }, { token: w.tk.driver })).error?.message).toBe('该班次11月30日 08:30发车，发车前2小时起可核验乘车码')
    t.clock.set(atLocal(D, '06:29'))
    expect((await t.ok('shuttle', 'manifest', { departureId: d.id }, { token: w.tk.driver })).can).toEqual({ checkIn: false, depart: false })
    t.clock.set(atLocal(D, '06:30'))
    expect((await t.ok('shuttle', 'manifest', { departureId: d.id }, { token: w.tk.driver })).can).toEqual({ checkIn: true, depart: true })
    t.clock.set(atLocal(D, '08:20'))
    const after = await t.ok('shuttle', 'checkIn', { departureId: d.id, code: `${a.code.slice(0, 4).toLowerCase()} ${a.code.slice(4)}` }, { token: w.tk.driver })
    expect(after.counts).toMatchObject({ booked: 3, boarded: 2 })
    t.clock.set(atLocal(D, '08:22'))
    const again = await t.call('shuttle', 'checkIn', { departureId: d.id, code: a.code }, { token: w.tk.driver })
    expect([again.status, again.error?.message]).toEqual([409, '该乘车码已于 08:20 由周国强核验，李桂芳、王德明已上车'])
    const wrong = await t.call('shuttle', 'checkIn', { departureId: d.id, code: c.code }, { token: w.tk.driver })
    expect(wrong.error?.message).toBe('这是11月30日（周一）10:00「管道社区 → 徐州东站」的乘车码，不是本班次的')
    expect((await t.call('shuttle', 'checkIn', { departureId: d.id, code: 'ZZZZ2222' }, { token: w.tk.driver })).status).toBe(404)
    // One tap, and a tap to undo.
    const r2 = b.riders[0]!.id
    expect((await t.ok('shuttle', 'board', { departureId: d.id, riderId: r2, boarded: true }, { token: w.tk.driver })).counts.boarded).toBe(3)
    expect((await t.ok('shuttle', 'board', { departureId: d.id, riderId: r2, boarded: false }, { token: w.tk.driver })).counts.boarded).toBe(2)
    expect((await t.call('shuttle', 'board', { departureId: d.id, riderId: r2, boarded: false }, { token: w.tk.driver })).error?.message).toBe('马建国还未上车')
    const gone = await t.ok('shuttle', 'depart', { departureId: d.id }, { token: w.tk.driver })
    expect([gone.departure.state, gone.departure.status, gone.counts]).toEqual(['departed', 'departed', { booked: 3, boarded: 2, noShow: 1, waiting: 0 }])
    expect(gone.can).toEqual({ checkIn: false, depart: false })
    expect((await t.call('shuttle', 'depart', { departureId: d.id }, { token: w.tk.driver })).error?.message).toBe('该班次已发车')
    expect((await t.ok('shuttle', 'get', { id: b.id }, { token: w.tk.resident2 })).riders[0]!.state).toBe('no_show')
    expect((await t.ok('shuttle', 'mine', {}, { token: w.tk.resident })).past.map((x) => [x.id, x.state])).toEqual([[a.id, 'done']])
  })

  test('staff cancel a run: booked and waiting are told, with runs that have room, and rebook in one tap keeping their riders', async () => {
    const d = await w.departure('to_station', D, '13:30')
    await w.seatsOf(d, 2)
    const husband = await w.companion('resident', '王德明')
    const booked = (await w.seat('resident', d, { companionIds: [husband] })).data
    const waiting = (await w.waitFor('resident2', d)).data
    expect(waiting.state).toBe('waiting')
    expect((await t.call('shuttle', 'cancelDeparture', { id: d.id, note: '' }, { token: w.tk.staff })).error?.fields).toEqual({ note: '取消原因至少2个字' })
    expect((await t.call('shuttle', 'cancelDeparture', { id: d.id, note: '道路施工' }, { token: w.tk.resident })).status).toBe(403)
    const cancelled = await t.ok('shuttle', 'cancelDeparture', { id: d.id, note: '道路施工' }, { token: w.tk.staff })
    expect([cancelled.status, cancelled.note]).toEqual(['cancelled', '道路施工'])
    for (const who of ['resident', 'resident2'] as const) {
      const [m] = await w.messages(who)
      expect(m).toMatchObject({ title: '班车取消' })
      expect(m!.body).toContain('11月30日（周一）13:30「管道社区 → 徐州东站」班车取消（道路施工）。尚有座位的班次：11月30日（周一）15:30（余17座）、11月30日（周一）10:00（余17座）')
    }
    const outbox = await t.db.selectFrom('outbox').select('template').where('template', '=', 'shuttle_changed').execute()
    expect(outbox).toHaveLength(2)
    const pass = await t.ok('shuttle', 'get', { id: booked.id }, { token: w.tk.resident })
    expect([pass.state, pass.cancelReason, pass.can.rebook]).toEqual(['cancelled', '班次取消', true])
    const options = await t.ok('shuttle', 'alternatives', { bookingId: booked.id }, { token: w.tk.resident })
    expect(options.map((o) => o.departsAt)).toEqual([atLocal(D, '15:30'), atLocal(D, '10:00'), atLocal(D, '17:30')])
    const rebooked = await t.ok('shuttle', 'rebook', { bookingId: booked.id, departureId: options[0]!.id }, { token: w.tk.resident })
    expect([rebooked.state, rebooked.departure.id, rebooked.riders.map((r) => r.name)]).toEqual(['booked', options[0]!.id, ['李桂芳', '王德明']])
    expect((await t.call('shuttle', 'rebook', { bookingId: booked.id, departureId: options[1]!.id }, { token: w.tk.resident })).error?.message).toBe('该预约已改乘其他班次')
    const fromQueue = await t.ok('shuttle', 'rebook', { waitId: waiting.id, departureId: options[1]!.id }, { token: w.tk.resident2 })
    expect(fromQueue.riders.map((r) => r.name)).toEqual(['马建国'])
    expect((await t.call('shuttle', 'book', { departureId: d.id, stopId: w.firstStop(d), self: true, companionIds: [] }, { token: w.tk.volunteer })).error?.message).toBe('该班次已取消')
  })

  test('staff move a run: everyone is told the new time; more seats go to the queue at once', async () => {
    const d = await w.departure('to_station', D, '10:00')
    await w.seatsOf(d, 1)
    await w.seat('resident', d)
    await w.waitFor('resident2', d)
    expect((await t.call('shuttle', 'changeDeparture', { id: d.id, departs: '10:20', seats: 1 }, { token: w.tk.staff })).error?.fields).toEqual({ note: '请填写调整说明，会告知已预约的居民' })
    const moved = await t.ok('shuttle', 'changeDeparture', { id: d.id, departs: '10:20', seats: 1, note: '司机临时调整' }, { token: w.tk.staff })
    expect([moved.departsAt, moved.movedFrom]).toEqual([atLocal(D, '10:20'), atLocal(D, '10:00')])
    for (const who of ['resident', 'resident2'] as const) {
      expect((await w.messages(who))[0]!.body).toContain('11月30日（周一）10:00「管道社区 → 徐州东站」改为11月30日（周一）10:20发车（司机临时调整）')
    }
    await t.ok('shuttle', 'changeDeparture', { id: d.id, departs: '10:20', seats: 2 }, { token: w.tk.staff })
    expect((await w.messages('resident2'))[0]).toMatchObject({ title: '候补成功，已为您留座' })
    expect(await w.unit(d)).toEqual({ places: 2, taken: 2 })
  })

  test('a changed pattern remakes the runs nobody booked; runs with riders keep their time', async () => {
    const routes = await t.ok('shuttle', 'routes', {}, { token: w.tk.staff })
    const p = routes[0]!.patterns.find((x) => x.departs === '08:30')!
    const booked = await w.departure('to_station', D, '08:30')
    await w.seat('resident', booked)
    await w.departure('to_station', '2026-12-01', '08:30')
    const saved = await t.ok('shuttle', 'savePattern', { ...p, routeId: routes[0]!.id, departs: '08:40', seats: 20 }, { token: w.tk.staff })
    expect(saved.kept).toBe(1)
    expect((await t.ok('shuttle', 'get', { id: (await t.ok('shuttle', 'mine', {}, { token: w.tk.resident })).upcoming[0]!.id }, { token: w.tk.resident })).departure).toMatchObject({ departsAt: atLocal(D, '08:30'), seats: 20 })
    const next = await t.ok('shuttle', 'departures', { direction: 'to_station', day: '2026-12-01' }, { token: w.tk.resident })
    expect(next.departures.map((x) => x.departsAt)).toContain(atLocal('2026-12-01', '08:40'))
    expect(next.departures.map((x) => x.departsAt)).not.toContain(atLocal('2026-12-01', '08:30'))
    expect((await t.call('shuttle', 'savePattern', { ...p, routeId: routes[0]!.id, driverId: (await t.ok('account', 'me', {}, { token: w.tk.resident })).id }, { token: w.tk.staff })).error?.fields).toEqual({ driverId: '请选择班车司机' })
  })

  test('deleting an account frees its seats for the queue and forgets its riders’ names', async () => {
    const d = await w.departure('to_station', D, '15:30')
    await w.seatsOf(d, 2)
    const mine = (await w.seat('resident', d, { companionIds: [await w.companion('resident', '王德明')] })).data
    const queued = (await w.waitFor('resident2', d)).data
    const exported = await t.ok('account', 'exportData', {}, { token: w.tk.resident })
    expect(exported.shuttleSeats).toEqual([expect.objectContaining({ code: mine.code, riders: [expect.objectContaining({ name: '李桂芳' }), expect.objectContaining({ name: '王德明' })] })])
    await t.ok('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token: w.tk.resident })
    expect((await t.ok('shuttle', 'getWait', { id: queued.id }, { token: w.tk.resident2 })).state).toBe('promoted')
    const names = await t.db.selectFrom('shuttle_riders').select('name').where('booking_id', '=', mine.id).execute()
    expect(names).toEqual([{ name: '已注销' }, { name: '已注销' }])
    expect(await w.unit(d)).toEqual({ places: 2, taken: 1 })
  })
})
