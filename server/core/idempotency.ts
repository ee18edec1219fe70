// A retried mutation (double tap, network retry, a draft resubmitted after a reload) carries the same key and
// gets the first answer back instead of running twice. Reading the key is the only cost up front: the claim is
// written just before the mutation's first write (server/db/claiming.ts), in the same transaction, so a request
// refused before it writes anything leaves nothing behind, and two concurrent retries cannot both write. A key
// sent again with other data is refused: it means the client reused a key by mistake, and answering with the
// first result would hide that the second request never ran. A claim left by a process that died mid-way is
// taken over once it is older than any request can run.
import { createHash } from 'node:crypto'
import { AppError } from './errors'
import type { Services } from './context'
import { ClaimTaken, PendingClaim, withClaim } from '../db/claiming'

export const STALE_CLAIM_MS = 60_000

/**
 * How long a key answers with its first result. A retry comes within seconds or minutes (a double tap, a weak
 * signal, a draft sent again after a reload); a day is plenty, and a stored answer may hold people's data
 * (names, addresses), so none is kept longer. Older keys count as unused and are swept.
 */
export const KEY_TTL_MS = 86_400_000

const expired = (prior: PriorKey, now: Date) => now.getTime() - Date.parse(prior.created_at) > KEY_TTL_MS

/** Deletes every key past its day. Run on a timer (the auth module's sweep). */
export async function sweepIdempotencyKeys({ db, clock }: Services): Promise<number> {
  const before = new Date(clock().getTime() - KEY_TTL_MS).toISOString()
  const res = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst()
  return Number(res.numDeletedRows)
}

/**
 * When an account is deleted, the stored answers of everyone's requests go too: another person's answer may
 * show the deleted person (a grid worker's accepted request names its resident), and nothing records whom an
 * answer shows. What is lost is a day of replays: a retry arriving after that runs again, and the mutations
 * where a repeat would matter refuse a duplicate on their own (a place, a booking per day).
 */
export async function forgetStoredAnswers(db: Services['db']): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('response', 'is not', null).execute()
}

/** The same input gives the same fingerprint whatever the order of its keys. */
export function fingerprintOf(action: string, input: unknown): string {
  return createHash('sha256').update(action).update('\u0000').update(canonical(input)).digest('base64url')
}

function canonical(value: unknown): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
}

/** An idempotency key as the caller used it before, read together with the caller. */
export interface PriorKey {
  action: string
  fingerprint: string | null
  response: string | null
  created_at: string
}

export interface KeyedCall {
  userId: number
  /** `<domain>.<action>` */
  action: string
  key: string
  fingerprint: string
}

/**
 * Runs a keyed mutation once. `known` is the key's earlier use when the caller already read it (the pipeline
 * reads it with the caller's identity, in the same statement): null for unused; undefined to read it here.
 */
export async function runIdempotent<T>(services: Services, call: KeyedCall, run: () => Promise<T>, known?: PriorKey | null, takeover = true): Promise<T> {
  const { db, clock } = services
  let found = known === undefined ? await readPrior(services, call) : known
  if (found && expired(found, clock())) {
    // Past its day the key is free again: the old record goes (only this very one), the call runs afresh.
    await db.deleteFrom('idempotency_keys').where('user_id', '=', call.userId).where('key', '=', call.key).where('created_at', '=', found.created_at).execute()
    found = null
  }
  const prior = checked(found, call)
  if (prior) {
    if (prior.response !== null) return JSON.parse(prior.response) as T
    if (!takeover || clock().getTime() - Date.parse(prior.created_at) <= STALE_CLAIM_MS) throw new AppError('IN_PROGRESS')
    // Only the caller whose delete removes this very claim goes on; a concurrent one finds it gone or renewed.
    await db
      .deleteFrom('idempotency_keys')
      .where('user_id', '=', call.userId)
      .where('key', '=', call.key)
      .where('created_at', '=', prior.created_at)
      .where('response', 'is', null)
      .execute()
    return runIdempotent(services, call, run, undefined, false)
  }

  const claim = new PendingClaim(
    db
      .insertInto('idempotency_keys')
      .values({ user_id: call.userId, key: call.key, action: call.action, fingerprint: call.fingerprint, response: null, created_at: clock().toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .compile(),
  )
  try {
    const result = await withClaim(claim, run)
    // A mutation that turned out to change nothing keeps no key: running it again changes nothing either.
    if (claim.done) {
      await db
        .updateTable('idempotency_keys')
        .set({ response: JSON.stringify(result ?? null) })
        .where('user_id', '=', call.userId)
        .where('key', '=', call.key)
        .execute()
    }
    return result
  } catch (err) {
    if (err instanceof ClaimTaken) {
      const winner = await priorOf(services, call)
      if (winner?.response != null) return JSON.parse(winner.response) as T
      throw new AppError('IN_PROGRESS')
    }
    // Claimed and committed, then failed: give the key back so the person can try again.
    if (claim.done) await db.deleteFrom('idempotency_keys').where('user_id', '=', call.userId).where('key', '=', call.key).where('response', 'is', null).execute()
    throw err
  }
}

async function readPrior({ db }: Services, call: KeyedCall): Promise<PriorKey | null> {
  const prior = await db
    .selectFrom('idempotency_keys')
    .select(['action', 'fingerprint', 'response', 'created_at'])
    .where('user_id', '=', call.userId)
    .where('key', '=', call.key)
    .executeTakeFirst()
  return prior ?? null
}

/** The earlier request under this key, refused outright when it was another action or other data. */
async function priorOf(services: Services, call: KeyedCall) {
  return checked(await readPrior(services, call), call)
}

function checked(prior: PriorKey | null, call: KeyedCall): PriorKey | undefined {
  if (!prior) return undefined
  if (prior.action !== call.action) throw new AppError('CONFLICT', '重复的请求编号，请刷新后重试')
  if (prior.fingerprint !== null && prior.fingerprint !== call.fingerprint) {
    throw new AppError('CONFLICT', '这个请求编号已用于内容不同的另一次提交，请刷新页面后重新提交')
  }
  return prior
}
