import type { Services } from '../../core/context'
import type { BuildingOut, CommunityInfo, GridOut, TeamOut } from './actions'

export async function info({ db, config }: Services): Promise<CommunityInfo> {
  const c = await db.selectFrom('community').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
  return { name: c.name, street: c.street, address: c.address, hotline: c.hotline, privacyVersion: c.privacy_version, demoSignIn: config.demo && !config.production }
}

export async function buildings({ db }: Services): Promise<BuildingOut[]> {
  const rows = await db
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
  return rows.map((r) => ({ ...r, estate: r.name.replace(/\d+号楼$/, '') }))
}

export async function grids({ db }: Services): Promise<GridOut[]> {
  const [gridRows, households, workers] = await Promise.all([
    db.selectFrom('grids').selectAll().orderBy('code').execute(),
    db
      .selectFrom('households')
      .innerJoin('buildings', 'buildings.id', 'households.building_id')
      .select(['buildings.grid_id as gridId', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('buildings.grid_id')
      .execute(),
    db
      .selectFrom('grid_workers')
      .innerJoin('users', 'users.id', 'grid_workers.user_id')
      .select(['grid_workers.grid_id as gridId', 'users.name as name'])
      .where('users.deleted_at', 'is', null)
      .orderBy('users.id')
      .execute(),
  ])
  return gridRows.map((g) => ({
    id: g.id,
    code: g.code,
    name: g.name,
    area: g.area,
    households: Number(households.find((h) => h.gridId === g.id)?.n ?? 0),
    workers: workers.filter((w) => w.gridId === g.id).map((w) => w.name ?? '网格员'),
  }))
}

export async function teams({ db }: Services): Promise<TeamOut[]> {
  const [rows, counts] = await Promise.all([
    db.selectFrom('volunteer_teams').selectAll().orderBy('id').execute(),
    db
      .selectFrom('volunteer_members')
      .select(['team_id as teamId', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('team_id')
      .execute(),
  ])
  return rows.map((t) => ({ id: t.id, name: t.name, focus: t.focus, members: Number(counts.find((c) => c.teamId === t.id)?.n ?? 0) }))
}
