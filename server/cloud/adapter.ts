// The WeChat cloud-function adapter: one function (CLOUD_FUNCTION, `api`) for the whole backend. A request names
// its domain beside the envelope, { domain, action, data, idempotencyKey }, and goes to the same pipeline as
// POST /api/<domain>. WeChat has already authenticated the caller, so identity is the OPENID from getWXContext();
// nothing in the event is trusted for it. Events the platform sends itself carry no OPENID: the timer trigger runs
// the scheduled work, and other kinds (WeChat's message pushes, MsgType 'event') go to onPlatformEvent.
// A cold start does not migrate: it checks the schema with one query and refuses while the database is behind
// (the deploy step migrates, scripts/deploy-cloud.ts).
import cloud from 'wx-server-sdk'
import pino from 'pino'
import { CLOUD_FUNCTION } from '../../common/cloud'
import type { Envelope } from '../../common/errors'
import { createBackend, type Backend } from '../app'
import { loadConfig, type Config } from '../core/config'
import type { Identity, Services } from '../core/context'
import { cloudSender } from '../features/messages/wechat/cloud'
import { cloudChecker } from '../features/moderation/checker'
import { handlePush, mediaVerdictOf } from '../features/moderation/push'
import { runScheduled, type TimerEvent } from './schedule'

export type { TimerEvent } from './schedule'

export type CloudMain = ((event: unknown, context?: unknown) => Promise<unknown>) & {
  /** Closes the database pool. The platform never calls it (it freezes instances); local runs and tests do. */
  close(): Promise<void>
}

/** A push from WeChat itself (消息推送 to a cloud function): MsgType, and for events the Event's name. */
export interface PlatformEvent {
  MsgType: string
  Event?: string
  [key: string]: unknown
}

/**
 * Answers a platform push, e.g. `wxa_media_check` (the result of a media content check) or
 * `subscribe_msg_popup_event`. What it returns is what the platform is answered.
 */
export type PlatformEventHandler = (event: PlatformEvent, services: Services) => Promise<unknown>

export interface CloudAdapterOptions {
  env?: NodeJS.ProcessEnv
  /** Replaces createBackend, for tests of the adapter itself. */
  backend?: (config: Config) => Promise<Backend>
  /**
   * Where platform pushes go (events with MsgType and no OPENID). Without it they are answered UNKNOWN_ACTION and
   * logged, as a timer on a function without one was.
   */
  onPlatformEvent?: PlatformEventHandler
}

// One cloud function instance serves one invocation at a time, and many instances may run at once, so each
// keeps few connections: instances × pool size must stay under the server's max_connections.
const DEFAULT_POOL_SIZE = 3

/** The longest domain name the router reads; anything longer is not a domain. */
const MAX_DOMAIN_LENGTH = 64

export function createCloudMain(opts: CloudAdapterOptions = {}): CloudMain {
  const env = opts.env ?? process.env
  let sdkReady = false
  // Built on the first invocation and kept while the instance stays warm. A failed start is not kept, so the
  // next invocation tries again (the database may have been briefly unreachable, or migrated meanwhile).
  let backend: Promise<Backend> | null = null

  function getBackend(): Promise<Backend> {
    if (!backend) {
      backend = startBackend(env, opts.backend).catch((err: unknown) => {
        backend = null
        throw err
      })
    }
    return backend
  }

  async function main(event: unknown, context?: unknown): Promise<unknown> {
    if (!sdkReady) {
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
      sdkReady = true
    }
    // The pool's idle connections must not keep the invocation open after the answer is ready.
    if (context && typeof context === 'object') {
      ;(context as { callbackWaitsForEmptyEventLoop?: boolean }).callbackWaitsForEmptyEventLoop = false
    }

    const identity = identityFrom(cloud.getWXContext())
    let b: Backend
    try {
      b = await getBackend()
    } catch (err) {
      // Misconfiguration, an unreachable database or one behind the code: fail the invocation so the platform
      // logs and counts it.
      console.error(`[${CLOUD_FUNCTION}] cloud function cannot start: ${err instanceof Error ? err.message : String(err)}`)
      throw err
    }

    // Platform events carry no OPENID; requiring that keeps a mini-program user from firing a sweep (or faking a
    // push) by sending the shape: with an OPENID it is an ordinary request.
    if (identity === null) {
      if (isTimerEvent(event)) return runTimer(b, event)
      if (isPlatformEvent(event)) return platformEvent(b, event, opts.onPlatformEvent ?? weChatPush)
    } else if (mediaVerdictOf(event)) {
      // Whether WeChat's push of a photo verdict carries an OPENID is not documented, so it is taken either way:
      // only a trace id this server handed out for a photo still pending changes anything, and no client ever sees one.
      return platformEvent(b, event as PlatformEvent, opts.onPlatformEvent ?? weChatPush)
    }
    return route(b, event, identity)
  }

  return Object.assign(main, {
    async close() {
      const current = backend
      backend = null
      if (current) await (await current.catch(() => null))?.close()
    },
  })
}

async function startBackend(env: NodeJS.ProcessEnv, build?: CloudAdapterOptions['backend']): Promise<Backend> {
  const config = cloudConfig(env)
  if (build) return build(config)
  const log = pino({ level: config.LOG_LEVEL, base: { service: 'guandao', adapter: 'cloud', fn: CLOUD_FUNCTION } })
  return createBackend({
    config,
    log,
    db: { databaseUrl: config.DATABASE_URL, pgPoolSize: config.PG_POOL_SIZE },
    // Migrated at deploy time (npm run migrate); a cold start only checks, within the 3 s WeChat gives by default.
    migrate: 'verify',
    // Subscribe messages and content checks go through the cloud's openapi, authorised by config.json, with no
    // token of ours.
    sender: cloudSender(() => cloud.openapi),
    checker: cloudChecker(() => cloud.openapi),
  })
}

/**
 * The cloud function is a deployment, so NODE_ENV defaults to production here (no demo people, no demo sign-in).
 * It scales out across instances that cannot share a SQLite file, so PostgreSQL is required.
 */
export function cloudConfig(env: NodeJS.ProcessEnv): Config {
  // Each warm instance keeps its own pool, so the cloud defaults to a small one.
  const config = loadConfig({ ...env, NODE_ENV: env.NODE_ENV || 'production', PG_POOL_SIZE: env.PG_POOL_SIZE || String(DEFAULT_POOL_SIZE) })
  const url = config.DATABASE_URL
  if (!url) {
    throw new Error(
      'Invalid configuration:\n  DATABASE_URL: required for cloud functions, e.g. postgres://user:password@host:5432/guandao (they use PostgreSQL, not SQLite)',
    )
  }
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error('Invalid configuration:\n  DATABASE_URL: must be a PostgreSQL URL starting with postgres:// or postgresql://')
  }
  return config
}

/** The OPENID WeChat attached to this invocation, or null when there is none (triggers, pushes, console tests). */
export function identityFrom(wxContext: { OPENID?: unknown } | undefined): Identity {
  const raw = wxContext?.OPENID
  // wx-server-sdk turns all-digit context values into numbers; an OPENID is an identifier, so keep it text.
  const openid = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : ''
  return openid ? { kind: 'openid', openid } : null
}

/**
 * A request: the domain picks the module, and only the envelope's own fields go to the pipeline. WeChat adds
 * `userInfo` (appId, openId) to events from the mini-program, and that copy of the caller is not what identity is
 * read from. A domain the backend does not serve gets the pipeline's UNKNOWN_ACTION answer.
 */
async function route(backend: Backend, event: unknown, identity: Identity): Promise<Envelope<unknown>> {
  const request = event && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>) : null
  const domain = request?.domain
  if (typeof domain !== 'string' || !domain || domain.length > MAX_DOMAIN_LENGTH) {
    backend.services.log.info({ code: 'BAD_INPUT', domain: typeof domain === 'string' ? domain.slice(0, MAX_DOMAIN_LENGTH) : typeof domain }, 'refused: no domain')
    return {
      ok: false,
      error: { code: 'BAD_INPUT', message: '请求格式有误，应为 { domain, action, data } 对象', fields: { domain: request ? '缺少 domain' : '请求应为对象' } },
    }
  }
  const { action, data, idempotencyKey } = request!
  const { envelope } = await backend.dispatch(domain, { action, data, idempotencyKey }, identity)
  return envelope
}

export function isTimerEvent(event: unknown): event is TimerEvent {
  if (!event || typeof event !== 'object') return false
  const e = event as Record<string, unknown>
  return typeof e.Type === 'string' && e.Type.toLowerCase() === 'timer' && typeof e.TriggerName === 'string'
}

export function isPlatformEvent(event: unknown): event is PlatformEvent {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return false
  return typeof (event as Record<string, unknown>).MsgType === 'string'
}

async function runTimer(backend: Backend, trigger: TimerEvent): Promise<Envelope<unknown>> {
  const { log } = backend.services
  const started = Date.now()
  const data = await runScheduled(backend.services)
  log.info({ trigger: trigger.TriggerName, ms: Date.now() - started }, 'scheduled work done')
  return { ok: true, data }
}

/** WeChat's pushes this backend takes: the verdicts on photos (server/features/moderation/push.ts). */
const weChatPush: PlatformEventHandler = async (event, services) =>
  (await handlePush(services, event)) ? 'success' : { ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的平台事件' } }

async function platformEvent(backend: Backend, event: PlatformEvent, handle: PlatformEventHandler | undefined): Promise<unknown> {
  const { log } = backend.services
  if (!handle) {
    log.warn({ msgType: event.MsgType, event: event.Event }, 'platform event with nothing to handle it')
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的平台事件' } }
  }
  return handle(event, backend.services)
}
