import { implement } from '../../core/context'
import { messageActions } from './actions'
import * as channels from './channels'
import * as messages from './service'

export const messagesApi = implement(messageActions, {
  list: (input, ctx) => messages.list(ctx, ctx.actor.userId, input.page, input.pageSize),
  unread: (_input, ctx) => messages.unread(ctx, ctx.actor.userId),
  markRead: (input, ctx) => messages.markRead(ctx, input),
  channels: (_input, ctx) => channels.channelsOf(ctx, ctx.actor.userId),
  subscribed: (input, ctx) => channels.subscribed(ctx, input.results),
  setAllowed: (input, ctx) => channels.setAllowed(ctx, input.kind, input.allowed),
})
