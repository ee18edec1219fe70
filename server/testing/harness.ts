// Test harness for the backend: every backend test runs on both engines, through the real pipeline
// (createBackend → dispatch), each backend isolated in a SQLite file or a PostgreSQL schema of its own, with a
// clock the test controls. PostgreSQL is never skipped: when it cannot be reached the tests fail and say why.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import pino from 'pino'
import pg from 'pg'
import type { OutputOf } from '../../common/contract'
import type { Envelope, ErrorBody } from '../../common/errors'
import { createBackend, type Backend } from '../app'
import { loadConfig, type Config } from '../core/config'
import type { Identity } from '../core/context'
import type { DbOptions } from '../db/connect'
import type { modules } from '../features'
import type { ContentChecker } from '../features/moderation/checker'
import type { Sender } from '../features/messages/wechat/sender'

export type EngineName = 'sqlite' | 'postgres'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

/** The engines every backend test runs on. Both, always: production runs on PostgreSQL. */
export function engines(): EngineName[] {
  return ['sqlite', 'postgres']
}

/** 2026-11-27 10:00 in Beijing (02:00 UTC): a Friday morning, well inside service hours. */
export const T0 = '2026-11-27T02:00:00.000Z'

export const DAY_MS = 86_400_000

/** A clock the test sets and advances; the backend reads it through `fn`. */
export class FakeClock {
  private ms: number

  constructor(start: string | Date | number = T0) {
    this.ms = new Date(start).getTime()
  }

  readonly fn = (): Date => new Date(this.ms)

  now(): Date {
    return new Date(this.ms)
  }

  iso(): string {
    return new Date(this.ms).toISOString()
  }

  set(instant: string | Date | number): void {
    this.ms = new Date(instant).getTime()
  }

  advance(ms: number): void {
    this.ms += ms
  }
}

/** An ID_CARD_KEY for configurations that must look like production (which refuses to start without one). */
export const PROD_KEY = Buffer.alloc(32, 3).toString('base64')

/** A plain object of variables, typed as the environment loadConfig() reads. */
export const envOf = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv

/** Configuration as the tests see it: NODE_ENV=test, silent, demo people on, no WeChat credentials, long staff sessions. */
export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    // Tests move the clock by days with sessions signed in at the start; staff sessions' shorter life and idle
    // end are tested on their own (auth/sessions.test.ts sets them back), not in every feature's tests.
    STAFF_SESSION_TTL_DAYS: '365',
    STAFF_IDLE_HOURS: '720',
    H5_DIR: path.join(os.tmpdir(), 'guandao-no-h5-build'),
    WECHAT_APPID: undefined,
    WECHAT_SECRET: undefined,
    WECHAT_API_BASE: undefined,
    DATABASE_URL: undefined,
    ...overrides,
  }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
  return loadConfig(env as NodeJS.ProcessEnv)
}

// ---------------------------------------------------------------- PostgreSQL schemas

const SCHEMA_RE = /^t_([0-9a-z]+)_[0-9a-f]{8}$/
let swept = false

async function pgAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (err) {
    await client.end().catch(() => undefined)
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(err as Error).message}). ` +
        'Every backend test runs on both SQLite and PostgreSQL: start PostgreSQL or set TEST_DATABASE_URL.',
    )
  }
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Creates an empty schema named t_<base36 time>_<random>; the time lets a later run sweep what a crash left. */
export async function createPgSchema(): Promise<string> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await pgAdmin(async (client) => {
    if (!swept) {
      swept = true
      await sweepStaleSchemas(client)
    }
    await client.query(`CREATE SCHEMA ${name}`)
  })
  return name
}

export async function dropPgSchema(name: string): Promise<void> {
  if (!SCHEMA_RE.test(name)) throw new Error(`refusing to drop schema ${name}: not a test schema`)
  await pgAdmin((client) => client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`))
}

export async function pgSchemaExists(name: string): Promise<boolean> {
  return pgAdmin(async (client) => {
    const res = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name])
    return res.rowCount === 1
  })
}

/** Schemas of test processes that died more than an hour ago (their close() never ran). */
async function sweepStaleSchemas(client: pg.Client) {
  const res = await client.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%'")
  const cutoff = Date.now() - 3_600_000
  for (const { nspname } of res.rows) {
    const m = SCHEMA_RE.exec(nspname)
    if (m && parseInt(m[1], 36) < cutoff) await client.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`)
  }
}

// ---------------------------------------------------------------- backends

type Modules = typeof modules
export type DomainName = keyof Modules
type ActionsOf<D extends DomainName> = Modules[D]['contract']['actions']
export type ActionName<D extends DomainName> = keyof ActionsOf<D> & string
type Out<D extends DomainName, A extends ActionName<D>> = OutputOf<ActionsOf<D>[A]>

export interface CallResult<T> {
  status: number
  envelope: Envelope<T>
  /** The data when ok (undefined otherwise). */
  data: T
  /** The error when not ok (undefined otherwise). */
  error: ErrorBody | undefined
}

export interface CallOptions {
  token?: string
  idempotencyKey?: string
}

export interface StartOptions {
  /** Environment overrides for testConfig(), e.g. { SESSION_TTL_DAYS: '7' }. */
  env?: Record<string, string | undefined>
  /** A complete configuration instead (e.g. a production one). */
  config?: Config
  /** Start time of the fake clock. */
  now?: string | Date
  /** How subscribe messages reach WeChat, instead of the one configuration gives. */
  sender?: Sender | null
  /** How user content is checked, instead of the one configuration gives. */
  checker?: ContentChecker | null
  /** HTTP only: the server's own address becomes PUBLIC_URL, as a deployment sets it (WeChat fetches photos from there). */
  publicUrl?: boolean
}

export type TestBackend = Awaited<ReturnType<typeof startBackend>>

function toResult<T>(status: number, envelope: Envelope<T>): CallResult<T> {
  return {
    status,
    envelope,
    data: (envelope.ok ? envelope.data : undefined) as T,
    error: envelope.ok ? undefined : envelope.error,
  }
}

export async function startBackend(engine: EngineName, opts: StartOptions = {}) {
  const clock = new FakeClock(opts.now ?? T0)
  const config = opts.config ?? testConfig(opts.env)
  let db: DbOptions
  let cleanup: () => Promise<void>
  let pgSchema: string | undefined
  if (engine === 'postgres') {
    pgSchema = await createPgSchema()
    const schema = pgSchema
    db = { databaseUrl: TEST_DATABASE_URL, pgSchema: schema, pgPoolSize: 4 }
    cleanup = () => dropPgSchema(schema)
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-test-'))
    db = { sqliteFile: path.join(dir, 'guandao.sqlite') }
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true })
  }

  let backend: Backend
  try {
    backend = await createBackend({ config, clock: clock.fn, log: pino({ level: 'silent' }), db, sender: opts.sender, checker: opts.checker })
  } catch (err) {
    await cleanup()
    throw err
  }

  /** Any body, any domain, any identity: for tests of the envelope itself. */
  async function dispatch(domain: string, body: unknown, identity: Identity = null): Promise<CallResult<unknown>> {
    const r = await backend.dispatch(domain, body, identity)
    return toResult(r.status, r.envelope)
  }

  async function call<D extends DomainName, A extends ActionName<D>>(
    domain: D,
    action: A,
    data?: unknown,
    o: CallOptions = {},
  ): Promise<CallResult<Out<D, A>>> {
    const body: Record<string, unknown> = { action }
    if (data !== undefined) body.data = data
    if (o.idempotencyKey !== undefined) body.idempotencyKey = o.idempotencyKey
    const r = await backend.dispatch(domain, body, o.token ? { kind: 'session', token: o.token } : null)
    return toResult(r.status, r.envelope as Envelope<Out<D, A>>)
  }

  /** Like call(), but the call must succeed; the error is shown when it does not. */
  async function ok<D extends DomainName, A extends ActionName<D>>(domain: D, action: A, data?: unknown, o: CallOptions = {}) {
    const res = await call(domain, action, data, o)
    if (res.status !== 200 || !res.envelope.ok) {
      throw new Error(`${domain}.${action} failed with ${res.status}: ${JSON.stringify(res.error)}`)
    }
    return res.data
  }

  /** Signs in as a seeded demo person (or 'newcomer') and returns the session token. */
  async function signIn(key: string): Promise<string> {
    return (await ok('auth', 'devSignIn', { as: key })).token
  }

  /** A brand-new person who has accepted the privacy notice but not registered. */
  async function consentedNewcomer(): Promise<string> {
    const token = await signIn('newcomer')
    const info = await ok('community', 'info')
    await ok('account', 'consent', { version: info.privacyVersion }, { token })
    return token
  }

  let closed = false
  async function close() {
    if (closed) return
    closed = true
    try {
      await backend.close()
    } finally {
      await cleanup()
    }
  }

  return {
    engine,
    backend,
    /** Where this backend's database is, for other processes to open the same one. */
    dbOptions: db,
    services: backend.services,
    db: backend.services.db,
    config,
    clock,
    pgSchema,
    dispatch,
    call,
    ok,
    signIn,
    consentedNewcomer,
    close,
  }
}

export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  /** Parsed body when it is JSON, else undefined. */
  json: any
}

/** The backend behind the real HTTP adapter, listening on 127.0.0.1 on a free port. */
export async function startHttp(engine: EngineName, opts: StartOptions = {}) {
  const t = await startBackend(engine, opts)
  // Loaded here, not at the top: most test files never start the HTTP server and need not load Fastify.
  const { createHttpServer } = await import('../http/server')
  let app: Awaited<ReturnType<typeof createHttpServer>>
  try {
    app = await createHttpServer(t.backend)
    await app.listen({ host: '127.0.0.1', port: 0 })
  } catch (err) {
    await t.close()
    throw err
  }
  const { port } = app.server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  // The port is known only now; nothing has read the setting yet.
  if (opts.publicUrl) t.services.config.PUBLIC_URL = url

  async function request(method: string, pathname: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<HttpResponse> {
    const res = await fetch(url + pathname, { method, body: init.body, headers: init.headers })
    const text = await res.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, headers: res.headers, text, json }
  }

  /** POST /api/<domain> with a JSON body, as the mini-program's API client sends it. */
  function post(domain: string, body: unknown, token?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    return request('POST', `/api/${domain}`, { body: JSON.stringify(body), headers })
  }

  return {
    ...t,
    app,
    url,
    request,
    post,
    close: async () => {
      try {
        await app.close()
      } finally {
        await t.close()
      }
    },
  }
}

/** True when the text contains Chinese characters: messages are for people who read Chinese. */
export function isChinese(text: unknown): boolean {
  return typeof text === 'string' && /\p{Script=Han}/u.test(text)
}
