import { defineModule } from '../../core/feature'
import { eventsApi } from './handlers'
import * as m012 from './migrations/012_events'
import { exportOf, forgetAttendee } from './personal'
import { sweepEvents } from './sweep'
import { eventTables } from './tables'

export const eventsModule = defineModule({
  api: eventsApi,
  tables: eventTables,
  migrations: { '012_events': m012 },
  // Queue entries end when sign-up closes, absences are recorded when sessions end, reminders go out in the morning.
  sweep: (services) => sweepEvents(services),
  personalData: {
    export: async ({ db }, userId) => exportOf(db, userId),
    erase: async (services, tx, { userId, now }) => {
      await forgetAttendee(services, tx, userId, now)
    },
  },
})
