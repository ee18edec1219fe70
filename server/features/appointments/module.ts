import { defineModule } from '../../core/feature'
import * as m003 from '../../db/migrations/003_appointments'
import * as m008 from './migrations/008_trip_consent'
import { appointmentsModule as appointmentsApi } from './handlers'
import { exportOf, forgetResident, sweepAppointments } from './service'
import { appointmentsTables } from './tables'

export const appointmentsModule = defineModule({
  api: appointmentsApi,
  tables: appointmentsTables,
  migrations: { '003_appointments': m003, '008_trip_consent': m008 },
  // Reminders go out from 09:00 for the next day and ID numbers are erased by the day: every 10 minutes is plenty.
  sweep: (services) => sweepAppointments(services),
  personalData: {
    export: async ({ db }, userId) => ({ appointments: await exportOf(db, userId) }),
    // A deleted account holds no places and keeps no passengers' ID numbers.
    erase: async (services, tx, { userId, now }) => {
      await forgetResident(services, tx, userId, now)
    },
  },
})
