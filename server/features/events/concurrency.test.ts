// Many residents tap 「报名」 for the same few places at once, over real HTTP, against four server processes sharing one
// database (a SQLite file, or a PostgreSQL schema): parties of 1–3 (the resident and up to two companions), and, in
// the second storm, sign-ups cancelled and the waiting list promoted while new sign-ups race them. Places taken never
// exceed places, and every party comes whole. The negative control runs the same servers without the guard and
// shows these checks catch the overbooking that follows.
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { fireAll, makeResidents, startServers } from '../../testing/storm'
import { eventsWorld } from './testing'

const PLACES = 10
const RESIDENTS = 40
const SERVERS = 4
const FULL = '名额已满，可以加入候补'

describe.each(engines())('sign-up storm on %s', (engine) => {
  let t: TestBackend
  let eventId: number
  let tokens: string[]
  let stop: (() => Promise<void>) | undefined

  beforeEach(async () => {
    t = await startBackend(engine)
    const w = await eventsWorld(t)
    tokens = await makeResidents(t, RESIDENTS, 'event')
    eventId = (await w.published({ places: PLACES, guestMode: 'count', maxGuests: 2 })).id
  })
  afterEach(async () => {
    await stop?.()
    stop = undefined
    await t?.close()
  })

  const party = (size: number) => ({ eventId, guests: size - 1 })

  async function servers(unguarded = false) {
    const s = await startServers(t.dbOptions, SERVERS, { unguarded, pauseMs: 5, gated: true })
    stop = s.stop
    return { urls: s.at('events'), gate: s.gate }
  }

  async function held() {
    const signups = await t.db.selectFrom('event_signups').select(['id', 'places']).where('event_id', '=', eventId).where('state', '=', 'signed').execute()
    const unit = await t.db.selectFrom('events').innerJoin('capacity_units', 'capacity_units.id', 'events.unit_id').select(['capacity_units.places', 'capacity_units.taken']).where('events.id', '=', eventId).executeTakeFirstOrThrow()
    return { places: signups.reduce((n, s) => n + s.places, 0), signups, unit }
  }

  test(`${RESIDENTS} parties of 1–3 for ${PLACES} places on ${SERVERS} servers: exactly ${PLACES} taken, every party whole`, async () => {
    const { urls, gate } = await servers()
    const { shots } = await fireAll(urls, tokens, (i) => ({ action: 'signUp', data: party((i % 3) + 1), idempotencyKey: `event-storm-${i}` }), gate)
    expect(shots.filter((s) => s.status !== 200 && s.status !== 409)).toEqual([])
    expect(new Set(shots.filter((s) => s.status === 409).map((s) => s.message))).toEqual(new Set([FULL]))
    const h = await held()
    // Parties of one were refused only once no place was left, so the event is exactly full.
    expect(h.places).toBe(PLACES)
    expect(h.unit).toEqual({ places: PLACES, taken: PLACES })
  })

  test('sign-ups cancelled and the queue promoted while new parties race for the places: never overbooked, parties whole', async () => {
    // Before the storm: five parties of 2 fill it; six more wait with 1–2 places each.
    const holders = [0, 1, 2, 3, 4]
    const ids: number[] = []
    for (const i of holders) ids.push((await t.ok('events', 'signUp', party(2), { token: tokens[i] })).id)
    for (const i of [5, 6, 7, 8, 9, 10]) expect((await t.ok('events', 'wait', party((i % 2) + 1), { token: tokens[i] })).state).toBe('waiting')
    const { urls, gate } = await servers()
    const racers = tokens.slice(11)
    const who = [...holders.map((i) => tokens[i]!), ...racers]
    const { shots } = await fireAll(
      urls,
      who,
      (k) =>
        k < holders.length
          ? { action: 'cancel', data: { id: ids[k] }, idempotencyKey: `give-back-${k}-storm` }
          : { action: 'signUp', data: party(((k - holders.length) % 3) + 1), idempotencyKey: `race-${k}-storm` },
      gate,
    )
    expect(shots.filter((s) => s.status !== 200 && s.status !== 409)).toEqual([])
    expect(shots.slice(0, holders.length).map((s) => s.status)).toEqual(holders.map(() => 200))
    const h = await held()
    expect(h.places).toBe(h.unit.taken)
    expect(h.unit.taken).toBeLessThanOrEqual(PLACES)
    const promoted = await t.db
      .selectFrom('event_waits')
      .innerJoin('capacity_waiters', 'capacity_waiters.id', 'event_waits.waiter_id')
      .innerJoin('event_signups', 'event_signups.id', 'event_waits.signup_id')
      .select(['capacity_waiters.quantity', 'event_signups.places', 'capacity_waiters.state'])
      .where('event_waits.event_id', '=', eventId)
      .execute()
    expect(promoted.length).toBeGreaterThan(0)
    for (const p of promoted) expect([p.state, p.places]).toEqual(['promoted', p.quantity])
  })

  test('negative control: the same storm without the conditional take overbooks, and the checks above see it', async () => {
    const { urls, gate } = await servers(true)
    const { shots } = await fireAll(urls, tokens, (i) => ({ action: 'signUp', data: party((i % 3) + 1), idempotencyKey: `event-storm-${i}` }), gate)
    expect(shots.filter((s) => s.status === 200).length).toBeGreaterThan(5)
    const h = await held()
    expect(h.places).toBeGreaterThan(PLACES)
    expect(h.unit.taken).toBeGreaterThan(PLACES)
  })
})
