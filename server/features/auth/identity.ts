// Turning what an adapter knows about the caller (a session token over HTTP, the OPENID on cloud functions)
// into an Actor with roles. Used by the pipeline only.
import { createHash } from 'node:crypto'
import type { Role } from '../../../common/contract'
import { STAFF_ROLES } from '../../../common/contract'
import { hasRole, type Actor, type Services } from '../../core/context'
import * as repo from './repo'
import type { PriorKey } from '../../core/idempotency'

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export interface Identified {
  actor: Actor
  /** The caller's earlier use of the request's idempotency key: null when unused; absent when none was given. */
  prior?: PriorKey | null
}

type ActorRow = {
  userId: number
  consentVersion: string | null
  privacyVersion: string
  role: string | null
  keyAction: string | null
  keyFingerprint: string | null
  keyResponse: string | null
  keyCreatedAt: string | null
}

function identified(rows: ActorRow[], key: string | undefined): Identified | null {
  const first = rows[0]
  if (!first) return null
  const actor: Actor = {
    userId: first.userId,
    roles: rows.flatMap((r) => (r.role ? [r.role as Role] : [])),
    consented: first.consentVersion !== null && first.consentVersion === first.privacyVersion,
  }
  if (key === undefined) return { actor }
  const prior = first.keyAction === null ? null : { action: first.keyAction, fingerprint: first.keyFingerprint, response: first.keyResponse, created_at: first.keyCreatedAt! }
  return { actor, prior }
}

/** How often a session's last use is written down: often enough for an idle limit of hours, rarely enough to cost nothing. */
const SEEN_EVERY_MS = 5 * 60_000

export async function resolveSession(services: Services, token: string, key?: string): Promise<Identified | null> {
  if (!token || token.length > 200) return null
  const now = services.clock()
  const tokenHash = hashToken(token)
  const rows = await repo.actorQuery(services.db, key)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.created_at as sessionCreatedAt', 'sessions.last_seen_at as sessionSeenAt'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now.toISOString())
    .execute()
  const who = identified(rows, key)
  if (!who) return null
  const { sessionCreatedAt, sessionSeenAt } = rows[0]
  const seen = Date.parse(String(sessionSeenAt ?? sessionCreatedAt))
  // Staff and admins: a shorter life, and an end when left idle (a desk computer nobody signed out of). The
  // policy follows the roles held now, so a resident made staff is held to it from the next request.
  if (hasRole(who.actor, ...STAFF_ROLES)) {
    const { STAFF_SESSION_TTL_DAYS, STAFF_IDLE_HOURS } = services.config
    const tooOld = now.getTime() - Date.parse(String(sessionCreatedAt)) > STAFF_SESSION_TTL_DAYS * 86_400_000
    const idle = now.getTime() - seen > STAFF_IDLE_HOURS * 3_600_000
    if (tooOld || idle) {
      await repo.deleteByTokenHash(services.db, tokenHash)
      return null
    }
  }
  if (now.getTime() - seen > SEEN_EVERY_MS) await repo.markSeen(services.db, tokenHash, now.toISOString())
  return who
}

/** On cloud functions WeChat has already authenticated the caller: the first call creates the person. */
export async function resolveOpenid(services: Services, openid: string, key?: string): Promise<Identified | null> {
  const known = identified(await repo.actorQuery(services.db, key).where('users.openid', '=', openid).execute(), key)
  if (known) return known
  await findOrCreateUser(services, openid)
  return identified(await repo.actorQuery(services.db, key).where('users.openid', '=', openid).execute(), key)
}

export async function findOrCreateUser({ db, clock }: Services, openid: string): Promise<number> {
  return repo.userIdForOpenid(db, openid, clock().toISOString())
}

/** The person a live session belongs to, or null: what rate limits key on, so a made-up token counts as none. */
export async function sessionUserId(services: Services, token: string): Promise<number | null> {
  if (!token || token.length > 200) return null
  const row = await services.db
    .selectFrom('sessions')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .where('expires_at', '>', services.clock().toISOString())
    .executeTakeFirst()
  return row?.user_id ?? null
}
