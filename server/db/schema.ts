// Table types for Kysely. Instants are ISO-8601 strings in UTC on both engines (PostgreSQL's timestamptz is
// parsed back to that form in connect.ts). Flags are integers 0/1 on both engines so rows look the same.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Role } from '../../common/contract'

type Instant = string
type Flag = number

export interface CommunityTable {
  id: number
  name: string
  street: string
  address: string
  hotline: string
  privacy_version: string
  updated_at: Instant
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

export interface UserTable {
  id: Generated<number>
  openid: string
  name: string | null
  phone: string | null
  household_id: number | null
  work_phone: string | null
  elder_mode: ColumnType<Flag, Flag | undefined, Flag>
  consent_version: string | null
  consented_at: Instant | null
  created_at: Instant
  updated_at: Instant
  deleted_at: Instant | null
}

export interface UserRoleTable {
  user_id: number
  role: Role
  granted_by: number | null
  granted_at: Instant
}

export interface GridWorkerTable {
  user_id: number
  grid_id: number
}

export interface VolunteerTeamTable {
  id: Generated<number>
  name: string
  focus: string
}

export interface VolunteerMemberTable {
  user_id: number
  team_id: number
  is_leader: Flag
}

export interface SessionTable {
  token_hash: string
  user_id: number
  created_at: Instant
  expires_at: Instant
}

export interface ConsentTable {
  id: Generated<number>
  user_id: number
  version: string
  consented_at: Instant
}

export interface AnnouncementTable {
  id: Generated<number>
  title: string
  body: string
  pinned: Flag
  status: 'draft' | 'published' | 'withdrawn'
  author_id: number | null
  published_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

export interface AuditTable {
  id: Generated<number>
  actor_id: number | null
  action: string
  target_type: string
  target_id: string | null
  detail: string | null
  at: Instant
}

export interface IdempotencyTable {
  user_id: number
  key: string
  action: string
  response: string | null
  created_at: Instant
}

export interface Database {
  community: CommunityTable
  grids: GridTable
  buildings: BuildingTable
  households: HouseholdTable
  users: UserTable
  user_roles: UserRoleTable
  grid_workers: GridWorkerTable
  volunteer_teams: VolunteerTeamTable
  volunteer_members: VolunteerMemberTable
  sessions: SessionTable
  consents: ConsentTable
  announcements: AnnouncementTable
  audit_log: AuditTable
  idempotency_keys: IdempotencyTable
}

export type UserRow = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserPatch = Updateable<UserTable>
export type AnnouncementRow = Selectable<AnnouncementTable>
