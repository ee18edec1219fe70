// Many volunteers tap 「报名」 at once over real HTTP against four server processes sharing one database (a SQLite
// file, or a PostgreSQL schema): places taken never exceed places, and the negative control — the same servers
// without the conditional take — overbooks, which these checks see. Each volunteer also taps two overlapping
// shifts at the same instant, on two servers: exactly one of the two is held.
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { fireAll, makeResidents, startServers } from '../../testing/storm'
import { volunteerWorld } from './testing'

const PLACES = 8
const VOLUNTEERS = 32
const SERVERS = 4

describe.each(engines())('shift sign-up storm on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof volunteerWorld>>
  let tokens: string[]
  let stop: (() => Promise<void>) | undefined

  beforeEach(async () => {
    t = await startBackend(engine)
    w = await volunteerWorld(t)
    tokens = await makeResidents(t, VOLUNTEERS, 'shift')
    // Members of the team, written straight to the tables as the residents are (a fixture, not the path under test).
    const ids = await t.db.selectFrom('users').select('id').where('openid', 'like', 'shift:%').execute()
    for (const { id } of ids) {
      await t.db.insertInto('user_roles').values({ user_id: id, role: 'volunteer', granted_by: null, granted_at: t.clock.iso() }).execute()
      await t.db.insertInto('volunteer_members').values({ user_id: id, team_id: w.neighbours, is_leader: 0 }).execute()
    }
  })
  afterEach(async () => {
    await stop?.()
    stop = undefined
    await t?.close()
  })

  async function servers(unguarded = false) {
    const s = await startServers(t.dbOptions, SERVERS, { unguarded, pauseMs: 5, gated: true })
    stop = s.stop
    return { urls: s.at('volunteer'), gate: s.gate }
  }

  async function held(shiftId: number) {
    const signups = await t.db.selectFrom('shift_signups').select(['id', 'user_id']).where('shift_id', '=', shiftId).where('state', '=', 'signed').execute()
    const unit = await t.db.selectFrom('volunteer_shifts').innerJoin('capacity_units', 'capacity_units.id', 'volunteer_shifts.unit_id').select(['capacity_units.places', 'capacity_units.taken']).where('volunteer_shifts.id', '=', shiftId).executeTakeFirstOrThrow()
    return { signups, unit }
  }

  test(`${VOLUNTEERS} volunteers for ${PLACES} places on ${SERVERS} servers: exactly ${PLACES} held`, async () => {
    const s = await w.publish({ places: PLACES })
    const { urls, gate } = await servers()
    const { shots } = await fireAll(urls, tokens, (i) => ({ action: 'signUp', data: { shiftId: s.id }, idempotencyKey: `shift-storm-${i}` }), gate)
    expect(shots.filter((x) => x.status !== 200 && x.status !== 409)).toEqual([])
    expect(new Set(shots.filter((x) => x.status === 409).map((x) => x.message))).toEqual(new Set(['该班次名额已满']))
    const h = await held(s.id)
    expect(h.signups.length).toBe(PLACES)
    expect(h.unit).toEqual({ places: PLACES, taken: PLACES })
  })

  test('each volunteer taps two overlapping shifts at once on two servers: one of the two is held, never both', async () => {
    const a = await w.publish({ places: VOLUNTEERS, starts: '09:00', ends: '11:00' })
    const b = await w.publish({ places: VOLUNTEERS, starts: '10:00', ends: '12:00', task: '便民服务亭值守' })
    const { urls, gate } = await servers()
    // Request i and i + VOLUNTEERS are the same volunteer's, and go to different servers.
    const both = [...tokens, ...tokens]
    const { shots } = await fireAll(urls, both, (i) => ({ action: 'signUp', data: { shiftId: i < VOLUNTEERS ? a.id : b.id }, idempotencyKey: `overlap-${i}` }), gate)
    expect(shots.filter((x) => x.status !== 200 && x.status !== 409)).toEqual([])
    expect(shots.filter((x) => x.status === 200).length).toBe(VOLUNTEERS)
    const [ha, hb] = [await held(a.id), await held(b.id)]
    const people = [...ha.signups, ...hb.signups].map((x) => x.user_id)
    expect(new Set(people).size).toBe(people.length)
    expect(people.length).toBe(VOLUNTEERS)
    expect(ha.unit.taken + hb.unit.taken).toBe(VOLUNTEERS)
  })

  test('negative control: the same storm without the conditional take overbooks, and the checks above see it', async () => {
    const s = await w.publish({ places: PLACES })
    const { urls, gate } = await servers(true)
    const { shots } = await fireAll(urls, tokens, (i) => ({ action: 'signUp', data: { shiftId: s.id }, idempotencyKey: `shift-storm-${i}` }), gate)
    expect(shots.filter((x) => x.status === 200).length).toBeGreaterThan(PLACES)
    const h = await held(s.id)
    expect(h.signups.length).toBeGreaterThan(PLACES)
    expect(h.unit.taken).toBeGreaterThan(PLACES)
  })
})
