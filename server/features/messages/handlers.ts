import { implement } from '../../core/context'
import { messageActions } from './actions'
import * as messages from './service'

export const messagesApi = implement(messageActions, {
  list: (input, ctx) => messages.list(ctx, ctx.actor.userId, input.page, input.pageSize),
  unread: (_input, ctx) => messages.unread(ctx, ctx.actor.userId),
  markRead: (input, ctx) => messages.markRead(ctx, input),
})
