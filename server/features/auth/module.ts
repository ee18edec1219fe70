import { defineModule } from '../../core/feature'
import { authApi } from './handlers'
import * as repo from './repo'
import { authTables } from './tables'

export const authModule = defineModule({
  api: authApi,
  tables: authTables,
  personalData: {
    export: async ({ db }, userId) => ({
      sessions: (await repo.sessionsOf(db, userId)).map((s) => ({ signedInAt: s.created_at, expiresAt: s.expires_at })),
    }),
    erase: async (_services, tx, { userId }) => {
      await repo.deleteAllOf(tx, userId)
    },
  },
})
