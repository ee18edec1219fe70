// The WeChat cloud-function adapter: one function per domain, each wrapping the shared pipeline. WeChat has
// already authenticated the caller, so identity is the OPENID from getWXContext(); nothing in the event is
// trusted for it. The event is the same envelope as over HTTP, and the function returns the envelope.
import cloud from 'wx-server-sdk'
import pino from 'pino'
import type { Envelope } from '../../common/errors'
import { createBackend, type Backend } from '../app'
import { loadConfig, type Config } from '../core/config'
import type { Identity } from '../core/context'
import type { DomainName } from '../features'
import { cloudSender } from '../features/messages/wechat/cloud'
import { runScheduled, TIMER_DOMAIN, type TimerEvent } from './schedule'

export type { TimerEvent } from './schedule'

export type CloudMain = ((event: unknown, context?: unknown) => Promise<Envelope<unknown>>) & {
  /** Closes the database pool. The platform never calls it (it freezes instances); local runs and tests do. */
  close(): Promise<void>
}

export interface CloudAdapterOptions {
  env?: NodeJS.ProcessEnv
  /** Replaces createBackend, for tests of the adapter itself. */
  backend?: (config: Config, domain: DomainName) => Promise<Backend>
}

// One cloud function instance serves one invocation at a time, and many instances may run at once, so each
// keeps few connections: instances × pool size must stay under the server's max_connections.
const DEFAULT_POOL_SIZE = 3

export function createCloudMain(domain: DomainName, opts: CloudAdapterOptions = {}): CloudMain {
  const env = opts.env ?? process.env
  let sdkReady = false
  // Built on the first invocation and kept while the instance stays warm. A failed start is not kept, so the
  // next invocation tries again (the database may have been briefly unreachable).
  let backend: Promise<Backend> | null = null

  function getBackend(): Promise<Backend> {
    if (!backend) {
      backend = startBackend(domain, env, opts.backend).catch((err: unknown) => {
        backend = null
        throw err
      })
    }
    return backend
  }

  async function main(event: unknown, context?: unknown): Promise<Envelope<unknown>> {
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
      // Misconfiguration or an unreachable database: fail the invocation so the platform logs and counts it.
      console.error(`[${domain}] cloud function cannot start: ${err instanceof Error ? err.message : String(err)}`)
      throw err
    }

    // Triggers carry no OPENID; requiring that keeps a mini-program user from firing a sweep by sending the shape.
    if (identity === null && isTimerEvent(event)) return runTimer(b, domain, event)

    const { envelope } = await b.dispatch(domain, envelopeOf(event), identity)
    return envelope
  }

  return Object.assign(main, {
    async close() {
      const current = backend
      backend = null
      if (current) await (await current.catch(() => null))?.close()
    },
  })
}

async function startBackend(domain: DomainName, env: NodeJS.ProcessEnv, build?: CloudAdapterOptions['backend']): Promise<Backend> {
  const config = cloudConfig(env)
  if (build) return build(config, domain)
  const log = pino({ level: config.LOG_LEVEL, base: { service: 'guandao', adapter: 'cloud', fn: domain } })
  return createBackend({
    config,
    log,
    db: { databaseUrl: config.DATABASE_URL, pgPoolSize: config.PG_POOL_SIZE },
    // Subscribe messages go through the cloud's openapi, authorised by config.json, with no token of ours.
    sender: cloudSender(() => cloud.openapi),
  })
}

/**
 * Cloud functions are deployments, so NODE_ENV defaults to production here (no demo people, no demo sign-in).
 * They scale out across instances that cannot share a SQLite file, so PostgreSQL is required.
 */
export function cloudConfig(env: NodeJS.ProcessEnv): Config {
  // Each warm instance keeps its own pool, so cloud functions default to a small one.
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

/** The OPENID WeChat attached to this invocation, or null when there is none (timer triggers, console tests). */
export function identityFrom(wxContext: { OPENID?: unknown } | undefined): Identity {
  const raw = wxContext?.OPENID
  // wx-server-sdk turns all-digit context values into numbers; an OPENID is an identifier, so keep it text.
  const openid = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : ''
  return openid ? { kind: 'openid', openid } : null
}

/**
 * Only the envelope's own fields go to the pipeline: WeChat adds `userInfo` (appId, openId) to events from the
 * mini-program, and that copy of the caller is not what identity is read from. Anything that is not an object
 * is passed on as it is, so the pipeline answers it with BAD_INPUT.
 */
function envelopeOf(event: unknown): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event
  const { action, data, idempotencyKey } = event as Record<string, unknown>
  return { action, data, idempotencyKey }
}

export function isTimerEvent(event: unknown): event is TimerEvent {
  if (!event || typeof event !== 'object') return false
  const e = event as Record<string, unknown>
  return typeof e.Type === 'string' && e.Type.toLowerCase() === 'timer' && typeof e.TriggerName === 'string'
}

async function runTimer(backend: Backend, domain: DomainName, trigger: TimerEvent): Promise<Envelope<unknown>> {
  const { log } = backend.services
  if (domain !== TIMER_DOMAIN) {
    log.warn({ trigger: trigger.TriggerName }, 'timer trigger on a function that carries no timer')
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '该服务没有定时任务' } }
  }
  const started = Date.now()
  const data = await runScheduled(backend.services)
  log.info({ trigger: trigger.TriggerName, ms: Date.now() - started }, 'scheduled work done')
  return { ok: true, data }
}
