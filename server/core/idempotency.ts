// A retried mutation (double tap, network retry, a draft resubmitted after a reload) carries the same key and
// gets the first answer back instead of running twice. The key is claimed before the work starts, so two
// concurrent retries cannot both run; a failed attempt releases it so the person can try again. A claim left by a
// process that died mid-way is taken over once it is older than any request can run.
import { AppError } from './errors'
import type { Services } from './context'

export const STALE_CLAIM_MS = 60_000

export async function runIdempotent<T>(
  services: Services,
  userId: number,
  action: string,
  key: string,
  run: () => Promise<T>,
  takeover = true,
): Promise<T> {
  const { db, clock } = services
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, action, response: null, created_at: clock().toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst()
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
    const prior = await db
      .selectFrom('idempotency_keys')
      .select(['action', 'response', 'created_at'])
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst()
    if (prior && prior.action !== action) throw new AppError('CONFLICT', '重复的请求编号，请刷新后重试')
    if (prior && prior.response == null && takeover && clock().getTime() - Date.parse(prior.created_at) > STALE_CLAIM_MS) {
      // Only the caller whose delete removes this very claim goes on; a concurrent one finds it gone or renewed.
      await db
        .deleteFrom('idempotency_keys')
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .where('created_at', '=', prior.created_at)
        .where('response', 'is', null)
        .execute()
      return runIdempotent(services, userId, action, key, run, false)
    }
    if (prior?.response == null) throw new AppError('IN_PROGRESS')
    return JSON.parse(prior.response) as T
  }
  try {
    const result = await run()
    await db
      .updateTable('idempotency_keys')
      .set({ response: JSON.stringify(result ?? null) })
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .execute()
    return result
  } catch (err) {
    await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute()
    throw err
  }
}
