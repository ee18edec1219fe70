import { defineModule } from '../../core/feature'
import { accountApi } from './handlers'
import * as m009 from './migrations/009_companions'
import * as m011 from './migrations/011_birth_year'
import { eraseOwn, exportOwn } from './service'
import { accountTables } from './tables'

export const accountModule = defineModule({
  api: accountApi,
  tables: accountTables,
  migrations: { '009_companions': m009, '011_birth_year': m011 },
  personalData: { export: exportOwn, erase: eraseOwn },
})
