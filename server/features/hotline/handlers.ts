import { implement } from '../../core/context'
import { hotlineActions } from './actions'
import * as hotline from './service'

export const hotlineModule = implement(hotlineActions, {
  categories: (input, ctx) => hotline.categories(ctx, input.all),
  submit: (input, ctx) => hotline.submit(ctx, input),
  mine: (input, ctx) => hotline.mine(ctx, input.page, input.pageSize),
  get: (input, ctx) => hotline.get(ctx, input.id),
  rate: (input, ctx) => hotline.rate(ctx, input.id, input.stars, input.comment),
  reopen: (input, ctx) => hotline.reopen(ctx, input.id, input.reason),

  inbox: (input, ctx) => hotline.inbox(ctx, input),
  accept: (input, ctx) => hotline.accept(ctx, input.id),
  reply: (input, ctx) => hotline.reply(ctx, input.id, input.text, input.photoIds),
  resolve: (input, ctx) => hotline.resolve(ctx, input.id, input.summary),
  escalate: (input, ctx) => hotline.escalate(ctx, input.id, input.reason),
  reassign: (input, ctx) => hotline.reassign(ctx, input.id, input),
  residentPhone: (input, ctx) => hotline.residentPhone(ctx, input.id),

  quickReplies: (_input, ctx) => hotline.quickReplies(ctx),
  saveQuickReply: (input, ctx) => hotline.saveQuickReply(ctx, input.text),
  deleteQuickReply: (input, ctx) => hotline.deleteQuickReply(ctx, input.id),

  board: (input, ctx) => hotline.board(ctx, input.from, input.to),
  saveCategory: (input, ctx) => hotline.saveCategory(ctx, input),
  serviceLevels: (_input, ctx) => hotline.serviceLevels(ctx),
  setServiceLevels: (input, ctx) => hotline.setServiceLevels(ctx, input),
})
