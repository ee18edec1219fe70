import { implement } from '../../core/context'
import { hotlineActions } from './actions'
import { board } from './board'
import * as handling from './handling'
import { inbox } from './inbox'
import * as requests from './requests'
import * as settings from './settings'

export const hotlineApi = implement(hotlineActions, {
  categories: (input, ctx) => settings.categories(ctx, input.all),
  submit: (input, ctx) => requests.submit(ctx, input),
  mine: (input, ctx) => requests.mine(ctx, input.page, input.pageSize),
  get: (input, ctx) => requests.get(ctx, input.id),
  rate: (input, ctx) => handling.rate(ctx, input.id, input.stars, input.comment),
  reopen: (input, ctx) => handling.reopen(ctx, input.id, input.reason),

  inbox: (input, ctx) => inbox(ctx, input),
  accept: (input, ctx) => handling.accept(ctx, input.id),
  reply: (input, ctx) => handling.reply(ctx, input.id, input.text, input.photoIds),
  resolve: (input, ctx) => handling.resolve(ctx, input.id, input.summary),
  escalate: (input, ctx) => handling.escalate(ctx, input.id, input.reason),
  reassign: (input, ctx) => handling.reassign(ctx, input.id, input),
  residentPhone: (input, ctx) => requests.residentPhone(ctx, input.id),

  quickReplies: (_input, ctx) => settings.quickReplies(ctx),
  saveQuickReply: (input, ctx) => settings.saveQuickReply(ctx, input.text),
  deleteQuickReply: (input, ctx) => settings.deleteQuickReply(ctx, input.id),

  board: (input, ctx) => board(ctx, input.from, input.to),
  saveCategory: (input, ctx) => settings.saveCategory(ctx, input),
  serviceLevels: (_input, ctx) => settings.serviceLevels(ctx),
  setServiceLevels: (input, ctx) => settings.setServiceLevels(ctx, input),
})
