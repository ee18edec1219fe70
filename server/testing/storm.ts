// Many residents asking for the same few places at the same moment, through the real HTTP server: shared by the
// concurrency tests and `npm run bench`.
import { spawn, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import readline from 'node:readline'
import type { DbOptions } from '../db/connect'
import { PRIVACY_VERSION } from '../db/seed'
import { issueSession } from '../features/auth/service'
import type { TestBackend } from './harness'

/**
 * `n` registered, consented residents with sessions. Written straight to the tables: a fixture of hundreds of
 * people, where going through sign-in, consent and registration for each would only make the setup slow.
 */
export async function makeResidents(t: Pick<TestBackend, 'db' | 'services' | 'clock'>, n: number, tag = 'storm'): Promise<string[]> {
  const now = t.clock.iso()
  const building = await t.db.selectFrom('buildings').select('id').orderBy('id').executeTakeFirstOrThrow()
  const tokens: string[] = []
  for (let i = 0; i < n; i++) {
    const household = await t.db
      .insertInto('households')
      .values({ building_id: building.id, unit: 1, room: `${tag}-${i}`, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    const user = await t.db
      .insertInto('users')
      .values({
        openid: `${tag}:${i}:${Math.random().toString(36).slice(2)}`,
        name: '测试居民',
        phone: `139${String(i).padStart(8, '0')}`,
        household_id: household.id,
        consent_version: PRIVACY_VERSION,
        consented_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db.insertInto('user_roles').values({ user_id: user.id, role: 'resident', granted_by: null, granted_at: now }).execute()
    tokens.push((await issueSession(t.services, user.id)).token)
  }
  return tokens
}

export interface Shot {
  status: number
  ms: number
  code: string | null
  message: string | null
}

/**
 * Everyone fires at once (each with their own token), spread over the given servers in turn; resolves when all
 * have answered.
 */
export async function fireAll(urls: string[], tokens: string[], body: (i: number) => unknown, gate?: Gate): Promise<{ shots: Shot[]; wallMs: number }> {
  const t0 = performance.now()
  const fired = Promise.all(
    tokens.map(async (token, i) => {
      const started = performance.now()
      const res = await fetch(urls[i % urls.length]!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body(i)),
      })
      const json = (await res.json()) as { ok: boolean; error?: { code: string; message: string } }
      return { status: res.status, ms: performance.now() - started, code: json.error?.code ?? null, message: json.error?.message ?? null }
    }),
  )
  if (gate) await gate.open(tokens.length)
  const shots = await fired
  return { shots, wallMs: performance.now() - t0 }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/**
 * `n` server processes on the database of `db` (see storm-server.ts). In one process better-sqlite3 answers each
 * query synchronously, so requests there never interleave; separate processes are what really race, on SQLite
 * as on PostgreSQL.
 */
export interface ServerOptions {
  /** Without the conditional take (the negative control). */
  unguarded?: boolean
  /** A pause before each take, standing in for a networked database's round trip. */
  pauseMs?: number
  /** Bare node:http instead of the backend: the bench's baseline. */
  baseline?: boolean
  /** Hold every call until a whole storm has arrived (see storm-server.ts); pass the returned gate to fireAll. */
  gated?: boolean
}

/** Opens the servers' gate once `expected` calls have arrived across all of them. */
export interface Gate {
  open(expected: number): Promise<void>
}

export async function startServers(db: DbOptions, n: number, opts: ServerOptions = {}) {
  const children: ChildProcess[] = []
  const arrivals = new EventEmitter()
  let arrived = 0
  arrivals.on('arrived', () => arrived++)
  const gate: Gate = {
    open: (expected) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (arrived < expected) return
          arrivals.off('arrived', check)
          for (const c of children) c.stdin!.write('open\n')
          resolve()
        }
        arrivals.on('arrived', check)
        check()
      }),
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve()
            c.once('exit', () => resolve())
            c.kill('SIGTERM')
            setTimeout(() => c.kill('SIGKILL'), 5000).unref()
          }),
      ),
    )
  }
  try {
    const ports = await Promise.all(
      Array.from({ length: n }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'storm-server.ts')], {
          env: {
            ...process.env,
            STORM_DB: JSON.stringify(db),
            STORM_UNGUARDED: opts.unguarded ? '1' : '0',
            STORM_PAUSE_MS: String(opts.pauseMs ?? 0),
            STORM_BASELINE: opts.baseline ? '1' : '0',
            STORM_GATE: opts.gated ? '1' : '0',
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        })
        children.push(child)
        let err = ''
        child.stderr!.on('data', (d) => (err += d))
        return new Promise<number>((resolve, reject) => {
          const lines = readline.createInterface({ input: child.stdout! })
          lines.on('line', (line) => {
            const said = JSON.parse(line) as { port?: number; arrived?: number }
            if (said.port !== undefined) resolve(said.port)
            if (said.arrived) arrivals.emit('arrived')
          })
          child.once('exit', (code) => reject(new Error(`storm server exited with ${code}: ${err}`)))
        })
      }),
    )
    const at = (domain: string) => ports.map((p) => `http://127.0.0.1:${p}/api/${domain}`)
    return { urls: at('appointments'), at, stop, gate }
  } catch (err) {
    await stop()
    throw err
  }
}
