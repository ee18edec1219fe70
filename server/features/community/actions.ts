import { z } from 'zod'
import { defineDomain, query, STAFF_ROLES } from '../../../common/contract'

export interface CommunityInfo {
  name: string
  street: string
  address: string
  hotline: string
  privacyVersion: string
  /** Demo accounts can be used to sign in (development and the demo server; never production). */
  demoSignIn: boolean
}

export interface BuildingOut {
  id: number
  name: string
  estate: string
  gridId: number
  gridName: string
  units: number
  floors: number
  roomsPerFloor: number
}

export interface GridOut {
  id: number
  code: string
  name: string
  area: string
  households: number
  workers: string[]
}

export interface TeamOut {
  id: number
  name: string
  focus: string
  members: number
}

export const communityActions = defineDomain('community', {
  info: query<CommunityInfo>()({ input: z.object({}), access: 'public' }),
  buildings: query<BuildingOut[]>()({ input: z.object({}), access: 'user' }),
  grids: query<GridOut[]>()({ input: z.object({}), access: STAFF_ROLES }),
  teams: query<TeamOut[]>()({ input: z.object({}), access: STAFF_ROLES }),
})
