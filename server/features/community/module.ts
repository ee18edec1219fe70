import { defineModule } from '../../core/feature'
import { communityApi } from './handlers'
import { communityTables } from './tables'

export const communityModule = defineModule({ api: communityApi, tables: communityTables })
