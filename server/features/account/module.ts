import { defineModule } from '../../core/feature'
import { accountApi } from './handlers'
import { eraseOwn, exportOwn } from './service'
import { accountTables } from './tables'

export const accountModule = defineModule({
  api: accountApi,
  tables: accountTables,
  personalData: { export: exportOwn, erase: eraseOwn },
})
