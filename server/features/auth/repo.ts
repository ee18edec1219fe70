// SQL of sessions. Only a token's hash is stored.
import type { Db } from '../../db/connect'

export async function insertSession(db: Db, s: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }) {
  await db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute()
}

export async function deleteExpiredOf(db: Db, userId: number, now: string) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute()
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
