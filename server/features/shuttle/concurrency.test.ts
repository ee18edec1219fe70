// Many residents tap 「预约」 for the same few seats at once, over real HTTP, against four server processes sharing one
// database (a SQLite file, or a PostgreSQL schema): parties of 1–4 seats, and, in the second storm, riders
// cancelled and waiting lists promoted while new bookings race them. Seats booked never exceed seats, and every
// party rides whole. The negative control runs the same servers without the guard and shows these checks catch
// the overselling that follows.
import { atLocal } from '../../../common/time'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { fireAll, makeResidents, startServers } from '../../testing/storm'

const SEATS = 10
const RESIDENTS = 40
const SERVERS = 4
const D = '2026-11-30'
const FULL = '该班次座位已满，可以加入候补'

describe.each(engines())('seat storm on %s', (engine) => {
  let t: TestBackend
  let departureId: number
  let stopId: number
  let tokens: string[]
  let companions: number[][]
  let stop: (() => Promise<void>) | undefined

  beforeEach(async () => {
    t = await startBackend(engine)
    const staff = await t.signIn('staff')
    tokens = await makeResidents(t, RESIDENTS, 'seats')
    const list = await t.ok('shuttle', 'departures', { direction: 'to_station', day: D }, { token: tokens[0] })
    const d = list.departures.find((x) => x.departsAt === atLocal(D, '10:00'))!
    await t.ok('shuttle', 'changeDeparture', { id: d.id, departs: '10:00', seats: SEATS }, { token: staff })
    departureId = d.id
    stopId = d.stops[0]!.id
    // Each resident keeps three people to bring along.
    companions = []
    for (const token of tokens) {
      const ids: number[] = []
      for (const name of ['王一', '王二', '王三']) ids.push((await t.ok('account', 'saveCompanion', { name, relation: '子女' }, { token })).find((c) => c.name === name)!.id)
      companions.push(ids)
    }
  })
  afterEach(async () => {
    await stop?.()
    stop = undefined
    await t?.close()
  })

  /** A party of `size`: the booker and size−1 of their companions. */
  const party = (i: number, size: number) => ({ departureId, stopId, self: true, companionIds: companions[i]!.slice(0, size - 1) })

  /** The servers' shuttle URLs and their gate: every call is held until the whole storm has arrived. */
  async function servers(unguarded = false) {
    // Each take waits 5 ms first, guarded or not, as if the database were across a network: see storm-server.ts.
    const s = await startServers(t.dbOptions, SERVERS, { unguarded, pauseMs: 5, gated: true })
    stop = s.stop
    return { urls: s.at('shuttle'), gate: s.gate }
  }

  /** What the database holds: live seats per booking, booked riders, and the ledger. */
  async function held() {
    const bookings = await t.db.selectFrom('shuttle_bookings').select(['id', 'seats']).where('departure_id', '=', departureId).where('state', '=', 'booked').execute()
    const riders = await t.db
      .selectFrom('shuttle_riders')
      .innerJoin('shuttle_bookings', 'shuttle_bookings.id', 'shuttle_riders.booking_id')
      .select(['shuttle_riders.booking_id', 'shuttle_riders.state'])
      .where('shuttle_bookings.departure_id', '=', departureId)
      .where('shuttle_riders.state', '=', 'booked')
      .execute()
    const unit = await t.db.selectFrom('shuttle_departures').innerJoin('capacity_units', 'capacity_units.id', 'shuttle_departures.unit_id').select(['places', 'taken']).where('shuttle_departures.id', '=', departureId).executeTakeFirstOrThrow()
    return { seats: bookings.reduce((n, b) => n + b.seats, 0), bookings, riders: riders.length, unit }
  }

  test(`${RESIDENTS} parties of 1–4 for ${SEATS} seats on ${SERVERS} servers: exactly ${SEATS} seats booked, every party whole`, async () => {
    const { urls, gate } = await servers()
    const { shots } = await fireAll(urls, tokens, (i) => ({ action: 'book', data: party(i, (i % 4) + 1), idempotencyKey: `seat-storm-${i}` }), gate)
    expect(shots.filter((s) => s.status !== 200 && s.status !== 409)).toEqual([])
    expect(new Set(shots.filter((s) => s.status === 409).map((s) => s.message))).toEqual(new Set([FULL]))
    // A one-seat party refused means none was left then, and none was freed after: the run is exactly full.
    const h = await held()
    expect(h.seats).toBe(SEATS)
    expect(h.riders).toBe(SEATS)
    expect(h.unit).toEqual({ places: SEATS, taken: SEATS })
  })

  test('riders cancelled and the waiting list promoted while new parties race for the seats: never oversold, parties whole', async () => {
    // Before the storm: four parties of 2 and one of 2 fill the run; six more wait with 1–2 seats each.
    const holders = [0, 1, 2, 3, 4]
    const held0: { id: number; riders: { id: number }[] }[] = []
    for (const i of holders) held0.push(await t.ok('shuttle', 'book', party(i, 2), { token: tokens[i] }))
    const waiters = [5, 6, 7, 8, 9, 10]
    for (const i of waiters) expect((await t.ok('shuttle', 'wait', party(i, (i % 2) + 1), { token: tokens[i] })).state).toBe('waiting')
    const { urls, gate } = await servers()
    // The storm: each holder gives back one rider, while 29 new parties of 1–4 book.
    const racers = tokens.slice(11)
    const who = [...holders.map((i) => tokens[i]!), ...racers]
    const { shots } = await fireAll(urls, who, (k) =>
      k < holders.length
        ? { action: 'cancel', data: { id: held0[k]!.id, riderIds: [held0[k]!.riders[1]!.id] }, idempotencyKey: `give-back-rider-${k}-storm` }
        : { action: 'book', data: party(k - holders.length + 11, ((k - holders.length) % 4) + 1), idempotencyKey: `race-for-seats-${k}-storm` },
      gate,
    )
    expect(shots.filter((s) => s.status !== 200 && s.status !== 409)).toEqual([])
    expect(shots.slice(0, holders.length).map((s) => s.status)).toEqual(holders.map(() => 200))
    const h = await held()
    expect(h.unit.places).toBe(SEATS)
    expect(h.seats).toBe(h.unit.taken)
    expect(h.riders).toBe(h.unit.taken)
    expect(h.unit.taken).toBeLessThanOrEqual(SEATS)
    // Whoever was promoted holds a booking of exactly the seats they waited for.
    const promoted = await t.db
      .selectFrom('shuttle_waits')
      .innerJoin('capacity_waiters', 'capacity_waiters.id', 'shuttle_waits.waiter_id')
      .innerJoin('shuttle_bookings', 'shuttle_bookings.id', 'shuttle_waits.booking_id')
      .select(['capacity_waiters.quantity', 'shuttle_bookings.seats', 'capacity_waiters.state'])
      .where('shuttle_waits.departure_id', '=', departureId)
      .execute()
    expect(promoted.length).toBeGreaterThan(0)
    for (const p of promoted) expect([p.state, p.seats]).toEqual(['promoted', p.quantity])
  })

  test('negative control: the same storm without the conditional take oversells, and the checks above see it', async () => {
    const { urls, gate } = await servers(true)
    const { shots } = await fireAll(urls, tokens, (i) => ({ action: 'book', data: party(i, (i % 4) + 1), idempotencyKey: `seat-storm-${i}` }), gate)
    expect(shots.filter((s) => s.status === 200).length).toBeGreaterThan(4)
    const h = await held()
    expect(h.seats).toBeGreaterThan(SEATS)
    expect(h.unit.taken).toBeGreaterThan(SEATS)
  })
})
