// One HTTP server process on a database another process prepared, for the booking storm: several of these share
// one SQLite file or PostgreSQL schema, as several instances share production's database. With STORM_UNGUARDED=1
// the conditional take is replaced by an unconditional one: the negative control of the concurrency test.
import { sql } from 'kysely'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import readline from 'node:readline'
import pino from 'pino'
import { createBackend } from '../app'
import { conditionalGrant, mechanism, type Capacity } from '../core/capacity'
import { createHttpServer } from '../http/server'
import { FakeClock, T0, testConfig } from './harness'

/**
 * Both variants pause before writing. The pause stands in for the round trip to a database over a network; on a
 * local SQLite file the gap between the service's early "is anything left" read and the write is otherwise a few
 * microseconds, too short for a race to show within one test run. Pausing both keeps the guard the only
 * difference between the run that must hold and the negative control.
 */
const PAUSE_MS = Number(process.env.STORM_PAUSE_MS ?? 0)
const pause = () => (PAUSE_MS > 0 ? new Promise((resolve) => setTimeout(resolve, PAUSE_MS)) : Promise.resolve())

const slowed: Capacity = mechanism(async (db, unitId, n) => {
  await pause()
  return conditionalGrant(db, unitId, n)
})

/**
 * What a hurried implementation does: trust the earlier read and add, whatever is free now. Built around the one
 * granting statement, so every way the mechanism grants places (a booking, a waiting list's promotion) loses
 * its guard at once.
 */
const unguarded: Capacity = mechanism(async (db, unitId, n) => {
  await pause()
  await db.updateTable('capacity_units').set({ taken: sql<number>`taken + ${n}` }).where('id', '=', unitId).execute()
  return true
})

/**
 * The rush at the moment booking opens: every call is held on arrival (each reported on stdout) until the parent
 * writes `open` on stdin, once all the storm's calls have arrived at all the servers. Then they all go on at
 * once, so the window between the early read and the take is open for every one of them however slowly a busy
 * machine delivered the requests; without it, a loaded machine can serve a storm nearly one request at a time.
 */
function holdUntilOpened(app: Awaited<ReturnType<typeof createHttpServer>>) {
  const opened = new Promise<void>((resolve) => {
    readline.createInterface({ input: process.stdin }).on('line', (line) => line.trim() === 'open' && resolve())
  })
  app.addHook('onRequest', async (req) => {
    if (req.method !== 'POST') return
    process.stdout.write(`${JSON.stringify({ arrived: 1 })}\n`)
    await opened
  })
}

/** The bench's baseline: bare node:http answering every POST with a fixed envelope, nothing behind it. */
function baseline() {
  const body = JSON.stringify({ ok: true, data: { id: 1, code: 'ABCDEFGH', status: 'booked' } })
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body))
  })
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`))
  process.once('SIGTERM', () => server.close(() => process.exit(0)))
}

async function main() {
  if (process.env.STORM_BASELINE === '1') return baseline()
  const db = JSON.parse(process.env.STORM_DB ?? '{}')
  const backend = await createBackend({
    config: testConfig({ RATE_LIMIT_PER_MINUTE: '100000', SIGNIN_RATE_LIMIT_PER_MINUTE: '100000' }),
    clock: new FakeClock(process.env.STORM_NOW ?? T0).fn,
    log: pino({ level: 'silent' }),
    db,
    capacity: process.env.STORM_UNGUARDED === '1' ? unguarded : slowed,
  })
  const app = await createHttpServer(backend)
  if (process.env.STORM_GATE === '1') holdUntilOpened(app)
  await app.listen({ host: '127.0.0.1', port: 0 })
  process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`)
  process.once('SIGTERM', () => void app.close().then(() => backend.close()).then(() => process.exit(0)))
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err))
  process.exit(1)
})
