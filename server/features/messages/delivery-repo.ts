// The outbox as a queue several dispatchers drain at once, and the subscriptions and preferences it reads.
import { sql } from 'kysely'
import type { Db, Engine } from '../../db/connect'
import type { OutboxStatus } from './tables'

export type OutboxRow = Awaited<ReturnType<typeof claimDue>>[number]

const CLAIMED = ['outbox.id', 'outbox.user_id', 'outbox.template', 'outbox.payload', 'outbox.attempts', 'outbox.holds_quota', 'outbox.created_at'] as const

/**
 * Claims up to `limit` due rows for one dispatcher run (`claim`). PostgreSQL skips rows another dispatcher has
 * locked (FOR UPDATE SKIP LOCKED), so two never wait for nor take the same row; the due rows are chosen once, in
 * a materialised CTE — as a subquery of the UPDATE they could be chosen again per row, each time skipping
 * different ones, and the limit would not hold. SQLite has one writer at a time, so the single UPDATE is the
 * claim. A claimed row is `sending` until its outcome is written.
 */
export async function claimDue(db: Db, engine: Engine, o: { claim: string; now: string; limit: number }) {
  const set = { status: 'sending' as OutboxStatus, claim: o.claim, claimed_at: o.now }
  const due = (q: Db) =>
    q
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where((w) => w.or([w('next_at', 'is', null), w('next_at', '<=', o.now)]))
      .orderBy('id')
      .limit(o.limit)
  if (engine === 'postgres') {
    return db
      .with((w) => w('due').materialized(), (q) => due(q as unknown as Db).forUpdate().skipLocked())
      .updateTable('outbox')
      .from('due')
      .set((eb) => ({ ...set, attempts: eb('outbox.attempts', '+', 1) }))
      .whereRef('outbox.id', '=', 'due.id')
      .returning(CLAIMED)
      .execute()
  }
  return db
    .updateTable('outbox')
    .set((eb) => ({ ...set, attempts: eb('attempts', '+', 1) }))
    .where('status', '=', 'pending')
    .where('id', 'in', due(db))
    .returning(CLAIMED)
    .execute()
}

/** Rows a dispatcher claimed and never finished (it was stopped mid-send), claimed before `before`. */
export async function failInterrupted(db: Db, before: string, now: string): Promise<number> {
  const res = await db
    .updateTable('outbox')
    .set({ status: 'failed', error_code: 'INTERRUPTED', error: '发送中断，无法确认微信是否已送达，不再重发', sent_at: null, claim: null, next_at: now })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', before)
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/** Writes what became of a claimed row, only while this run still holds it. */
export async function finish(
  db: Db,
  id: number,
  claim: string,
  values: { status: OutboxStatus; sent_at?: string | null; next_at?: string; error_code?: string | null; error?: string | null; holds_quota?: number },
): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ ...values, claim: values.status === 'pending' ? null : claim })
    .where('id', '=', id)
    .where('claim', '=', claim)
    .where('status', '=', 'sending')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function holdQuota(db: Db, id: number, claim: string): Promise<boolean> {
  const res = await db.updateTable('outbox').set({ holds_quota: 1 }).where('id', '=', id).where('claim', '=', claim).where('status', '=', 'sending').executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function recipient(db: Db, userId: number) {
  return db.selectFrom('users').select(['openid', 'deleted_at']).where('id', '=', userId).executeTakeFirst()
}

// ---------------------------------------------------------------- subscriptions

/** Takes one of the person's subscriptions to a template; false when none is left. */
export async function takeSubscription(db: Db, userId: number, templateId: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('message_subscriptions')
    .set((eb) => ({ remaining: eb('remaining', '-', 1), updated_at: now }))
    .where('user_id', '=', userId)
    .where('template_id', '=', templateId)
    .where('remaining', '>', 0)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Gives back a subscription a message held but did not use. */
export async function returnSubscription(db: Db, userId: number, templateId: string, now: string) {
  await addSubscriptions(db, userId, [templateId], now)
}

/** WeChat said none is left (43101): the count follows WeChat. */
export async function clearSubscriptions(db: Db, userId: number, templateId: string, now: string) {
  await db.updateTable('message_subscriptions').set({ remaining: 0, updated_at: now }).where('user_id', '=', userId).where('template_id', '=', templateId).execute()
}

/** One more subscription to each template, as WeChat counts one per accepted prompt. */
export async function addSubscriptions(db: Db, userId: number, templateIds: string[], now: string) {
  for (const templateId of templateIds) {
    await db
      .insertInto('message_subscriptions')
      .values({ user_id: userId, template_id: templateId, remaining: 1, updated_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'template_id']).doUpdateSet({ remaining: sql`message_subscriptions.remaining + 1`, updated_at: now }))
      .execute()
  }
}

export async function subscriptionsOf(db: Db, userId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('message_subscriptions').select(['template_id', 'remaining']).where('user_id', '=', userId).execute()
  return new Map(rows.map((r) => [r.template_id, r.remaining]))
}

// ---------------------------------------------------------------- preferences

/** The kinds the person turned off (everything else may come through WeChat). */
export async function turnedOff(db: Db, userId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('message_preferences').select('kind').where('user_id', '=', userId).where('allowed', '=', 0).execute()
  return new Set(rows.map((r) => r.kind))
}

export async function setAllowed(db: Db, userId: number, kind: string, allowed: boolean, now: string) {
  await db
    .insertInto('message_preferences')
    .values({ user_id: userId, kind, allowed: allowed ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ allowed: allowed ? 1 : 0, updated_at: now }))
    .execute()
}

export async function isTurnedOff(db: Db, userId: number, kind: string): Promise<boolean> {
  const row = await db.selectFrom('message_preferences').select('allowed').where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst()
  return row?.allowed === 0
}
