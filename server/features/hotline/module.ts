import { defineModule } from '../../core/feature'
import { hotlineApi } from './handlers'
import * as m002 from './migrations/002_hotline'
import { hotlinePersonalData } from './personal-data'
import { sweepHotline, sweepUnattachedPhotos } from './sweep'
import { hotlineTables } from './tables'

export const hotlineModule = defineModule({
  api: hotlineApi,
  tables: hotlineTables,
  migrations: { '002_hotline': m002 },
  // Safe to run often and on several instances at once; every minute keeps "overdue" close to the minute.
  sweep: async (services) => {
    await sweepUnattachedPhotos(services)
    return sweepHotline(services)
  },
  personalData: hotlinePersonalData,
})
