import { defineModule } from '../../core/feature'
import { moderationApi } from './handlers'
import * as m016 from './migrations/016_moderation'
import { FLAG_KEEP_DAYS, resubmitPhotos } from './photos'
import * as repo from './repo'
import { moderationTables } from './tables'

export const moderationModule = defineModule({
  api: moderationApi,
  tables: moderationTables,
  migrations: { '016_moderation': m016 },
  // Photos WeChat could not be handed at upload are tried again; texts staff looked at are forgotten after a while.
  sweep: async (services) => {
    const before = new Date(services.clock().getTime() - FLAG_KEEP_DAYS * 86_400_000).toISOString()
    return { ...(await resubmitPhotos(services)), flagsDropped: await repo.dropReviewedFlags(services.db, before) }
  },
  personalData: {
    export: async ({ db }, userId) => ({
      textsKeptForReview: (await repo.flagsOf(db, userId)).map((f) => ({ where: f.action, field: f.field_label, verdict: f.verdict, excerpt: f.excerpt, at: f.created_at })),
    }),
    erase: async (_services, tx, { userId }) => {
      await repo.deleteFlagsOf(tx, userId)
    },
  },
})
