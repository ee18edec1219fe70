// SQL of people: who they are, where they live, their roles, grids, volunteer team and consents.
import { forgetStoredAnswers } from '../../core/idempotency'
import type { Role } from '../../../common/contract'
import type { Db } from '../../db/connect'
import type { UserPatch } from './tables'

export async function findUser(db: Db, userId: number) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst()
}

export async function nameOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst()
  return row?.name ?? null
}

export async function updateUser(db: Db, userId: number, patch: UserPatch) {
  await db.updateTable('users').set(patch).where('id', '=', userId).execute()
}

// ---------------------------------------------------------------- where people live

/**
 * People with their home: household, building and grid, all null for someone who has not registered one.
 * Every question of the kind "who is this and where do they live" starts here.
 */
export function peopleWithHome(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('households', 'households.id', 'users.household_id')
    .leftJoin('buildings', 'buildings.id', 'households.building_id')
    .leftJoin('grids', 'grids.id', 'buildings.grid_id')
}

export const PERSON_WITH_HOME = [
  'users.id as id',
  'users.name as name',
  'users.phone as phone',
  'users.work_phone as workPhone',
  'users.deleted_at as deletedAt',
  'households.id as householdId',
  'buildings.id as buildingId',
  'buildings.name as building',
  'households.unit as unit',
  'households.room as room',
  'grids.id as gridId',
  'grids.name as gridName',
] as const

export async function personWithHome(db: Db, userId: number) {
  return peopleWithHome(db).select(PERSON_WITH_HOME).where('users.id', '=', userId).executeTakeFirst()
}

// ---------------------------------------------------------------- roles, grids, teams

export async function rolesOf(db: Db, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute()
  return rows.map((r) => r.role)
}

export async function gridIdsOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('grid_workers').select('grid_id').where('user_id', '=', userId).orderBy('grid_id').execute()
  return rows.map((r) => r.grid_id)
}

export async function teamOf(db: Db, userId: number) {
  return (await teamsOf(db, [userId]))[0]
}

export async function rolesOfMany(db: Db, userIds: number[]) {
  return db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute()
}

export async function gridsOfMany(db: Db, userIds: number[]) {
  return db.selectFrom('grid_workers').select(['user_id', 'grid_id']).where('user_id', 'in', userIds).orderBy('grid_id').execute()
}

export async function teamsOf(db: Db, userIds: number[]) {
  return db
    .selectFrom('volunteer_members')
    .innerJoin('volunteer_teams', 'volunteer_teams.id', 'volunteer_members.team_id')
    .select(['volunteer_members.user_id as userId', 'volunteer_teams.id as id', 'volunteer_teams.name as name', 'volunteer_members.is_leader as isLeader'])
    .where('volunteer_members.user_id', 'in', userIds)
    .execute()
}

/** People holding a role (not deleted), by id. */
export async function usersWithRole(db: Db, role: Role) {
  return db
    .selectFrom('users')
    .select(['users.id as id', 'users.name as name'])
    .where('users.deleted_at', 'is', null)
    .where('users.id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', role))
    .orderBy('users.id')
    .execute()
}

export async function countOthersWithRole(db: Db, role: Role, userId: number): Promise<number> {
  const row = await db
    .selectFrom('user_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', role)
    .where('user_id', '!=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function grantRole(db: Db, userId: number, role: Role, grantedBy: number | null, now: string) {
  await db
    .insertInto('user_roles')
    .values({ user_id: userId, role, granted_by: grantedBy, granted_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
    .execute()
}

/** Takes away every role of the person but these. */
export async function keepOnlyRoles(db: Db, userId: number, roles: Role[]) {
  let q = db.deleteFrom('user_roles').where('user_id', '=', userId)
  if (roles.length) q = q.where('role', 'not in', roles)
  await q.execute()
}

export async function setGrids(db: Db, userId: number, gridIds: number[]) {
  await db.deleteFrom('grid_workers').where('user_id', '=', userId).execute()
  for (const gridId of gridIds) await db.insertInto('grid_workers').values({ user_id: userId, grid_id: gridId }).execute()
}

export async function setTeam(db: Db, userId: number, team: { teamId: number; leader: boolean } | null) {
  await db.deleteFrom('volunteer_members').where('user_id', '=', userId).execute()
  if (team) await db.insertInto('volunteer_members').values({ user_id: userId, team_id: team.teamId, is_leader: team.leader ? 1 : 0 }).execute()
}

/** The grid workers of a grid with their work phones. */
export async function gridWorkersOf(db: Db, gridId: number) {
  return db
    .selectFrom('grid_workers')
    .innerJoin('users', 'users.id', 'grid_workers.user_id')
    .select(['users.name as name', 'users.work_phone as workPhone'])
    .where('grid_workers.grid_id', '=', gridId)
    .where('users.deleted_at', 'is', null)
    .orderBy('users.id')
    .execute()
}

/** Every grid worker's name beside each grid they serve. */
export async function gridWorkerNames(db: Db) {
  return db
    .selectFrom('grid_workers')
    .innerJoin('users', 'users.id', 'grid_workers.user_id')
    .select(['grid_workers.grid_id as gridId', 'users.name as name'])
    .where('users.deleted_at', 'is', null)
    .orderBy('users.id')
    .execute()
}

// ---------------------------------------------------------------- consent

export async function recordConsent(db: Db, userId: number, version: string, now: string) {
  await db.updateTable('users').set({ consent_version: version, consented_at: now, updated_at: now }).where('id', '=', userId).execute()
  await db.insertInto('consents').values({ user_id: userId, version, consented_at: now }).execute()
}

export async function consentsOf(db: Db, userId: number) {
  return db.selectFrom('consents').select(['version', 'consented_at']).where('user_id', '=', userId).orderBy('id').execute()
}

/** Changes made to the person's roles and account, from the audit log. */
export async function changesTo(db: Db, userId: number) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'at', 'detail'])
    .where('target_type', '=', 'user')
    .where('target_id', '=', String(userId))
    .orderBy('id')
    .execute()
}

// ---------------------------------------------------------------- deletion

/** Keeps the row, anonymous, so that what others rely on (announcements, handled requests) holds together. */
export async function anonymise(db: Db, userId: number, openid: string, now: string) {
  await db
    .updateTable('users')
    .set({ openid, name: null, phone: null, work_phone: null, household_id: null, elder_mode: 0, birth_year: null, deleted_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute()
}

export async function forgetMemberships(db: Db, userId: number) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute()
  await db.deleteFrom('grid_workers').where('user_id', '=', userId).execute()
  await db.deleteFrom('volunteer_members').where('user_id', '=', userId).execute()
  // Stored answers of the person's earlier requests may hold their data, and so may other people's.
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).execute()
  await forgetStoredAnswers(db)
}
