import { implement } from '../../core/context'
import { communityActions } from './actions'
import * as community from './service'

export const communityApi = implement(communityActions, {
  info: (_input, ctx) => community.info(ctx),
  buildings: (_input, ctx) => community.buildings(ctx),
  grids: (_input, ctx) => community.grids(ctx),
  teams: (_input, ctx) => community.teams(ctx),
})
