// Turning what an adapter knows about the caller (a session token over HTTP, the OPENID on cloud functions)
// into an Actor with roles. Used by the pipeline only.
import { createHash } from 'node:crypto'
import type { Role } from '../../../common/contract'
import type { Actor, Services } from '../../core/context'
import type { Db } from '../../db/connect'

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function resolveSession(services: Services, token: string): Promise<Actor | null> {
  if (!token || token.length > 200) return null
  const row = await services.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id as userId', 'users.consent_version as consentVersion', 'sessions.expires_at as expiresAt'])
    .where('sessions.token_hash', '=', hashToken(token))
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row || row.expiresAt <= services.clock().toISOString()) return null
  return actorFor(services.db, row.userId, row.consentVersion)
}

/** On cloud functions WeChat has already authenticated the caller: the first call creates the person. */
export async function resolveOpenid(services: Services, openid: string): Promise<Actor | null> {
  const userId = await findOrCreateUser(services, openid)
  const row = await services.db.selectFrom('users').select('consent_version').where('id', '=', userId).executeTakeFirstOrThrow()
  return actorFor(services.db, userId, row.consent_version)
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

async function actorFor(db: Db, userId: number, consentVersion: string | null): Promise<Actor> {
  const [roles, community] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute(),
    db.selectFrom('community').select('privacy_version').where('id', '=', 1).executeTakeFirst(),
  ])
  return {
    userId,
    roles: roles.map((r) => r.role as Role),
    consented: consentVersion !== null && consentVersion === community?.privacy_version,
  }
}
