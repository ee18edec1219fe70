// A retried mutation (double tap, network retry, a draft resubmitted after a reload) carries the same key and
// gets the first answer back instead of running twice. The key is claimed before the work starts, so two
// concurrent retries cannot both run; a failed attempt releases it so the person can try again.
import { AppError } from './errors'
import type { Services } from './context'

export async function runIdempotent<T>(
  { db, clock }: Services,
  userId: number,
  action: string,
  key: string,
  run: () => Promise<T>,
): Promise<T> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, action, response: null, created_at: clock().toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst()
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
    const prior = await db
      .selectFrom('idempotency_keys')
      .select(['action', 'response'])
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst()
    if (prior && prior.action !== action) throw new AppError('CONFLICT', '重复的请求编号，请刷新后重试')
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
