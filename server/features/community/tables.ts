// The community's structure: the community itself, its grids, buildings, households and volunteer teams.
import type { ColumnType, Generated } from 'kysely'
import { declareTables, type Instant } from '../../db/tables'

/** Set by migrations once; no longer read (see settings in server/core/settings.ts). */
type Retired = ColumnType<number, number | undefined, number>

export interface CommunityTable {
  id: number
  name: string
  street: string
  address: string
  hotline: string
  privacy_version: string
  updated_at: Instant
  /**
   * Hotline service levels and appointment rules lived here before each feature kept its own settings
   * (004_settings copied them). The columns stay so that the earlier migrations' `down` still runs; do not read them.
   */
  first_response_hours: Retired
  auto_escalate_hours: Retired
  reopen_days: Retired
  no_show_limit: Retired
  no_show_window_days: Retired
  no_show_block_days: Retired
  id_purge_days: Retired
}

export interface GridTable {
  id: Generated<number>
  code: string
  name: string
  area: string
}

export interface BuildingTable {
  id: Generated<number>
  name: string
  grid_id: number
  units: number
  floors: number
  rooms_per_floor: number
}

export interface HouseholdTable {
  id: Generated<number>
  building_id: number
  unit: number
  room: string
  created_at: Instant
}

export interface VolunteerTeamTable {
  id: Generated<number>
  name: string
  focus: string
}

export interface CommunityTables {
  community: CommunityTable
  grids: GridTable
  buildings: BuildingTable
  households: HouseholdTable
  volunteer_teams: VolunteerTeamTable
}

const retired = 'not null' as const

export const communityTables = declareTables<CommunityTables>({
  community: {
    id: 'not null',
    name: 'not null',
    street: 'not null',
    address: 'not null',
    hotline: 'not null',
    privacy_version: 'not null',
    updated_at: 'not null',
    first_response_hours: retired,
    auto_escalate_hours: retired,
    reopen_days: retired,
    no_show_limit: retired,
    no_show_window_days: retired,
    no_show_block_days: retired,
    id_purge_days: retired,
  },
  grids: { id: 'not null', code: 'not null', name: 'not null', area: 'not null' },
  buildings: { id: 'not null', name: 'not null', grid_id: 'not null', units: 'not null', floors: 'not null', rooms_per_floor: 'not null' },
  households: { id: 'not null', building_id: 'not null', unit: 'not null', room: 'not null', created_at: 'not null' },
  volunteer_teams: { id: 'not null', name: 'not null', focus: 'not null' },
})
