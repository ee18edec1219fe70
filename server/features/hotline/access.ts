// Who is calling, and which requests they may see: 404 when the caller may not see a request (so its existence
// is not given away); what they may do to one is the transition table in rules.ts.
import { STAFF_ROLES } from '../../../common/contract'
import { hasRole, type AuthedCtx, type Services } from '../../core/context'
import { notFound } from '../../core/errors'
import type { Db } from '../../db/connect'
import { gridIdsOf } from '../account/repo'
import * as repo from './repo'
import type { Caller, Facts } from './rules'

export type Row = repo.SummaryRow

export async function callerOf(ctx: AuthedCtx): Promise<Caller> {
  const { actor } = ctx
  const worker = hasRole(actor, 'grid_worker')
  return {
    userId: actor.userId,
    staff: hasRole(actor, ...STAFF_ROLES),
    worker,
    gridIds: worker ? await gridIdsOf(ctx.db, actor.userId) : [],
  }
}

export const factsOf = (r: Row): Facts => ({
  residentId: r.resident_id,
  gridId: r.grid_id,
  level: r.level,
  state: r.state,
  assigneeId: r.assignee_id,
  resolvedAt: r.resolved_at,
  rated: r.rated_at !== null,
})

async function canSee(db: Db, caller: Caller, r: Row): Promise<boolean> {
  if (caller.staff || r.resident_id === caller.userId) return true
  if (!caller.worker) return false
  if (r.assignee_id === caller.userId) return true
  if (r.level === 'grid' && caller.gridIds.includes(r.grid_id)) return true
  return repo.workedOn(db, r.id, caller.userId)
}

/**
 * The resident's name, address and phone are for the grid that serves them now and for staff, not for a grid
 * worker who once handled the request and has since seen it moved to another grid.
 */
export const seesResident = (caller: Caller, r: Row) => caller.staff || (caller.worker && caller.gridIds.includes(r.grid_id))

export async function visibleRequest(ctx: Services, caller: Caller, id: number): Promise<Row> {
  const row = await repo.summaryById(ctx.db, id)
  if (!row || !(await canSee(ctx.db, caller, row))) throw notFound('没有找到这条诉求')
  return row
}
