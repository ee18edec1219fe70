import { STAFF_ROLES } from '../../../common/contract'
import { hasRole, implement } from '../../core/context'
import { announcementActions } from './actions'
import * as announcements from './service'

export const announcementsApi = implement(announcementActions, {
  list: (input, ctx) => announcements.list(ctx, input.page, input.pageSize, true),
  // Staff also open drafts and withdrawn announcements (to edit them); everyone else only published ones.
  get: (input, ctx) => announcements.get(ctx, input.id, !(ctx.actor && hasRole(ctx.actor, ...STAFF_ROLES))),
  manage: (input, ctx) => announcements.list(ctx, input.page, input.pageSize, false),
  save: (input, ctx) => announcements.save(ctx, input),
  publish: (input, ctx) => announcements.setStatus(ctx, input.id, 'published'),
  withdraw: (input, ctx) => announcements.setStatus(ctx, input.id, 'withdrawn'),
})
