// People: who they are, their roles, the grids a grid worker serves, volunteer membership and consents.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Role } from '../../../common/contract'
import { declareTables, type Flag, type Instant } from '../../db/tables'

export interface UserTable {
  id: Generated<number>
  openid: string
  name: string | null
  phone: string | null
  household_id: number | null
  work_phone: string | null
  elder_mode: ColumnType<Flag, Flag | undefined, Flag>
  /** Asked only when an event with an age band needs it, and optional. */
  birth_year: ColumnType<number | null, number | null | undefined, number | null>
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

export interface VolunteerMemberTable {
  user_id: number
  team_id: number
  is_leader: Flag
}

export interface ConsentTable {
  id: Generated<number>
  user_id: number
  version: string
  consented_at: Instant
}

/** 常用乘车人: someone a resident often books for (family, an elderly neighbour), kept once, picked many times. */
export interface CompanionTable {
  id: Generated<number>
  user_id: number
  name: string
  relation: string
  phone: string | null
  created_at: Instant
  updated_at: Instant
}

export interface AccountTables {
  users: UserTable
  user_roles: UserRoleTable
  grid_workers: GridWorkerTable
  volunteer_members: VolunteerMemberTable
  consents: ConsentTable
  companions: CompanionTable
}

export type UserRow = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserPatch = Updateable<UserTable>

export const accountTables = declareTables<AccountTables>({
  users: {
    id: 'not null',
    openid: 'not null',
    name: 'null',
    phone: 'null',
    household_id: 'null',
    work_phone: 'null',
    elder_mode: 'not null',
    birth_year: 'null',
    consent_version: 'null',
    consented_at: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    deleted_at: 'null',
  },
  user_roles: { user_id: 'not null', role: 'not null', granted_by: 'null', granted_at: 'not null' },
  grid_workers: { user_id: 'not null', grid_id: 'not null' },
  volunteer_members: { user_id: 'not null', team_id: 'not null', is_leader: 'not null' },
  consents: { id: 'not null', user_id: 'not null', version: 'not null', consented_at: 'not null' },
  companions: { id: 'not null', user_id: 'not null', name: 'not null', relation: 'not null', phone: 'null', created_at: 'not null', updated_at: 'not null' },
})
