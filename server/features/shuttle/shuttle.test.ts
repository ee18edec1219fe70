// Residents and the timetable: departures by direction and day, 赶火车, seats for the booker and 常用乘车人, the
// booking windows in Beijing time, the waiting list with whole-party promotion, partial cancellation and moving.
import { atLocal } from '../../../common/time'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { shuttleWorld } from './testing'

const D = '2026-11-30' // a Monday; the tests start on Friday 2026-11-27 10:00 in Beijing (T0)

describe.each(engines())('shuttle seats on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof shuttleWorld>>
  beforeEach(async () => {
    t = await startBackend(engine)
    w = await shuttleWorld(t)
  })
  afterEach(() => t?.close())

  test('the day’s departures by direction with seats and phase, made once from the weekly pattern', async () => {
    const to = await t.ok('shuttle', 'departures', { direction: 'to_station', day: D }, { token: w.tk.resident })
    expect(to.days).toHaveLength(8)
    expect(to.days[0]).toBe('2026-11-27')
    expect(to.departures.map((d) => [new Date(Date.parse(d.departsAt) + 8 * 3_600_000).toISOString().slice(11, 16), d.seatsLeft, d.status])).toEqual(
      ['06:20', '07:10', '08:30', '10:00', '13:30', '15:30', '17:30'].map((hhmm) => [hhmm, 17, 'open']),
    )
    const first = to.departures[0]!
    expect(first.stops.map((s) => [s.name, s.minutes])).toEqual([['管道社区东门', 0], ['红石榴广场', 5], ['徐州东站东广场', 35]])
    expect(first.stationAt).toBe(new Date(Date.parse(first.departsAt) + 35 * 60_000).toISOString())
    // Early runs close at 18:00 the day before in Beijing; the others 30 minutes before the first stop.
    expect(first.closesAt).toBe(atLocal('2026-11-29', '18:00'))
    expect(to.departures[2]!.closesAt).toBe(atLocal(D, '08:00'))
    await t.ok('shuttle', 'departures', { direction: 'to_station', day: D }, { token: w.tk.resident2 })
    const rows = await t.db.selectFrom('shuttle_departures').select('id').where('day', '=', D).execute()
    expect(rows).toHaveLength(7)
    const back = await t.ok('shuttle', 'departures', { direction: 'from_station', day: D }, { token: w.tk.resident })
    expect(back.departures).toHaveLength(8)
    expect(back.departures[0]!.stops[0]!.name).toBe('徐州东站东广场')
    const far = await t.call('shuttle', 'departures', { direction: 'to_station', day: '2026-12-05' }, { token: w.tk.resident })
    expect([far.status, far.error?.fields]).toEqual([400, { day: '只能查看今天起7天内的班次' }])
  })

  test('未开放 until N days ahead at the opening time, in Beijing, and booking refused until then', async () => {
    t.clock.set(atLocal('2026-11-27', '07:59'))
    const last = await w.departure('to_station', '2026-12-04', '13:30')
    expect([last.status, last.opensAt]).toEqual(['not_open', atLocal('2026-11-27', '08:00')])
    expect((await w.seat('resident', last)).error?.message).toBe('该班次11月27日（周五）08:00开放预约')
    t.clock.set(atLocal('2026-11-27', '08:00'))
    expect((await w.seat('resident', last)).status).toBe(200)
  })

  test('a seat for oneself and one of 常用乘车人, with the train; bad input names the field and writes nothing', async () => {
    const husband = await w.companion('resident', '王德明', '配偶')
    const neighbours = await w.companion('resident2', '马小军', '子女')
    const d = await w.departure('to_station', D, '08:30')
    const cases: [object, string, string][] = [
      [{ self: false, companionIds: [] }, 'companionIds', '请选择乘车人'],
      [{ companionIds: [neighbours] }, 'companionIds.0', '该常用乘车人不存在，请刷新后重选'],
      [{ trainNo: 'abc' }, 'trainNo', '车次格式应为 G1234、D56 或 K1024'],
      [{ stopId: w.lastStop(d) }, 'stopId', '请选择上车站点'],
      [{ companionIds: [husband, husband] }, 'companionIds', '乘车人重复'],
      [{ companionIds: [1, 2, 3, 4] }, 'companionIds', '一次最多预约4个座位'],
    ]
    for (const [extra, field, message] of cases) {
      const res = await t.call('shuttle', 'book', { departureId: d.id, stopId: w.firstStop(d), self: true, companionIds: [], ...extra }, { token: w.tk.resident })
      expect([res.status, res.error?.fields?.[field]]).toEqual([400, message])
    }
    expect(await t.db.selectFrom('shuttle_bookings').select('id').execute()).toEqual([])

    const trainAt = atLocal(D, '10:05')
    const b = await w.seat('resident', d, { companionIds: [husband] }, { trainNo: 'g1234', trainAt })
    expect(b.status).toBe(200)
    expect(b.data).toMatchObject({ state: 'booked', seats: 2, trainNo: 'G1234', trainAt, stop: { name: '管道社区东门', at: d.departsAt }, fromWaitingList: false })
    expect(b.data.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
    expect(b.data.riders.map((r) => [r.name, r.relation, r.state])).toEqual([
      ['李桂芳', '本人', 'booked'],
      ['王德明', '配偶', 'booked'],
    ])
    expect(b.data.can).toEqual({ cancel: true, move: true, rebook: false })
    expect(b.data.cancelUntil).toBe(atLocal(D, '07:30'))
    const after = await w.departure('to_station', D, '08:30')
    expect([after.seatsLeft, after.mine.bookingId]).toEqual([15, b.data.id])
    expect((await w.seat('resident', d)).error?.message).toBe('您已预约该班次，可在“我的乘车”中查看或修改')
    expect(await w.unit(d)).toEqual({ places: 17, taken: 2 })
    // Nobody else reads it.
    expect((await t.call('shuttle', 'get', { id: b.data.id }, { token: w.tk.resident2 })).status).toBe(404)
    expect((await t.ok('shuttle', 'mine', {}, { token: w.tk.resident })).upcoming.map((x) => x.id)).toEqual([b.data.id])
  })

  test('the first morning runs close at 18:00 the day before in Beijing; a run at 00:10 closes the evening before it', async () => {
    const early = await w.departure('to_station', D, '06:20')
    t.clock.set(atLocal('2026-11-29', '17:59'))
    expect((await w.seat('resident', early)).status).toBe(200)
    t.clock.set(atLocal('2026-11-29', '18:00'))
    expect((await w.seat('resident2', early)).error?.message).toBe('该班次已于11月29日（周日）18:00截止预约')
    // An extra run at 00:10 on 12-01 belongs to 12-01: it closes at 18:00 on 11-30, Beijing, which is 10:00 UTC.
    const routes = await t.ok('shuttle', 'routes', {}, { token: w.tk.staff })
    const run = await t.ok('shuttle', 'addRun', { routeId: routes[0]!.id, day: '2026-12-01', departs: '00:10', seats: 17, driverId: null, note: '春运加开' }, { token: w.tk.staff })
    expect([run.departsAt, run.closesAt]).toEqual(['2026-11-30T16:10:00.000Z', '2026-11-30T10:00:00.000Z'])
    t.clock.set('2026-11-30T09:59:00.000Z')
    expect((await w.seat('resident', run)).status).toBe(200)
    t.clock.set('2026-11-30T10:00:00.000Z')
    expect((await w.seat('resident2', run)).status).toBe(409)
    // Staff can board it from 22:10 on 11-30 in Beijing (14:10 UTC), the evening before the day it belongs to.
    t.clock.set('2026-11-30T14:09:00.000Z')
    expect((await t.ok('shuttle', 'manifest', { departureId: run.id }, { token: w.tk.staff })).can.checkIn).toBe(false)
    t.clock.set('2026-11-30T14:10:00.000Z')
    expect((await t.ok('shuttle', 'manifest', { departureId: run.id }, { token: w.tk.staff })).can).toEqual({ checkIn: true, depart: true })
  })

  test('full: 已满 and the waiting list; a freed seat goes to the whole party at the head, and they are told', async () => {
    const d = await w.departure('to_station', D, '10:00')
    await w.seatsOf(d, 3)
    const husband = await w.companion('resident', '王德明')
    const [mum] = [await w.companion('volunteer', '周母', '父母')]
    const first = await w.seat('resident', d, { companionIds: [husband] })
    expect((await w.seat('resident2', d)).status).toBe(200)
    expect((await w.departure('to_station', D, '10:00')).status).toBe('full')
    expect((await w.seat('volunteer', d, { companionIds: [mum] })).error?.message).toBe('该班次座位已满，可以加入候补')
    const queued = await w.waitFor('volunteer', d, { companionIds: [mum] })
    expect(queued.data).toMatchObject({ state: 'waiting', position: 1, seats: 2 })
    expect((await w.waitFor('volunteer', d)).error?.message).toBe('您已在候补名单中')

    // One seat freed: the party of two at the head does not fit, and nobody passes it.
    const husbandRider = first.data.riders[1]!.id
    const partly = await t.ok('shuttle', 'cancel', { id: first.data.id, riderIds: [husbandRider] }, { token: w.tk.resident })
    expect([partly.seats, partly.state, partly.riders.map((r) => r.state)]).toEqual([1, 'booked', ['booked', 'cancelled']])
    expect((await t.ok('shuttle', 'getWait', { id: queued.data.id }, { token: w.tk.volunteer })).state).toBe('waiting')
    // A second seat: the party is promoted in the same transaction and told.
    const r2 = (await t.ok('shuttle', 'mine', {}, { token: w.tk.resident2 })).upcoming[0]!
    await t.ok('shuttle', 'cancel', { id: r2.id }, { token: w.tk.resident2 })
    const promoted = await t.ok('shuttle', 'getWait', { id: queued.data.id }, { token: w.tk.volunteer })
    expect([promoted.state, promoted.bookingId !== null]).toEqual(['promoted', true])
    const got = await t.ok('shuttle', 'get', { id: promoted.bookingId! }, { token: w.tk.volunteer })
    expect([got.seats, got.fromWaitingList, got.riders.map((r) => r.name)]).toEqual([2, true, ['周雨婷', '周母']])
    expect((await w.messages('volunteer'))[0]).toMatchObject({ title: '候补成功，已为您留座' })
    expect((await w.messages('volunteer'))[0]!.body).toContain(got.code)
    expect(await w.unit(d)).toEqual({ places: 3, taken: 3 })
    // They may give the seats back; the run has room again.
    await t.ok('shuttle', 'cancel', { id: got.id }, { token: w.tk.volunteer })
    expect((await w.departure('to_station', D, '10:00')).seatsLeft).toBe(2)
  })

  test('moving to another run is all or nothing: a full run leaves the booking as it was', async () => {
    const [from, full, roomy] = [await w.departure('to_station', D, '08:30'), await w.departure('to_station', D, '10:00'), await w.departure('to_station', D, '13:30')]
    await w.seatsOf(full, 1)
    await w.seat('resident2', full)
    const mine = (await w.seat('resident', from, { companionIds: [await w.companion('resident', '王德明')] })).data
    const refused = await t.call('shuttle', 'move', { id: mine.id, departureId: full.id }, { token: w.tk.resident })
    expect([refused.status, refused.error?.message]).toEqual([409, '新的班次座位不足，原预约未变'])
    expect((await t.ok('shuttle', 'get', { id: mine.id }, { token: w.tk.resident })).departure.id).toBe(from.id)
    expect([await w.unit(from), await w.unit(full)]).toEqual([{ places: 17, taken: 2 }, { places: 1, taken: 1 }])
    const moved = await t.ok('shuttle', 'move', { id: mine.id, departureId: roomy.id }, { token: w.tk.resident })
    expect([moved.departure.id, moved.code, moved.riders.length]).toEqual([roomy.id, mine.code, 2])
    expect([await w.unit(from), await w.unit(roomy)]).toEqual([{ places: 17, taken: 0 }, { places: 17, taken: 2 }])
    const other = await t.ok('shuttle', 'departures', { direction: 'from_station', day: D }, { token: w.tk.resident })
    expect((await t.call('shuttle', 'move', { id: mine.id, departureId: other.departures[0]!.id }, { token: w.tk.resident })).error?.fields).toEqual({ departureId: '只能改乘同一线路的班次' })
    // Past the cut-off (60 minutes before the bus leaves their stop) the resident can no longer change it.
    t.clock.set(atLocal(D, '12:30'))
    expect((await t.call('shuttle', 'cancel', { id: mine.id }, { token: w.tk.resident })).error?.message).toBe('已过取消截止时间（11月30日 12:30），如需取消请联系社区')
    expect((await t.ok('shuttle', 'get', { id: mine.id }, { token: w.tk.resident })).can).toEqual({ cancel: false, move: false, rebook: false })
  })

  test('赶火车: the latest run at the station 40 minutes before the train and the one before; 回家 the first 15 minutes after', async () => {
    const to = await t.ok('shuttle', 'suggest', { direction: 'to_station', trainAt: atLocal(D, '11:15') }, { token: w.tk.resident })
    expect(to.marginMinutes).toBe(40)
    expect(to.departures.map((d) => d.departsAt)).toEqual([atLocal(D, '10:00'), atLocal(D, '08:30')])
    const home = await t.ok('shuttle', 'suggest', { direction: 'from_station', trainAt: atLocal(D, '10:00') }, { token: w.tk.resident })
    expect(home.departures.map((d) => d.departsAt)).toEqual([atLocal(D, '11:00'), atLocal(D, '14:40')])
    // A train just after midnight is served by the evening before's last runs.
    const dawn = await t.ok('shuttle', 'suggest', { direction: 'to_station', trainAt: atLocal(D, '06:50') }, { token: w.tk.resident })
    expect(dawn.departures.map((d) => d.departsAt)).toEqual([atLocal('2026-11-29', '17:30'), atLocal('2026-11-29', '15:30')])
    await t.ok('shuttle', 'saveSettings', { trainMarginMinutes: 60, arrivalGapMinutes: 15, noShowLimit: 3, noShowWindowDays: 60, noShowBlockDays: 14 }, { token: w.tk.staff })
    const later = await t.ok('shuttle', 'suggest', { direction: 'to_station', trainAt: atLocal(D, '11:15') }, { token: w.tk.resident })
    expect(later.departures.map((d) => d.departsAt)).toEqual([atLocal(D, '08:30'), atLocal(D, '07:10')])
  })

  test('three runs missed lately pause booking, with a message saying until when', async () => {
    t.clock.set(atLocal(D, '05:00'))
    for (const hhmm of ['08:30', '10:00', '13:30']) expect((await w.seat('resident', await w.departure('to_station', D, hhmm))).status).toBe(200)
    for (const hhmm of ['08:30', '10:00', '13:30']) {
      t.clock.set(atLocal(D, hhmm))
      await t.ok('shuttle', 'depart', { departureId: (await w.departure('to_station', D, hhmm)).id }, { token: w.tk.staff })
    }
    const refused = await w.seat('resident', await w.departure('to_station', D, '17:30'))
    expect([refused.status, refused.error?.message]).toEqual([409, '您近期有3次乘车预约未到场，2026年12月14日 13:30前暂停乘车预约'])
    const list = await t.ok('shuttle', 'departures', { direction: 'to_station', day: D }, { token: w.tk.resident })
    expect(list.block?.until).toBe(atLocal('2026-12-14', '13:30'))
  })
})
