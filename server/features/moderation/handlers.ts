import { implement } from '../../core/context'
import { moderationActions } from './actions'
import * as moderation from './service'

export const moderationApi = implement(moderationActions, {
  queue: (_input, ctx) => moderation.queue(ctx),
  release: (input, ctx) => moderation.release(ctx, input.id),
  takeDown: (input, ctx) => moderation.takeDown(ctx, input.id, input.reason),
  reviewed: (input, ctx) => moderation.reviewed(ctx, input.id),
})
