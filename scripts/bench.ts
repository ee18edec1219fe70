// npm run bench: booking under contention, measured, not asserted. For each engine: one server process (as
// `npm start` runs), RESIDENTS residents asking for one slot of PLACES places at the same moment, and the same
// residents as parties of 1–4 asking for one shuttle run of SEATS seats; then a bare node:http server answering
// the same requests, so the cost of the whole stack can be read as a ratio. Prints throughput, p50/p99 latency
// and what was confirmed, which must equal the places and the seats (exit 1 otherwise).
import { atLocal } from '../common/time'
import { engines, startBackend, type TestBackend } from '../server/testing/harness'
import { fireAll, makeResidents, percentile, startServers, type Shot } from '../server/testing/storm'

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 500)
const PLACES = Number(process.env.BENCH_PLACES ?? 20)
const SEATS = Number(process.env.BENCH_SEATS ?? 17)
const START = '2026-11-30T01:00:00.000Z' // Monday 09:00 in Beijing; the servers' clock stands at Friday 10:00
const RUN_DAY = '2026-11-30'

interface Row {
  name: string
  wallMs: number
  shots: Shot[]
  confirmed: number | null
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(9)

function line(r: Row, baselineRps: number | null) {
  const ms = r.shots.map((s) => s.ms)
  const rps = (r.shots.length / r.wallMs) * 1000
  const ratio = baselineRps ? `${(baselineRps / rps).toFixed(1)}×` : '—'
  const confirmed = r.confirmed === null ? '—' : String(r.confirmed)
  return `${r.name.padEnd(22)}${String(r.shots.length).padStart(6)}${fmt(r.wallMs, 0)}${fmt(rps)}${fmt(percentile(ms, 50))}${fmt(percentile(ms, 99))}${confirmed.padStart(11)}${ratio.padStart(10)}`
}

async function engineRun(engine: 'sqlite' | 'postgres'): Promise<Row> {
  const t = await startBackend(engine)
  try {
    const staff = await t.signIn('staff')
    const svc = (await t.ok('appointments', 'manage', {}, { token: staff })).find((s) => s.name === '社保卡业务')!
    await t.ok('appointments', 'saveService', { ...svc, places: PLACES }, { token: staff })
    const tokens = await makeResidents(t, RESIDENTS, 'bench')
    const servers = await startServers(t.dbOptions, 1)
    try {
      // Warm the server up on something else before the clock starts.
      await fireAll(servers.urls, tokens.slice(0, 20), () => ({ action: 'services', data: {} }))
      const { shots, wallMs } = await fireAll(servers.urls, tokens, (i) => ({ action: 'book', data: { serviceId: svc.id, start: START }, idempotencyKey: `bench-booking-${i}-key` }))
      const rows = await t.db.selectFrom('appt_bookings').select('id').where('service_id', '=', svc.id).where('status', '=', 'booked').execute()
      const confirmed = shots.filter((s) => s.status === 200).length
      if (confirmed !== rows.length) throw new Error(`answers say ${confirmed} confirmed, the database holds ${rows.length}`)
      const odd = shots.filter((s) => s.status !== 200 && s.status !== 409)
      if (odd.length) throw new Error(`${odd.length} answers were neither booked nor full, e.g. ${JSON.stringify(odd[0])}`)
      return { name: `${engine} (1 process)`, wallMs, shots, confirmed }
    } finally {
      await servers.stop()
    }
  } finally {
    await t.close()
  }
}

/** Each bench resident keeps three people to bring along, written straight to the table as the residents are. */
async function giveCompanions(t: TestBackend) {
  const users = await t.db.selectFrom('users').select('id').where('openid', 'like', 'bench:%').execute()
  const now = t.clock.iso()
  for (const u of users) {
    await t.db
      .insertInto('companions')
      .values(['王一', '王二', '王三'].map((name) => ({ user_id: u.id, name, relation: '子女', phone: null, created_at: now, updated_at: now })))
      .execute()
  }
}

async function seatRun(engine: 'sqlite' | 'postgres'): Promise<Row> {
  const t = await startBackend(engine)
  try {
    const staff = await t.signIn('staff')
    const tokens = await makeResidents(t, RESIDENTS, 'bench')
    await giveCompanions(t)
    const list = await t.ok('shuttle', 'departures', { direction: 'to_station', day: RUN_DAY }, { token: tokens[0] })
    const d = list.departures.find((x) => x.departsAt === atLocal(RUN_DAY, '10:00'))!
    await t.ok('shuttle', 'changeDeparture', { id: d.id, departs: '10:00', seats: SEATS }, { token: staff })
    const companions = await Promise.all(tokens.map(async (token) => (await t.ok('account', 'companions', {}, { token })).map((c) => c.id)))
    const servers = await startServers(t.dbOptions, 1)
    try {
      await fireAll(servers.at('shuttle'), tokens.slice(0, 20), () => ({ action: 'departure', data: { id: d.id } }))
      const party = (i: number) => ({ departureId: d.id, stopId: d.stops[0]!.id, self: true, companionIds: companions[i]!.slice(0, i % 4) })
      const { shots, wallMs } = await fireAll(servers.at('shuttle'), tokens, (i) => ({ action: 'book', data: party(i), idempotencyKey: `bench-seat-${i}-key` }))
      const held = await t.db.selectFrom('shuttle_bookings').select('seats').where('departure_id', '=', d.id).where('state', '=', 'booked').execute()
      const seats = held.reduce((n, b) => n + b.seats, 0)
      const odd = shots.filter((s) => s.status !== 200 && s.status !== 409)
      if (odd.length) throw new Error(`${odd.length} answers were neither booked nor full, e.g. ${JSON.stringify(odd[0])}`)
      if (held.length !== shots.filter((s) => s.status === 200).length) throw new Error(`answers and the database disagree on the bookings`)
      return { name: `${engine} seats`, wallMs, shots, confirmed: seats }
    } finally {
      await servers.stop()
    }
  } finally {
    await t.close()
  }
}

async function baselineRun(): Promise<Row> {
  const servers = await startServers({}, 1, { baseline: true })
  try {
    const tokens = Array.from({ length: RESIDENTS }, (_, i) => `token-${i}`)
    await fireAll(servers.urls, tokens.slice(0, 20), () => ({}))
    const { shots, wallMs } = await fireAll(servers.urls, tokens, (i) => ({ action: 'book', data: { serviceId: 1, start: START }, idempotencyKey: `bench-booking-${i}-key` }))
    return { name: 'node:http baseline', wallMs, shots, confirmed: null }
  } finally {
    await servers.stop()
  }
}

async function main() {
  console.log(`Booking storm: ${RESIDENTS} residents at once for one slot of ${PLACES} places.`)
  console.log(`Seat storm: the same residents as parties of 1–4 at once for one run of ${SEATS} seats ("confirmed" counts seats).\n`)
  const base = await baselineRun()
  const runs: Row[] = []
  const seatRuns: Row[] = []
  for (const engine of engines()) {
    runs.push(await engineRun(engine))
    seatRuns.push(await seatRun(engine))
  }
  const baseRps = (base.shots.length / base.wallMs) * 1000
  console.log(`${'run'.padEnd(22)}${'reqs'.padStart(6)}${'wall ms'.padStart(9)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'confirmed'.padStart(11)}${'slower'.padStart(10)}`)
  console.log(line(base, null))
  for (const r of [...runs, ...seatRuns]) console.log(line(r, baseRps))
  // Every slot booking is one place, so the slot fills exactly; a seat storm never passes the seats (a last free
  // seat may stay free when only larger parties came after it).
  const wrong = [...runs.filter((r) => r.confirmed !== PLACES), ...seatRuns.filter((r) => (r.confirmed ?? 0) > SEATS)]
  console.log(wrong.length ? `\nFAIL: ${wrong.map((r) => r.name).join(', ')} confirmed more than it had, or the slot not exactly` : `\nOK: exactly ${PLACES} bookings each time and never more than ${SEATS} seats; everyone else was told 已满.`)
  process.exitCode = wrong.length ? 1 : 0
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
