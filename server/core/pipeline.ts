// The one path every request takes, whatever the adapter: parse the envelope → identify → authorize from the
// action table → validate the input → run the handler → map the result or error to the envelope.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { hasAccess, type ActionSpec } from '../../common/contract'
import type { Envelope } from '../../common/errors'
import { AppError, badInput, mapError, zodToAppError } from './errors'
import type { Actor, Client, Ctx, DomainModule, Identity, Services } from './context'
import { resolveOpenid, resolveSession, type Identified } from '../features/auth/identity'
import { fingerprintOf, runIdempotent } from './idempotency'
import { gate } from './gate'
import { screenText } from '../features/moderation/text'

const requestSchema = z.object({
  action: z.string({ error: '缺少 action' }).min(1, '缺少 action').max(64, 'action 过长'),
  data: z.record(z.string(), z.unknown(), { error: 'data 应为对象' }).optional().nullable(),
  idempotencyKey: z
    .string({ error: 'idempotencyKey 应为字符串' })
    .min(8, 'idempotencyKey 过短')
    .max(128, 'idempotencyKey 过长')
    .refine((k) => !k.includes('\u0000'), 'idempotencyKey 无效')
    .optional()
    .nullable(),
}, { error: '请求格式有误，应为 { action, data } 对象' })

export interface DispatchResult {
  status: number
  envelope: Envelope<unknown>
}

export function createDispatcher(services: Services, modules: Record<string, DomainModule>, concurrency: number) {
  const admit = gate(concurrency)
  return (domain: string, body: unknown, identity: Identity, client?: Client): Promise<DispatchResult> =>
    admit.run(() => dispatchNow(domain, body, identity, client))

  async function dispatchNow(domain: string, body: unknown, identity: Identity, client: Client | undefined): Promise<DispatchResult> {
    const started = Date.now()
    const requestId = randomUUID()
    let actionName = '?'
    let actor: Actor | null = null
    try {
      const mod = Object.prototype.hasOwnProperty.call(modules, domain) ? modules[domain] : undefined
      if (!mod) throw new AppError('UNKNOWN_ACTION', `不支持的服务：${domain}`)
      const req = requestSchema.safeParse(body)
      if (!req.success) throw zodToAppError(req.error)
      actionName = req.data.action
      const spec: ActionSpec | undefined = Object.prototype.hasOwnProperty.call(mod.contract.actions, actionName)
        ? mod.contract.actions[actionName]
        : undefined
      if (!spec) throw new AppError('UNKNOWN_ACTION')

      const keyed = spec.kind === 'mutation' && !spec.repeatable && req.data.idempotencyKey ? req.data.idempotencyKey : undefined
      const who = await identify(services, identity, keyed)
      actor = who?.actor ?? null
      if (!hasAccess(spec.access, actor ? actor.roles : null)) {
        throw new AppError(actor ? 'FORBIDDEN' : identity ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED')
      }
      if (actor && spec.access !== 'public' && !actor.consented && !spec.beforeConsent) {
        throw new AppError('CONSENT_REQUIRED')
      }
      const input = spec.input.safeParse(req.data.data ?? {})
      if (!input.success) throw zodToAppError(input.error)
      const nul = fieldWithNul(input.data)
      if (nul) throw badInput({ [nul]: '内容含有无法识别的字符，请删除后重试' })

      const ctx: Ctx = { ...services, actor, identity, client, requestId }
      const handler = mod.handlers[actionName] as (input: unknown, ctx: Ctx) => Promise<unknown>
      const action = `${domain}.${actionName}`
      const content = spec.content
      const run = async () => {
        // User-written text is checked before the handler stores any of it (server/features/moderation/text.ts).
        const flagged = content && actor ? await screenText({ ...ctx, actor }, content, input.data, action) : null
        const result = await handler(input.data, ctx)
        await flagged?.()
        return result
      }
      const data =
        keyed && actor
          ? await runIdempotent(services, { userId: actor.userId, action, key: keyed, fingerprint: fingerprintOf(action, input.data) }, run, who?.prior)
          : await run()
      services.log.info({ requestId, domain, action: actionName, userId: actor?.userId, ip: client?.address, ms: Date.now() - started }, 'ok')
      return { status: 200, envelope: { ok: true, data: data ?? null } }
    } catch (err) {
      const mapped = mapError(err)
      const fields = { requestId, domain, action: actionName, userId: actor?.userId, ip: client?.address, status: mapped.status, ms: Date.now() - started }
      if (mapped.bug) services.log.error({ ...fields, err: mapped.bug }, 'unhandled error')
      else services.log.info({ ...fields, code: mapped.envelope.ok ? undefined : mapped.envelope.error.code }, 'refused')
      return mapped
    }
  }
}

async function identify(services: Services, identity: Identity, key: string | undefined): Promise<Identified | null> {
  if (!identity) return null
  if (identity.kind === 'session') return resolveSession(services, identity.token, key)
  return resolveOpenid(services, identity.openid, key)
}

/**
 * PostgreSQL text cannot hold the NUL character (SQLite can), so a value carrying one would fail on one engine
 * only, as a 500. It is refused here for every action alike, naming the field. Iterative: input can nest deeply.
 */
function fieldWithNul(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']]
  while (stack.length) {
    const [v, path] = stack.pop()!
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || '_'
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) stack.push([child, path ? `${path}.${k}` : k])
    }
  }
  return null
}
