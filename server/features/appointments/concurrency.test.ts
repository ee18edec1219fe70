// Many residents tap 「预约」 for the same small slot at the same moment, over real HTTP, against four server
// processes sharing one database (a SQLite file, or a PostgreSQL schema), as production instances share theirs.
// The exact counts must hold; the negative control runs the same servers without the guard and shows this very
// test catches the overbooking that follows.
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { fireAll, makeResidents, startServers } from '../../testing/storm'

const PLACES = 2
const RESIDENTS = 45
const SERVERS = 4
const START = '2026-11-30T01:00:00.000Z' // Monday 09:00 in Beijing

describe.each(engines())('booking storm on %s', (engine) => {
  let t: TestBackend
  let serviceId: number
  let tokens: string[]
  let stop: (() => Promise<void>) | undefined

  beforeEach(async () => {
    t = await startBackend(engine)
    const staff = await t.signIn('staff')
    const svc = (await t.ok('appointments', 'manage', {}, { token: staff })).find((s) => s.name === '社保卡业务')!
    serviceId = svc.id
    await t.ok('appointments', 'saveService', { ...svc, places: PLACES }, { token: staff })
    tokens = await makeResidents(t, RESIDENTS)
  })
  afterEach(async () => {
    await stop?.()
    stop = undefined
    await t?.close()
  })

  async function storm(opts: { unguarded?: boolean; taps?: number } = {}) {
    // Everyone's call is held until all have arrived, then all go on at once; each take waits 5 ms first, guarded
    // or not, as if the database were across a network: see storm-server.ts.
    const servers = await startServers(t.dbOptions, SERVERS, { ...opts, pauseMs: 5, gated: true })
    stop = servers.stop
    const taps = opts.taps ?? 1
    const everyone = Array.from({ length: taps }, () => tokens).flat()
    return fireAll(servers.urls, everyone, (i) => ({ action: 'book', data: { serviceId, start: START }, idempotencyKey: `storm-booking-${i % RESIDENTS}-key` }), servers.gate)
  }
  const live = async () =>
    t.db.selectFrom('appt_bookings').select('resident_id').where('service_id', '=', serviceId).where('starts_at', '=', START).where('status', '=', 'booked').execute()
  const unit = () => t.db.selectFrom('capacity_units').select(['places', 'taken']).where('ref', '=', `${serviceId}@${START}`).executeTakeFirstOrThrow()

  test(`${RESIDENTS} residents, ${PLACES} places, ${SERVERS} servers: exactly ${PLACES} bookings, everyone else told 已满`, async () => {
    const { shots } = await storm()
    const confirmed = shots.filter((s) => s.status === 200)
    const refused = shots.filter((s) => s.status === 409)
    expect([confirmed.length, refused.length]).toEqual([PLACES, RESIDENTS - PLACES])
    expect(new Set(refused.map((s) => s.message))).toEqual(new Set(['该时段已约满，请选择其他时段']))
    expect(await live()).toHaveLength(PLACES)
    expect(await unit()).toEqual({ places: PLACES, taken: PLACES })
    // The refused wrote nothing, not even their idempotency keys, whether refused by the early read or by the
    // conditional take inside their transaction (which rolled their claim back with it).
    const keys = await t.db.selectFrom('idempotency_keys').select('key').where('action', '=', 'appointments.book').execute()
    expect(keys).toHaveLength(PLACES)
  })

  test('everyone tapping twice at once (same idempotency key) still holds each person to one booking', async () => {
    const { shots } = await storm({ taps: 2 })
    expect(shots.filter((s) => s.status !== 200 && s.status !== 409)).toEqual([])
    const people = await live()
    expect(people).toHaveLength(PLACES)
    expect(new Set(people.map((p) => p.resident_id)).size).toBe(PLACES)
    expect(await unit()).toEqual({ places: PLACES, taken: PLACES })
  })

  test('negative control: the same storm without the conditional take overbooks, and the checks above see it', async () => {
    const { shots } = await storm({ unguarded: true })
    expect(shots.filter((s) => s.status === 200).length).toBeGreaterThan(PLACES)
    expect((await live()).length).toBeGreaterThan(PLACES)
    expect((await unit()).taken).toBeGreaterThan(PLACES)
  })
})
