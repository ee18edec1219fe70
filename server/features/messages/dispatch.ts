// The dispatcher: drains the outbox into WeChat subscribe messages. Each run claims a batch of due rows for
// itself (delivery-repo.claimDue), decides per row whether it may go through WeChat at all — a template for its
// kind, the person has not turned the kind off, a subscription left to spend — sends it, and writes the outcome
// only while it still holds the row. Nobody gets the same notice twice: a row is sent by the one run that
// claimed it, and a send whose outcome is unknown (no answer, a run stopped mid-send) is never tried again.
import { randomBytes } from 'node:crypto'
import { PAGE } from '../../../common/routes'
import type { Services } from '../../core/context'
import * as repo from './delivery-repo'
import { formatKeyword } from './keywords'
import { kindOf, slotValues } from './kinds'
import { templateSettings } from './template-config'
import { pageOf, type SendOutcome, type SubscribeMessage } from './wechat/sender'

export const BATCH = 50
/** A run holding a row longer than this was stopped mid-send. */
export const LEASE_MS = 10 * 60_000
/** Attempts for failures that pass (WeChat busy, unreachable), spaced by RETRY_BASE_MS doubling up to RETRY_MAX_MS. */
export const MAX_ATTEMPTS = 6
export const RETRY_BASE_MS = 30_000
export const RETRY_MAX_MS = 30 * 60_000
/** A notice that could not go out within this long after it was written is no longer worth a WeChat message. */
export const MAX_AGE_MS = 12 * 3_600_000
/** A run stops claiming after this long, so a timer invocation ends well inside its time limit. */
export const RUN_BUDGET_MS = 15_000

export interface DeliveryRun {
  sent: number
  skipped: number
  failed: number
  retrying: number
  interrupted: number
}

type Skip = { code: string; message: string }

const SKIPS = {
  noSender: { code: 'NO_SENDER', message: '服务器未配置微信消息发送' },
  noTemplate: { code: 'NO_TEMPLATE', message: '此类通知未配置微信模板' },
  noUser: { code: 'NO_USER', message: '收件人已注销' },
  optedOut: { code: 'OPTED_OUT', message: '本人已关闭此类微信通知' },
  noSubscription: { code: 'NO_SUBSCRIPTION', message: '没有可用的订阅次数，仅在消息中心' },
  expired: { code: 'EXPIRED', message: '超过12小时未能发送，不再发送' },
} satisfies Record<string, Skip>

export function retryDelay(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1))
}

export async function drainOutbox(services: Services, opts: { batch?: number } = {}): Promise<DeliveryRun> {
  const batch = opts.batch ?? BATCH
  const { db, engine, clock } = services
  const run: DeliveryRun = { sent: 0, skipped: 0, failed: 0, retrying: 0, interrupted: 0 }
  const started = Date.now()
  const claim = randomBytes(9).toString('base64url')
  run.interrupted = await repo.failInterrupted(db, new Date(clock().getTime() - LEASE_MS).toISOString(), clock().toISOString())
  for (;;) {
    const rows = await repo.claimDue(db, engine, { claim, now: clock().toISOString(), limit: batch })
    for (const row of rows) run[await deliver(services, claim, row)]++
    if (rows.length < batch || Date.now() - started > RUN_BUDGET_MS) break
  }
  if (run.sent || run.failed || run.interrupted) services.log.info({ ...run }, 'outbox delivered')
  return run
}

type Result = Exclude<keyof DeliveryRun, 'interrupted'>

async function deliver(services: Services, claim: string, row: repo.OutboxRow): Promise<Result> {
  const { db, config, sender } = services
  const now = () => services.clock().toISOString()
  const skip = async (s: Skip): Promise<Result> => {
    await repo.finish(db, row.id, claim, { status: 'skipped', error_code: s.code, error: s.message })
    return 'skipped'
  }

  const kind = kindOf(row.template)
  const setting = kind ? templateSettings(config).get(kind) : undefined
  if (!sender) return skip(SKIPS.noSender)
  if (!kind || !setting) return skip(SKIPS.noTemplate)
  let holds = row.holds_quota === 1
  // A row tried before holds a subscription; one that does not go now gives it back.
  const notNow = (s: Skip) => giveUp(services, claim, row, setting.id, s, 'skipped', holds)
  const person = await repo.recipient(db, row.user_id)
  // A deleted account keeps nothing, subscriptions included.
  if (!person || person.deleted_at) return skip(SKIPS.noUser)
  if (await repo.isTurnedOff(db, row.user_id, kind)) return notNow(SKIPS.optedOut)
  if (services.clock().getTime() - Date.parse(row.created_at) >= MAX_AGE_MS) return notNow(SKIPS.expired)

  // One subscription is taken when the row is first tried and kept across its retries. Each step is one
  // statement, with no transaction held across a dispatcher's awaits (SQLite has one writer for all of them); a
  // run stopped between the two loses that one subscription, and the row ends as interrupted.
  if (!holds) {
    if (!(await repo.takeSubscription(db, row.user_id, setting.id, now()))) return skip(SKIPS.noSubscription)
    await repo.holdQuota(db, row.id, claim)
    holds = true
  }

  const { title, body, link, ...payload } = JSON.parse(row.payload) as Record<string, unknown> & { title: string; body: string; link: string | null }
  const values = slotValues(row.template, payload, { title, body, createdAt: row.created_at })!
  const message: SubscribeMessage = {
    touser: person.openid,
    templateId: setting.id,
    page: pageOf(link ?? PAGE.messages),
    data: Object.fromEntries(Object.entries(setting.keywords).map(([slot, { keyword, type }]) => [keyword, { value: formatKeyword(type, values[slot] ?? '') }])),
    miniprogramState: config.WECHAT_MINIPROGRAM_STATE,
  }

  let outcome: SendOutcome
  try {
    outcome = await sender.send(message)
  } catch (err) {
    // A sender that throws broke before or while sending: whether it went out is unknown.
    outcome = { ok: false, code: 'SENDER', message: err instanceof Error ? err.message : String(err), verdict: 'unknown' }
  }
  if (outcome.ok) {
    await repo.finish(db, row.id, claim, { status: 'sent', sent_at: now(), error_code: null, error: null })
    return 'sent'
  }
  const reason = { code: outcome.code, message: outcome.message }
  if (outcome.verdict === 'retry' && row.attempts < MAX_ATTEMPTS) {
    const next = new Date(services.clock().getTime() + retryDelay(row.attempts)).toISOString()
    await repo.finish(db, row.id, claim, { status: 'pending', next_at: next, error_code: reason.code, error: reason.message })
    return 'retrying'
  }
  services.log.warn({ outbox: row.id, template: row.template, code: outcome.code, verdict: outcome.verdict }, 'subscribe message not delivered')
  if (outcome.verdict === 'unknown') {
    // It may have arrived and used the subscription: nothing is given back and nothing is tried again.
    await repo.finish(db, row.id, claim, { status: 'failed', error_code: reason.code, error: `${reason.message}；是否送达未知，不再重发` })
    return 'failed'
  }
  return giveUp(services, claim, row, setting.id, outcome.verdict === 'retry' ? { ...reason, message: `重试${row.attempts}次仍未成功：${reason.message}` } : reason, 'failed', holds)
}

/** Ends a row that did not go out, giving back its subscription — unless WeChat said none is left (43101). */
async function giveUp(services: Services, claim: string, row: repo.OutboxRow, templateId: string, reason: Skip, status: 'failed' | 'skipped', holds: boolean): Promise<Result> {
  const { db } = services
  const now = services.clock().toISOString()
  if (!(await repo.finish(db, row.id, claim, { status, error_code: reason.code, error: reason.message, holds_quota: 0 }))) return status
  if (holds) {
    if (reason.code === '43101') await repo.clearSubscriptions(db, row.user_id, templateId, now)
    else await repo.returnSubscription(db, row.user_id, templateId, now)
  }
  return status
}
