import type { Services } from '../../core/context'
import { gridWorkerNames } from '../account/repo'
import type { BuildingOut, CommunityInfo, GridOut, TeamOut } from './actions'
import * as repo from './repo'

export async function info({ db, config }: Services): Promise<CommunityInfo> {
  const c = await repo.communityRow(db)
  return { name: c.name, street: c.street, address: c.address, hotline: c.hotline, privacyVersion: c.privacy_version, demoSignIn: config.demo && !config.production }
}

export async function buildings({ db }: Services): Promise<BuildingOut[]> {
  const rows = await repo.buildingsWithGrid(db)
  return rows.map((r) => ({ ...r, estate: r.name.replace(/\d+号楼$/, '') }))
}

export async function grids({ db }: Services): Promise<GridOut[]> {
  const [gridRows, households, workers] = await Promise.all([repo.allGrids(db), repo.householdsPerGrid(db), gridWorkerNames(db)])
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
  const [rows, counts] = await Promise.all([repo.teams(db), repo.membersPerTeam(db)])
  return rows.map((t) => ({ id: t.id, name: t.name, focus: t.focus, members: Number(counts.find((c) => c.teamId === t.id)?.n ?? 0) }))
}
