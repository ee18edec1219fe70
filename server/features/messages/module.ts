import { defineModule } from '../../core/feature'
import * as deliveryRepo from './delivery-repo'
import { drainOutbox } from './dispatch'
import { messagesApi } from './handlers'
import * as m014 from './migrations/014_delivery'
import * as repo from './repo'
import { messagesTables } from './tables'

export const messagesModule = defineModule({
  api: messagesApi,
  tables: messagesTables,
  migrations: { '014_delivery': m014 },
  // After every sweep of the round: the outbox goes out as WeChat subscribe messages.
  deliver: (services) => drainOutbox(services),
  personalData: {
    export: async ({ db }, userId) => ({
      messages: (await repo.allOf(db, userId)).map((m) => ({ title: m.title, body: m.body, createdAt: m.created_at, read: m.read_at !== null })),
      wechatNoticesTurnedOff: [...(await deliveryRepo.turnedOff(db, userId))],
    }),
    // Their messages, the outbox rows still waiting to tell them, their subscriptions and choices go.
    erase: async (_services, tx, { userId }) => {
      await repo.deleteAllOf(tx, userId)
    },
  },
})
