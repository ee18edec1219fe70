import { defineModule } from '../../core/feature'
import { shuttleApi } from './handlers'
import * as m010 from './migrations/010_shuttle'
import * as m015 from './migrations/015_shuttle_reminder'
import { exportOf, forgetRider } from './personal'
import { sweepShuttle } from './sweep'
import { shuttleTables } from './tables'

export const shuttleModule = defineModule({
  api: shuttleApi,
  tables: shuttleTables,
  migrations: { '010_shuttle': m010, '015_shuttle_reminder': m015 },
  // Queue entries of runs whose booking closed end within a minute of the close; reminders two hours ahead.
  sweep: (services) => sweepShuttle(services),
  personalData: {
    export: async ({ db }, userId) => exportOf(db, userId),
    erase: async (services, tx, { userId, now }) => {
      await forgetRider(services, tx, userId, now)
    },
  },
})
