import type { Role } from '../../../common/contract'
import type { Db } from '../../db/connect'
import type { HouseholdOut } from './actions'

export async function findUser(db: Db, userId: number) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst()
}

export async function rolesOf(db: Db, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute()
  return rows.map((r) => r.role as Role)
}

export async function gridIdsOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('grid_workers').select('grid_id').where('user_id', '=', userId).orderBy('grid_id').execute()
  return rows.map((r) => r.grid_id)
}

export async function teamOf(db: Db, userId: number) {
  return db
    .selectFrom('volunteer_members')
    .innerJoin('volunteer_teams', 'volunteer_teams.id', 'volunteer_members.team_id')
    .select(['volunteer_teams.id as id', 'volunteer_teams.name as name', 'volunteer_members.is_leader as isLeader'])
    .where('volunteer_members.user_id', '=', userId)
    .executeTakeFirst()
}

export async function householdById(db: Db, householdId: number): Promise<HouseholdOut | undefined> {
  return db
    .selectFrom('households')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .innerJoin('grids', 'grids.id', 'buildings.grid_id')
    .select([
      'buildings.id as buildingId',
      'buildings.name as buildingName',
      'households.unit as unit',
      'households.room as room',
      'grids.id as gridId',
      'grids.name as gridName',
    ])
    .where('households.id', '=', householdId)
    .executeTakeFirst()
}

export async function findBuilding(db: Db, buildingId: number) {
  return db.selectFrom('buildings').selectAll().where('id', '=', buildingId).executeTakeFirst()
}

/** The household at an address, created on first registration there. */
export async function householdAt(db: Db, buildingId: number, unit: number, room: string, now: string): Promise<number> {
  await db
    .insertInto('households')
    .values({ building_id: buildingId, unit, room, created_at: now })
    .onConflict((oc) => oc.columns(['building_id', 'unit', 'room']).doNothing())
    .execute()
  const row = await db
    .selectFrom('households')
    .select('id')
    .where('building_id', '=', buildingId)
    .where('unit', '=', unit)
    .where('room', '=', room)
    .executeTakeFirstOrThrow()
  return row.id
}

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
