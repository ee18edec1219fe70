// SQL of sessions and of who is calling. Only a token's hash is stored.
import type { Db } from '../../db/connect'

export async function insertSession(db: Db, s: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }) {
  await db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt, last_seen_at: s.createdAt }).execute()
}

export async function deleteExpired(db: Db, now: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(res.numDeletedRows)
}

export async function deleteExpiredOf(db: Db, userId: number, now: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute()
}

export async function markSeen(db: Db, tokenHash: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute()
}

export async function deleteByTokenHash(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

export async function deleteAllOf(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

/** When the person signed in and until when, oldest first, for their data export; never the tokens. */
export async function sessionsOf(db: Db, userId: number) {
  return db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', userId).orderBy('created_at').execute()
}

/**
 * The caller, their roles and whether they accepted the current privacy notice — and, for a mutation with an
 * idempotency key, what that key answered before — in one statement: every request starts here, refused ones
 * included. One row per role (or one without a role).
 */
export function actorQuery(db: Db, key: string | undefined) {
  const q = db
    .selectFrom('users')
    .innerJoin('community', (join) => join.on('community.id', '=', 1))
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id as userId', 'users.consent_version as consentVersion', 'community.privacy_version as privacyVersion', 'user_roles.role as role'])
    .where('users.deleted_at', 'is', null)
  if (key === undefined) return q.select((eb) => [eb.val<string | null>(null).as('keyAction'), eb.val<string | null>(null).as('keyFingerprint'), eb.val<string | null>(null).as('keyResponse'), eb.val<string | null>(null).as('keyCreatedAt')])
  return q
    .leftJoin('idempotency_keys', (join) => join.onRef('idempotency_keys.user_id', '=', 'users.id').on('idempotency_keys.key', '=', key))
    .select([
      'idempotency_keys.action as keyAction',
      'idempotency_keys.fingerprint as keyFingerprint',
      'idempotency_keys.response as keyResponse',
      'idempotency_keys.created_at as keyCreatedAt',
    ])
}


/** The person for an openid, created on first sight; the insert is skipped when they are known. */
export async function userIdForOpenid(db: Db, openid: string, now: string): Promise<number> {
  const known = await db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirst()
  if (known) return known.id
  await db
    .insertInto('users')
    .values({ openid, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('openid').doNothing())
    .execute()
  return (await db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirstOrThrow()).id
}
