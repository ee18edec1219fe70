// SQL of the people page: finding people by name, phone or building, with their home.
import type { Role } from '../../../common/contract'
import type { Db } from '../../db/connect'
import { contains } from '../../db/text-search'
import { peopleWithHome, PERSON_WITH_HOME } from '../account/repo'

function living(db: Db) {
  return peopleWithHome(db).where('users.deleted_at', 'is', null)
}

export type PersonRow = Awaited<ReturnType<typeof personById>>

export async function personById(db: Db, userId: number) {
  return living(db).select(PERSON_WITH_HOME).where('users.id', '=', userId).executeTakeFirst()
}

/**
 * How a search reads its words: a whole mobile number finds that number only (and is audited by the caller);
 * other digits look in building names (10 → 10号楼), never in phone numbers, so a masked number cannot be
 * completed by trying its hidden digits; anything else looks in names and buildings.
 */
export function searchKind(q: string): 'phone' | 'building' | 'text' | 'all' {
  if (!q) return 'all'
  if (/^1[3-9]\d{9}$/.test(q)) return 'phone'
  return /^\d+$/.test(q) ? 'building' : 'text'
}

export async function search(db: Db, q: string, role: Role | undefined, page: number, pageSize: number) {
  let query = living(db)
  const kind = searchKind(q)
  if (kind === 'phone') query = query.where('users.phone', '=', q)
  else if (kind === 'building') query = query.where(contains('buildings.name', q))
  else if (kind === 'text') query = query.where((eb) => eb.or([contains('users.name', q), contains('buildings.name', q)]))
  if (role) {
    query = query.where('users.id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', role))
  }
  // People who never registered nor hold a role are only sign-ins; staff have nothing to do with them.
  query = query.where((eb) =>
    eb.or([eb('users.household_id', 'is not', null), eb('users.id', 'in', db.selectFrom('user_roles').select('user_id'))]),
  )
  const [rows, count] = await Promise.all([
    query.select(PERSON_WITH_HOME).orderBy('users.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** What people's data was looked at, by whom: phone lookups, residents' numbers handed out, ID numbers shown. */
export const ACCESS_ACTIONS = ['people.phone_lookup', 'hotline.resident_phone', 'appointments.revealIdCard'] as const

export async function accessLog(db: Db, page: number, pageSize: number) {
  const base = db.selectFrom('audit_log').where('action', 'in', [...ACCESS_ACTIONS])
  const [rows, count] = await Promise.all([
    base
      .leftJoin('users as actor', 'actor.id', 'audit_log.actor_id')
      .select(['audit_log.id as id', 'audit_log.action as action', 'audit_log.target_id as targetId', 'audit_log.detail as detail', 'audit_log.at as at', 'actor.name as actorName'])
      .orderBy('audit_log.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

export async function namesOf(db: Db, ids: number[]) {
  if (ids.length === 0) return []
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
}
