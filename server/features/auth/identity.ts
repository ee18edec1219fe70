// Turning what an adapter knows about the caller (a session token over HTTP, the OPENID on cloud functions)
// into an Actor with roles. Used by the pipeline only.
import { createHash } from 'node:crypto'
import type { Role } from '../../../common/contract'
import type { Actor, Services } from '../../core/context'
import type { Db } from '../../db/connect'

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * The caller, their roles and whether they accepted the current privacy notice, in one statement: every request
 * starts here, refused ones included. One row per role (or one without a role).
 */
function actorQuery(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('community', (join) => join.on('community.id', '=', 1))
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id as userId', 'users.consent_version as consentVersion', 'community.privacy_version as privacyVersion', 'user_roles.role as role'])
    .where('users.deleted_at', 'is', null)
}

type ActorRow = { userId: number; consentVersion: string | null; privacyVersion: string; role: string | null }

function actorOf(rows: ActorRow[]): Actor | null {
  const first = rows[0]
  if (!first) return null
  return {
    userId: first.userId,
    roles: rows.flatMap((r) => (r.role ? [r.role as Role] : [])),
    consented: first.consentVersion !== null && first.consentVersion === first.privacyVersion,
  }
}

export async function resolveSession(services: Services, token: string): Promise<Actor | null> {
  if (!token || token.length > 200) return null
  const rows = await actorQuery(services.db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.expires_at', '>', services.clock().toISOString())
    .execute()
  return actorOf(rows)
}

/** On cloud functions WeChat has already authenticated the caller: the first call creates the person. */
export async function resolveOpenid(services: Services, openid: string): Promise<Actor | null> {
  const known = actorOf(await actorQuery(services.db).where('users.openid', '=', openid).execute())
  if (known) return known
  await findOrCreateUser(services, openid)
  return actorOf(await actorQuery(services.db).where('users.openid', '=', openid).execute())
}

export async function findOrCreateUser({ db, clock }: Services, openid: string): Promise<number> {
  const now = clock().toISOString()
  await db
    .insertInto('users')
    .values({ openid, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('openid').doNothing())
    .execute()
  const row = await db.selectFrom('users').select(['id', 'deleted_at']).where('openid', '=', openid).executeTakeFirstOrThrow()
  return row.id
}
