// SQL of the community's structure: the community row, grids, buildings, households and volunteer teams.
import type { Db } from '../../db/connect'

export async function communityRow(db: Db) {
  return db.selectFrom('community').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
}

export async function buildingsWithGrid(db: Db) {
  return db
    .selectFrom('buildings')
    .innerJoin('grids', 'grids.id', 'buildings.grid_id')
    .select([
      'buildings.id as id',
      'buildings.name as name',
      'buildings.units as units',
      'buildings.floors as floors',
      'buildings.rooms_per_floor as roomsPerFloor',
      'grids.id as gridId',
      'grids.name as gridName',
    ])
    .orderBy('buildings.id')
    .execute()
}

export async function findBuilding(db: Db, buildingId: number) {
  return db.selectFrom('buildings').selectAll().where('id', '=', buildingId).executeTakeFirst()
}

export async function allGrids(db: Db) {
  return db.selectFrom('grids').selectAll().orderBy('code').execute()
}

export async function gridById(db: Db, gridId: number) {
  return db.selectFrom('grids').selectAll().where('id', '=', gridId).executeTakeFirst()
}

/** Of these grid ids, the ones that exist. */
export async function existingGridIds(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('grids').select('id').where('id', 'in', ids).execute()
  return rows.map((r) => r.id)
}

export async function householdsPerGrid(db: Db) {
  return db
    .selectFrom('households')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .select(['buildings.grid_id as gridId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('buildings.grid_id')
    .execute()
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

export async function teams(db: Db) {
  return db.selectFrom('volunteer_teams').selectAll().orderBy('id').execute()
}

export async function teamById(db: Db, teamId: number) {
  return db.selectFrom('volunteer_teams').select('id').where('id', '=', teamId).executeTakeFirst()
}

export async function membersPerTeam(db: Db) {
  return db
    .selectFrom('volunteer_members')
    .select(['team_id as teamId', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('team_id')
    .execute()
}
