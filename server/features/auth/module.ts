import { defineModule } from '../../core/feature'
import { authApi } from './handlers'
import * as repo from './repo'
import * as m007 from './migrations/007_session_seen'
import { sweepAuth } from './service'
import { authTables } from './tables'

export const authModule = defineModule({
  api: authApi,
  tables: authTables,
  migrations: { '007_session_seen': m007 },
  // Hourly: sessions past their expiry, and idempotency keys past their day (server/core/idempotency.ts).
  sweep: (services) => sweepAuth(services),
  personalData: {
    export: async ({ db }, userId) => ({
      sessions: (await repo.sessionsOf(db, userId)).map((s) => ({ signedInAt: s.created_at, expiresAt: s.expires_at })),
    }),
    erase: async (_services, tx, { userId }) => {
      await repo.deleteAllOf(tx, userId)
    },
  },
})
