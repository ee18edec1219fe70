import { defineModule } from '../../core/feature'
import { volunteerApi } from './handlers'
import * as m013 from './migrations/013_volunteer'
import { exportOf, forgetVolunteer } from './personal'
import { sweepVolunteer } from './sweep'
import { volunteerTables } from './tables'

export const volunteerModule = defineModule({
  api: volunteerApi,
  tables: volunteerTables,
  migrations: { '013_volunteer': m013 },
  // Reminders an hour before a shift, records nobody checked out of closed, no-shows recorded.
  sweep: (services) => sweepVolunteer(services),
  personalData: {
    export: async ({ db }, userId) => exportOf(db, userId),
    erase: async (services, tx, { userId, now }) => {
      await forgetVolunteer(services, tx, userId, now)
    },
  },
})
