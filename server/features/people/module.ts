import { defineModule } from '../../core/feature'
import { peopleApi } from './handlers'

/** People and roles works on the account's tables; it owns none. */
export const peopleModule = defineModule({ api: peopleApi })
