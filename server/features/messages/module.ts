import { defineModule } from '../../core/feature'
import { messagesApi } from './handlers'
import * as repo from './repo'
import { messagesTables } from './tables'

export const messagesModule = defineModule({
  api: messagesApi,
  tables: messagesTables,
  personalData: {
    export: async ({ db }, userId) => ({
      messages: (await repo.allOf(db, userId)).map((m) => ({ title: m.title, body: m.body, createdAt: m.created_at, read: m.read_at !== null })),
    }),
    // Their messages and the outbox rows still waiting to tell them go.
    erase: async (_services, tx, { userId }) => {
      await repo.deleteAllOf(tx, userId)
    },
  },
})
