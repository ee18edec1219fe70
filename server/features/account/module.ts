import { defineModule } from '../../core/feature'
import { accountApi } from './handlers'
import * as m009 from './migrations/009_companions'
import { eraseOwn, exportOwn } from './service'
import { accountTables } from './tables'

export const accountModule = defineModule({
  api: accountApi,
  tables: accountTables,
  migrations: { '009_companions': m009 },
  personalData: { export: exportOwn, erase: eraseOwn },
})
