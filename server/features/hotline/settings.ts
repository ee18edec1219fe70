// What staff keep for the hotline: its service levels (a setting of the feature), the categories residents
// choose from, and each handler's own quick replies.
import { z } from 'zod'
import { STAFF_ROLES } from '../../../common/contract'
import { audit } from '../../core/audit'
import { hasRole, type AuthedCtx, type Services } from '../../core/context'
import { badInput, conflict, notFound } from '../../core/errors'
import { defineSettings } from '../../core/settings'
import { isUniqueViolation } from '../../core/unique'
import type { CategoryOut, ServiceLevels } from './actions'
import * as repo from './setup-repo'

const hours = z.number().int().positive()

/** Service levels: how soon a grid must answer, when an unanswered request goes to staff, how long it may be reopened. */
export const hotlineSettings = defineSettings(
  'hotline',
  z.object({
    firstResponseHours: hours.default(24),
    autoEscalateHours: hours.default(48),
    reopenDays: z.number().int().positive().default(7),
  }),
)

export type Levels = ServiceLevels

const MAX_QUICK_REPLIES = 20

const toCategory = (c: { id: number; name: string; active: number }): CategoryOut => ({ id: c.id, name: c.name, active: c.active === 1 })

export async function categories(ctx: AuthedCtx, all: boolean): Promise<CategoryOut[]> {
  // Residents choose among active categories; staff keeping the list also see the ones switched off.
  const rows = await repo.categories(ctx.db, all && hasRole(ctx.actor, ...STAFF_ROLES))
  return rows.map(toCategory)
}

export async function saveCategory(ctx: AuthedCtx, input: { id?: number; name: string; active: boolean }): Promise<CategoryOut[]> {
  const { db, actor } = ctx
  const same = await repo.categoryByName(db, input.name)
  if (same && same.id !== input.id) throw badInput({ name: `已有名为“${input.name}”的类别` })
  const now = ctx.clock().toISOString()
  if (input.id !== undefined) {
    const existing = await repo.categoryById(db, input.id)
    if (!existing) throw notFound('类别不存在')
    if (existing.active === 1 && !input.active && (await repo.countActiveCategories(db)) <= 1) {
      throw conflict('至少要保留一个启用的类别，居民才能提交诉求')
    }
    await repo.updateCategory(db, input.id, input.name, input.active)
  } else {
    try {
      await repo.insertCategory(db, input.name, input.active)
    } catch (err) {
      if (isUniqueViolation(err)) throw badInput({ name: `已有名为“${input.name}”的类别` })
      throw err
    }
  }
  await audit(db, { actorId: actor.userId, action: 'hotline.category', targetType: 'hotline_category', targetId: input.id, detail: input, at: now })
  return (await repo.categories(db, true)).map(toCategory)
}

export async function quickReplies(ctx: AuthedCtx) {
  return repo.quickReplies(ctx.db, ctx.actor.userId)
}

export async function saveQuickReply(ctx: AuthedCtx, text: string) {
  const list = await repo.quickReplies(ctx.db, ctx.actor.userId)
  if (list.some((q) => q.text === text)) return list
  if (list.length >= MAX_QUICK_REPLIES) throw conflict(`常用回复最多${MAX_QUICK_REPLIES}条，请先删除不用的`)
  await repo.insertQuickReply(ctx.db, ctx.actor.userId, text, ctx.clock().toISOString())
  return repo.quickReplies(ctx.db, ctx.actor.userId)
}

export async function deleteQuickReply(ctx: AuthedCtx, id: number) {
  if (!(await repo.deleteQuickReply(ctx.db, ctx.actor.userId, id))) throw notFound('常用回复不存在')
  return repo.quickReplies(ctx.db, ctx.actor.userId)
}

export async function serviceLevels(ctx: Services): Promise<ServiceLevels> {
  return hotlineSettings.read(ctx.db)
}

export async function setServiceLevels(ctx: AuthedCtx, input: { firstResponseHours: number; autoEscalateHours: number }): Promise<ServiceLevels> {
  if (input.autoEscalateHours <= input.firstResponseHours) throw badInput({ autoEscalateHours: '自动上报时限应长于首次响应时限' })
  const now = ctx.clock().toISOString()
  return ctx.db.transaction().execute(async (tx) => {
    const before = await hotlineSettings.read(tx)
    const after = await hotlineSettings.write(tx, input, now)
    await audit(tx, { actorId: ctx.actor.userId, action: 'hotline.serviceLevels', targetType: 'settings', targetId: 'hotline', detail: { from: before, to: input }, at: now })
    return after
  })
}
