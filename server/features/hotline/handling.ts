// The handling of a request: every act a grid worker, staff or the resident takes on it (accept, reply, resolve,
// escalate, reassign, rate, reopen). What may happen is the transition table in rules.ts; each change writes its
// event, the message to whoever must hear of it and the outbox row in one transaction with the change itself
// (404 when the caller may not see the request, 403 when they may not do the act, 409 when its state forbids it).
import type { Updateable } from 'kysely'
import type { AuthedCtx } from '../../core/context'
import { AppError, badInput, conflict } from '../../core/errors'
import { nameOf } from '../account/repo'
import { gridById } from '../community/repo'
import { notify } from '../messages/service'
import { callerOf, factsOf, visibleRequest, type Row } from './access'
import type { EventKind, RequestDetail } from './actions'
import { checkPhotos, photoRaceSafe } from './photos'
import * as photosRepo from './photos-repo'
import { detail, detailLink, excerpt } from './present'
import * as repo from './repo'
import { capacityOf, guardFor, refusal, type Act, type Capacity } from './rules'
import { hotlineSettings, type Levels } from './settings'
import type { HotlineActorRole, HotlineRequestTable } from './tables'

interface Notice {
  to: 'resident' | 'assignee'
  title: string
  body: string
}

interface Change {
  values: Updateable<HotlineRequestTable>
  extras?: repo.UpdateExtras
  event: { kind: EventKind; text: string | null }
  photoIds?: number[]
  notice: Notice | null
}

const ROLE_OF: Record<Capacity, HotlineActorRole> = { owner: 'resident', worker: 'grid_worker', staff: 'staff' }

/**
 * One path for every act: may the caller see it (404), may they do this (403), does the state allow it (409);
 * then the guarded write, which loses cleanly to a concurrent change and says what that change was.
 */
async function transition(
  ctx: AuthedCtx,
  id: number,
  act: Act,
  build: (row: Row, cap: Capacity, now: string, levels: Levels) => Promise<Change> | Change,
): Promise<RequestDetail> {
  const { db } = ctx
  const caller = await callerOf(ctx)
  const row = await visibleRequest(ctx, caller, id)
  const levels = await hotlineSettings.read(db)
  const now = ctx.clock()
  const nowIso = now.toISOString()
  const why = refusal(act, caller, factsOf(row), now, levels.reopenDays)
  if (why) throw new AppError(why.code, why.message)
  const cap = capacityOf(act, caller, factsOf(row))!
  const change = await build(row, cap, nowIso, levels)
  const photoIds = await checkPhotos(ctx, change.photoIds ?? [])
  const guard = guardFor(act, cap, caller, now, levels.reopenDays)
  // What the resident did themselves is not news to them.
  const values = cap === 'owner' ? { ...change.values, updated_at: nowIso } : { ...change.values, updated_at: nowIso, resident_updated_at: nowIso }

  await photoRaceSafe(() =>
    db.transaction().execute(async (tx) => {
      if (!(await repo.updateGuarded(tx, id, guard, values, change.extras))) {
        const fresh = await repo.summaryById(tx, id)
        const late = fresh ? refusal(act, caller, factsOf(fresh), now, levels.reopenDays) : null
        throw late ? new AppError(late.code, late.message) : conflict('诉求刚刚有了变化，请刷新后重试')
      }
      const eventId = await repo.insertEvent(tx, { requestId: id, kind: change.event.kind, actorId: caller.userId, actorRole: ROLE_OF[cap], text: change.event.text, now: nowIso })
      await photosRepo.attachPhotos(tx, id, eventId, photoIds)
      const notice = change.notice
      const to = notice?.to === 'resident' ? row.resident_id : row.assignee_id
      if (notice && to !== null && to !== caller.userId) {
        await notify(tx, {
          userId: to,
          title: notice.title,
          body: notice.body,
          link: detailLink(id),
          template: notice.to === 'resident' ? 'hotline_progress' : 'hotline_feedback',
          payload: { requestId: id, category: row.categoryName, event: change.event.kind, state: change.values.state ?? row.state, at: nowIso },
          now: nowIso,
        })
      }
    }),
  )
  return detail(ctx, caller, id)
}

export function accept(ctx: AuthedCtx, id: number) {
  return transition(ctx, id, 'accept', async (row, cap, now) => {
    const who = cap === 'staff' ? '社区工作人员' : `网格员${(await nameOf(ctx.db, ctx.actor.userId)) ?? ''}`
    return {
      // Staff taking up a request makes it the community's.
      values: { state: 'accepted', assignee_id: ctx.actor.userId, level: cap === 'staff' ? 'community' : row.level },
      extras: { firstResponseAt: now },
      event: { kind: 'accepted', text: null },
      notice: { to: 'resident', title: '您的诉求已受理', body: `您反映的“${row.categoryName}”诉求已由${who}受理，正在办理。` },
    }
  })
}

export function reply(ctx: AuthedCtx, id: number, text: string, photoIds: number[]) {
  return transition(ctx, id, 'reply', (row, _cap, now) => ({
    values: {},
    extras: { firstResponseAt: now },
    event: { kind: 'reply', text },
    photoIds,
    notice: { to: 'resident', title: '您的诉求有新回复', body: `“${row.categoryName}”：${excerpt(text)}` },
  }))
}

export function resolve(ctx: AuthedCtx, id: number, summary: string) {
  return transition(ctx, id, 'resolve', (row, _cap, now, levels) => ({
    values: { state: 'resolved', resolved_at: now },
    extras: { firstResponseAt: now, assigneeIfNone: ctx.actor.userId },
    event: { kind: 'resolved', text: summary },
    notice: {
      to: 'resident',
      title: '您的诉求已办结',
      body: `“${row.categoryName}”：${excerpt(summary)} 请为本次服务评价；如问题没有解决，可在${levels.reopenDays}天内重新打开。`,
    },
  }))
}

export function escalate(ctx: AuthedCtx, id: number, reason: string) {
  return transition(ctx, id, 'escalate', (row, _cap, now) => ({
    values: { state: 'escalated', level: 'community', assignee_id: null, escalated_at: now },
    event: { kind: 'escalated', text: reason },
    notice: { to: 'resident', title: '您的诉求已上报社区', body: `“${row.categoryName}”已由网格上报社区工作人员办理。` },
  }))
}

export async function reassign(ctx: AuthedCtx, id: number, input: { gridId?: number; takeOver: boolean }): Promise<RequestDetail> {
  if (input.takeOver && input.gridId !== undefined) throw badInput({ gridId: '转派网格与自己接手只能选一项' })
  if (input.takeOver) {
    return transition(ctx, id, 'takeOver', (row) => {
      if (row.state === 'accepted' && row.level === 'community' && row.assignee_id === ctx.actor.userId) throw conflict('您已在办理该诉求')
      return {
        values: { state: 'accepted', level: 'community', assignee_id: ctx.actor.userId },
        extras: { firstResponseAt: ctx.clock().toISOString() },
        event: { kind: 'reassigned', text: '社区工作人员接手办理' },
        notice: { to: 'resident', title: '社区工作人员已接手您的诉求', body: `您反映的“${row.categoryName}”诉求由社区工作人员接手办理。` },
      }
    })
  }
  if (input.gridId === undefined) throw badInput({ gridId: '请选择转派的网格，或选择由您接手' })
  const grid = await gridById(ctx.db, input.gridId)
  if (!grid) throw badInput({ gridId: '所选网格不存在' })
  return transition(ctx, id, 'reassign', (row) => {
    if (row.grid_id === grid.id && row.level === 'grid' && row.state === 'submitted' && row.assignee_id === null) {
      throw conflict(`该诉求已在${grid.name}等待受理`)
    }
    return {
      values: { grid_id: grid.id, level: 'grid', state: 'submitted', assignee_id: null },
      event: { kind: 'reassigned', text: `转派至${grid.name}` },
      notice: { to: 'resident', title: '您的诉求已转派', body: `社区已将您反映的“${row.categoryName}”诉求转至${grid.name}办理。` },
    }
  })
}

export function rate(ctx: AuthedCtx, id: number, stars: number, comment: string | undefined) {
  const text = comment ? comment : null
  return transition(ctx, id, 'rate', (row, _cap, now) => ({
    values: { state: 'closed', closed_at: now, rating_stars: stars, rating_comment: text, rated_at: now },
    event: { kind: 'rated', text: `评价${stars}星${text ? `：${text}` : ''}` },
    notice: { to: 'assignee', title: '居民评价了您办理的诉求', body: `“${row.categoryName}”获得${stars}星评价${text ? `：${excerpt(text)}` : ''}` },
  }))
}

export function reopen(ctx: AuthedCtx, id: number, reason: string) {
  return transition(ctx, id, 'reopen', (row) => ({
    values: { state: 'reopened' },
    extras: { incrementReopen: true },
    event: { kind: 'reopened', text: reason },
    notice: { to: 'assignee', title: '居民重新打开了诉求', body: `“${row.categoryName}”：${excerpt(reason)}` },
  }))
}
