// The resident's side: writing a request, their list, opening one; and tap-to-call for whoever serves it.
import type { z } from 'zod'
import { toPage, type Page } from '../../../common/paging'
import { audit } from '../../core/audit'
import type { AuthedCtx } from '../../core/context'
import { badInput, forbidden, notFound } from '../../core/errors'
import { personWithHome } from '../account/repo'
import { callerOf, seesResident, visibleRequest } from './access'
import type { RequestDetail, RequestSummary, submitInput } from './actions'
import { checkPhotos, photoRaceSafe } from './photos'
import * as photosRepo from './photos-repo'
import { detail, dueBefore, toSummary } from './present'
import * as repo from './repo'
import { hotlineSettings } from './settings'
import * as setupRepo from './setup-repo'

export async function submit(ctx: AuthedCtx, input: z.output<typeof submitInput>): Promise<RequestDetail> {
  const { db, actor } = ctx
  const home = await personWithHome(db, actor.userId)
  if (!home || home.deletedAt !== null || home.householdId === null || home.gridId === null) throw forbidden('请先登记住户信息，再提交诉求')
  const { householdId, gridId } = home
  const category = await setupRepo.categoryById(db, input.categoryId)
  if (!category || category.active !== 1) throw badInput({ categoryId: '诉求类别不存在或已停用，请重新选择' })
  const photoIds = await checkPhotos(ctx, input.photoIds)
  const now = ctx.clock().toISOString()
  const id = await photoRaceSafe(() =>
    db.transaction().execute(async (tx) => {
      const requestId = await repo.insertRequest(tx, { residentId: actor.userId, householdId, gridId, categoryId: category.id, description: input.description, now })
      await repo.insertEvent(tx, { requestId, kind: 'submitted', actorId: actor.userId, actorRole: 'resident', text: null, now })
      await photosRepo.attachPhotos(tx, requestId, null, photoIds)
      return requestId
    }),
  )
  return detail(ctx, await callerOf(ctx), id)
}

export async function mine(ctx: AuthedCtx, page: number, pageSize: number): Promise<Page<RequestSummary>> {
  const now = ctx.clock()
  const levels = await hotlineSettings.read(ctx.db)
  const q = repo.scoped(ctx.db, { kind: 'resident', userId: ctx.actor.userId })
  const { items, total } = await repo.pageOf(q, 'all', dueBefore(now, levels), page, pageSize)
  return toPage(items.map((r) => toSummary(r, levels, now)), total, page, pageSize)
}

export async function get(ctx: AuthedCtx, id: number): Promise<RequestDetail> {
  const caller = await callerOf(ctx)
  const row = await visibleRequest(ctx, caller, id)
  // Opening the request is how the resident reads what changed; the unread mark in their list goes away.
  if (row.resident_id === caller.userId) await repo.markSeenByResident(ctx.db, id, caller.userId, ctx.clock().toISOString())
  return detail(ctx, caller, id)
}

/**
 * Tap-to-call for the grid worker or staff member serving the request: the whole number, which lists and
 * details only show masked. Who may have it is who sees the resident on the request (404 for anyone else, so
 * the request's existence is not given away), and every time it is given out is written to the audit log.
 */
export async function residentPhone(ctx: AuthedCtx, id: number): Promise<{ phone: string }> {
  const caller = await callerOf(ctx)
  const row = await repo.summaryById(ctx.db, id)
  if (!row || !seesResident(caller, row)) throw notFound('没有找到这条诉求')
  const person = await repo.residentOf(ctx.db, id)
  if (!person?.phone || person.deletedAt !== null) throw notFound('该居民没有登记电话，无法拨打')
  await audit(ctx.db, { actorId: caller.userId, action: 'hotline.resident_phone', targetType: 'hotline_request', targetId: id, at: ctx.clock().toISOString() })
  return { phone: person.phone }
}
