// npm run bench: booking under contention, measured, not asserted. For each engine: one server process (as
// `npm start` runs), RESIDENTS residents asking for one slot of PLACES places at the same moment; then a bare
// node:http server answering the same requests, so the cost of the whole stack can be read as a ratio.
// Prints throughput, p50/p99 latency and the confirmed count, which must equal the places (exit 1 otherwise).
import { engines, startBackend } from '../server/testing/harness'
import { fireAll, makeResidents, percentile, startServers, type Shot } from '../server/testing/storm'

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 500)
const PLACES = Number(process.env.BENCH_PLACES ?? 20)
const START = '2026-11-30T01:00:00.000Z' // Monday 09:00 in Beijing; the servers' clock stands at Friday 10:00

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
  console.log(`Booking storm: ${RESIDENTS} residents at once for one slot of ${PLACES} places.\n`)
  const base = await baselineRun()
  const runs: Row[] = []
  for (const engine of engines()) runs.push(await engineRun(engine))
  const baseRps = (base.shots.length / base.wallMs) * 1000
  console.log(`${'run'.padEnd(22)}${'reqs'.padStart(6)}${'wall ms'.padStart(9)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'confirmed'.padStart(11)}${'slower'.padStart(10)}`)
  console.log(line(base, null))
  for (const r of runs) console.log(line(r, baseRps))
  const wrong = runs.filter((r) => r.confirmed !== PLACES)
  console.log(wrong.length ? `\nFAIL: confirmed must equal the ${PLACES} places` : `\nOK: every run confirmed exactly ${PLACES} bookings; everyone else was told 已满.`)
  process.exitCode = wrong.length ? 1 : 0
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
