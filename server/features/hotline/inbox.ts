// The handlers' queues: a grid worker's grids and what they hold or worked on; every grid for staff.
import { toPage, type Page } from '../../../common/paging'
import type { AuthedCtx } from '../../core/context'
import { forbidden } from '../../core/errors'
import { callerOf } from './access'
import type { InboxCounts, RequestSummary } from './actions'
import { dueBefore, toSummary } from './present'
import * as repo from './repo'
import { hotlineSettings } from './settings'

export async function inbox(
  ctx: AuthedCtx,
  input: { view: repo.View; gridId?: number; page: number; pageSize: number },
): Promise<Page<RequestSummary> & { counts: InboxCounts }> {
  const caller = await callerOf(ctx)
  let scope: repo.Scope = { kind: 'all' }
  if (!caller.staff) {
    if (input.gridId !== undefined && !caller.gridIds.includes(input.gridId)) throw forbidden('只能查看您负责的网格')
    scope = { kind: 'worker', userId: caller.userId, gridIds: caller.gridIds }
  }
  const now = ctx.clock()
  const levels = await hotlineSettings.read(ctx.db)
  const due = dueBefore(now, levels)
  // A grid worker's open queue is what they can act on; requests they passed on are found under the other views.
  const q = repo.inView(repo.scoped(ctx.db, scope, { actionable: input.view === 'open', gridId: input.gridId }), input.view)
  const [{ items, total }, counts] = await Promise.all([
    repo.pageOf(q, input.view, due, input.page, input.pageSize),
    repo.counts(ctx.db, scope, input.gridId, due),
  ])
  return { ...toPage(items.map((r) => toSummary(r, levels, now)), total, input.page, input.pageSize), counts }
}
