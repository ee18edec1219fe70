// 服务热线 rules. Who may see a request is decided here (404 when the caller may not see it, so its existence is
// not given away; 403 when they see it but may not do the act; 409 when its state does not allow the act now).
// What may happen to a request is the transition table in rules.ts. Every change writes its event, the message
// to whoever must hear of it and the outbox row in one transaction with the change itself.
import type { z } from 'zod'
import type { Updateable } from 'kysely'
import type { Page } from '../../../common/paging'
import { maskPhone } from '../../../common/mask'
import { startOfLocalDay } from '../../../common/time'
import { audit } from '../../core/audit'
import { signedUploadUrl } from '../../core/file-urls'
import { hasRole, type AuthedCtx, type Services } from '../../core/context'
import { AppError, badInput, conflict, forbidden, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import type { Db } from '../../db/connect'
import type { HotlineActorRole, HotlineRequestTable } from '../../db/schema'
import { notify } from '../messages/service'
import type {
  Board,
  BoardRow,
  CategoryOut,
  EventKind,
  EventOut,
  InboxCounts,
  PhotoOut,
  RequestDetail,
  RequestSummary,
  ServiceLevels,
  submitInput,
} from './actions'
import * as repo from './repo'
import { ACTS, OPEN_STATES, capacityOf, guardFor, refusal, reopenDeadline, type Act, type Caller, type Capacity, type Facts } from './rules'
import { addressText } from '../../../common/address'
import { linkTo } from '../../../common/routes'

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
const MAX_QUICK_REPLIES = 20
const EXCERPT_CHARS = 40
const BOARD_MAX_DAYS = 366

export const detailLink = (id: number) => linkTo('hotlineDetail', { id })

// ---------------------------------------------------------------- who is calling

export async function callerOf(ctx: AuthedCtx): Promise<Caller> {
  const { actor } = ctx
  const worker = hasRole(actor, 'grid_worker')
  return {
    userId: actor.userId,
    staff: hasRole(actor, 'staff', 'admin'),
    worker,
    gridIds: worker ? await repo.gridIdsOf(ctx.db, actor.userId) : [],
  }
}

type Row = repo.SummaryRow

const factsOf = (r: Row): Facts => ({
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
const seesResident = (caller: Caller, r: Row) => caller.staff || (caller.worker && caller.gridIds.includes(r.grid_id))

async function visibleRequest(ctx: Services, caller: Caller, id: number): Promise<Row> {
  const row = await repo.summaryById(ctx.db, id)
  if (!row || !(await canSee(ctx.db, caller, row))) throw notFound('没有找到这条诉求')
  return row
}

// ---------------------------------------------------------------- output shapes

type Levels = Awaited<ReturnType<typeof repo.serviceLevels>>

function excerpt(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' '))
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : chars.join('')
}

function dueAtOf(r: Pick<Row, 'first_response_at' | 'created_at' | 'state'>, levels: Levels): string | null {
  if (r.first_response_at || !(OPEN_STATES as readonly string[]).includes(r.state)) return null
  return new Date(Date.parse(r.created_at) + levels.firstResponseHours * HOUR_MS).toISOString()
}

/** Community-level requests are always held by staff; residents see the office, not the person. */
function handlerOf(r: Row): string | null {
  if (r.assignee_id === null) return null
  return r.level === 'community' ? '社区工作人员' : `网格员 ${r.assigneeName ?? ''}`.trim()
}

function toSummary(r: Row, levels: Levels, now: Date): RequestSummary {
  const dueAt = dueAtOf(r, levels)
  return {
    id: r.id,
    category: r.categoryName,
    excerpt: excerpt(r.description),
    state: r.state,
    level: r.level,
    gridName: r.gridName,
    handler: handlerOf(r),
    createdAt: r.created_at,
    dueAt,
    overdue: dueAt !== null && now.getTime() > Date.parse(dueAt),
    unreadForResident: r.resident_updated_at !== null && (r.resident_seen_at === null || r.resident_updated_at > r.resident_seen_at),
    rated: r.rated_at !== null,
  }
}

const BY_ROLE: Record<HotlineActorRole, (name: string | null) => string> = {
  system: () => '系统',
  resident: () => '居民',
  grid_worker: (name) => `网格员 ${name ?? ''}`.trim(),
  staff: () => '社区工作人员',
}

/**
 * Where the client fetches a photo: a cloud file by its fileID; a file on disk through the HTTP server's upload
 * route, by a signed address that expires (image tags cannot send the session token).
 */
export function photoUrl(services: Services, p: { id: number; storage: 'disk' | 'cloud'; ref: string }): string {
  return p.storage === 'cloud' ? p.ref : signedUploadUrl(services.config.fileUrlSecret, p.id, services.clock())
}

async function detail(ctx: Services, caller: Caller, id: number): Promise<RequestDetail> {
  const { db } = ctx
  const now = ctx.clock()
  const [row, events, photos, levels] = await Promise.all([
    repo.summaryById(db, id),
    repo.eventsOf(db, id),
    repo.photosOf(db, id),
    repo.serviceLevels(db),
  ])
  if (!row) throw notFound('没有找到这条诉求')
  const found = seesResident(caller, row) ? await repo.residentOf(db, id) : undefined
  // A resident who deleted their account is nobody any more: no name, no address, nothing to call.
  const person = found && found.deletedAt === null ? found : undefined
  const asHandler = caller.staff || caller.worker
  const photosOf = (eventId: number | null): PhotoOut[] =>
    photos.filter((p) => p.eventId === eventId).map((p) => ({ id: p.id, url: photoUrl(ctx, p) }))
  const facts = factsOf(row)
  const can = Object.fromEntries(ACTS.map((act) => [act, refusal(act, caller, facts, now, levels.reopenDays) === null])) as Record<Act, boolean>
  return {
    ...toSummary(row, levels, now),
    description: row.description,
    photos: photosOf(null),
    resident: person ? { name: person.name ?? '居民', address: addressText(person), phone: maskPhone(person.phone) } : null,
    rating: row.rated_at && row.rating_stars ? { stars: row.rating_stars, comment: row.rating_comment, at: row.rated_at } : null,
    reopenUntil: row.state === 'resolved' && row.resolved_at ? reopenDeadline(row.resolved_at, levels.reopenDays).toISOString() : null,
    // Overdue marks are the community's own bookkeeping; the resident's timeline shows what was done for them.
    events: events
      .filter((e) => asHandler || e.kind !== 'overdue')
      .map(
        (e): EventOut => ({
          id: e.id,
          kind: e.kind as EventKind,
          at: e.at,
          by: BY_ROLE[e.actorRole](e.actorName),
          text: e.text,
          photos: photosOf(e.id),
        }),
      ),
    can: {
      accept: can.accept,
      reply: can.reply,
      resolve: can.resolve,
      escalate: can.escalate,
      reassign: can.reassign || can.takeOver,
      rate: can.rate,
      reopen: can.reopen,
      callResident: !!person?.phone,
    },
  }
}

// ---------------------------------------------------------------- photos

async function checkPhotos(ctx: AuthedCtx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return []
  if (new Set(ids).size !== ids.length) throw badInput({ photoIds: '同一张照片不能重复添加' })
  const rows = await repo.uploadsByIds(ctx.db, ids)
  const usable = (id: number) => rows.some((u) => u.id === id && u.ownerId === ctx.actor.userId && u.kind === 'hotline' && u.attachedAs === null)
  if (!ids.every(usable)) throw badInput({ photoIds: '照片不存在或已被使用，请重新上传' })
  return ids
}

/** Two submits racing for one photo: the unique constraint lets one through; the other hears why. */
async function photoRaceSafe<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('照片已被使用，请重新上传')
    throw err
  }
}

// ---------------------------------------------------------------- resident

export async function submit(ctx: AuthedCtx, input: z.output<typeof submitInput>): Promise<RequestDetail> {
  const { db, actor } = ctx
  const home = await repo.homeOf(db, actor.userId)
  if (!home) throw forbidden('请先登记住户信息，再提交诉求')
  const category = await repo.categoryById(db, input.categoryId)
  if (!category || category.active !== 1) throw badInput({ categoryId: '诉求类别不存在或已停用，请重新选择' })
  const photoIds = await checkPhotos(ctx, input.photoIds)
  const now = ctx.clock().toISOString()
  const id = await photoRaceSafe(() =>
    db.transaction().execute(async (tx) => {
      const requestId = await repo.insertRequest(tx, {
        residentId: actor.userId,
        householdId: home.householdId,
        gridId: home.gridId,
        categoryId: category.id,
        description: input.description,
        now,
      })
      await repo.insertEvent(tx, { requestId, kind: 'submitted', actorId: actor.userId, actorRole: 'resident', text: null, now })
      await repo.attachPhotos(tx, requestId, null, photoIds)
      return requestId
    }),
  )
  return detail(ctx, await callerOf(ctx), id)
}

export async function mine(ctx: AuthedCtx, page: number, pageSize: number): Promise<Page<RequestSummary>> {
  const now = ctx.clock()
  const levels = await repo.serviceLevels(ctx.db)
  const q = repo.scoped(ctx.db, { kind: 'resident', userId: ctx.actor.userId })
  const { items, total } = await repo.pageOf(q, 'all', dueBefore(now, levels), page, pageSize)
  return { items: items.map((r) => toSummary(r, levels, now)), total, page, pageSize, hasMore: page * pageSize < total }
}

export async function get(ctx: AuthedCtx, id: number): Promise<RequestDetail> {
  const caller = await callerOf(ctx)
  const row = await visibleRequest(ctx, caller, id)
  // Opening the request is how the resident reads what changed; the unread mark in their list goes away.
  if (row.resident_id === caller.userId) await repo.markSeenByResident(ctx.db, id, caller.userId, ctx.clock().toISOString())
  return detail(ctx, caller, id)
}

// ---------------------------------------------------------------- transitions

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

async function nameOf(db: Db, userId: number): Promise<string> {
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst()
  return row?.name ?? ''
}

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
  const levels = await repo.serviceLevels(db)
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
      await repo.attachPhotos(tx, id, eventId, photoIds)
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
    const who = cap === 'staff' ? '社区工作人员' : `网格员${await nameOf(ctx.db, ctx.actor.userId)}`
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
  const grid = await repo.gridById(ctx.db, input.gridId)
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

// ---------------------------------------------------------------- queues

const dueBefore = (now: Date, levels: Levels) => new Date(now.getTime() - levels.firstResponseHours * HOUR_MS).toISOString()

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
  const levels = await repo.serviceLevels(ctx.db)
  const due = dueBefore(now, levels)
  // A grid worker's open queue is what they can act on; requests they passed on are found under the other views.
  const q = repo.inView(repo.scoped(ctx.db, scope, { actionable: input.view === 'open', gridId: input.gridId }), input.view)
  const [{ items, total }, counts] = await Promise.all([
    repo.pageOf(q, input.view, due, input.page, input.pageSize),
    repo.counts(ctx.db, scope, input.gridId, due),
  ])
  return { items: items.map((r) => toSummary(r, levels, now)), total, page: input.page, pageSize: input.pageSize, hasMore: input.page * input.pageSize < total, counts }
}

// ---------------------------------------------------------------- scheduled sweep

export interface SweepResult {
  overdue: number
  escalated: number
  closed: number
}

/**
 * Marks requests that passed the first-response limit (an 'overdue' event, once) and escalates those that
 * passed the second limit unanswered. Each step is one conditional UPDATE … RETURNING in a transaction, so a
 * second sweep, at once or later, finds nothing left to do: safe to run from a timer and from every server.
 */
export async function sweepHotline(services: Services): Promise<SweepResult> {
  const { db } = services
  const now = services.clock()
  const nowIso = now.toISOString()
  const levels = await repo.serviceLevels(db)
  const overdue = await db.transaction().execute(async (tx) => {
    const rows = await repo.markOverdue(tx, dueBefore(now, levels), nowIso)
    for (const r of rows) {
      await repo.insertEvent(tx, { requestId: r.id, kind: 'overdue', actorId: null, actorRole: 'system', text: `超过${levels.firstResponseHours}小时未响应`, now: nowIso })
    }
    return rows.length
  })
  const escalateBefore = new Date(now.getTime() - levels.autoEscalateHours * HOUR_MS).toISOString()
  const escalated = await db.transaction().execute(async (tx) => {
    const rows = await repo.autoEscalate(tx, escalateBefore, nowIso)
    for (const r of rows) {
      await repo.insertEvent(tx, {
        requestId: r.id,
        kind: 'auto_escalated',
        actorId: null,
        actorRole: 'system',
        text: `网格超过${levels.autoEscalateHours}小时未响应，已自动上报社区`,
        now: nowIso,
      })
      const category = (await repo.summaryById(tx, r.id))?.categoryName ?? '诉求'
      await notify(tx, {
        userId: r.resident_id,
        title: '您的诉求已转社区办理',
        body: `您反映的“${category}”诉求网格未能及时响应，已自动上报社区工作人员办理。`,
        link: detailLink(r.id),
        template: 'hotline_progress',
        payload: { requestId: r.id, category, event: 'auto_escalated', state: 'escalated', at: nowIso },
        now: nowIso,
      })
    }
    return rows.length
  })
  // Once it can no longer be reopened, a resolved request the resident did not rate is closed, unrated: the
  // 定星 figures then count it as finished, and the grid's open lists stay short.
  const closeBefore = new Date(now.getTime() - levels.reopenDays * DAY_MS).toISOString()
  const closed = await db.transaction().execute(async (tx) => {
    const rows = await repo.autoClose(tx, closeBefore, nowIso)
    for (const r of rows) {
      await repo.insertEvent(tx, { requestId: r.id, kind: 'auto_closed', actorId: null, actorRole: 'system', text: `办结${levels.reopenDays}天内未评价，已自动结案`, now: nowIso })
    }
    return rows.length
  })
  if (overdue || escalated || closed) services.log.info({ overdue, escalated, closed }, 'hotline sweep')
  return { overdue, escalated, closed }
}

// ---------------------------------------------------------------- 定星 board

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

type BoardInput = Awaited<ReturnType<typeof repo.createdBetween>>

function figures(key: string, name: string, rows: BoardInput): BoardRow {
  const responded = rows.filter((r) => r.first_response_at).map((r) => (Date.parse(r.first_response_at!) - Date.parse(r.created_at)) / 60_000)
  const resolvedOnce = rows.filter((r) => r.resolved_at)
  const rated = rows.filter((r) => r.rating_stars !== null)
  const m = median(responded)
  return {
    key,
    name,
    requests: rows.length,
    medianFirstResponseMinutes: m === null ? null : round(m, 1),
    // Resolved now (a reopened request is not), among the requests of the period.
    resolvedShare: rows.length ? round(rows.filter((r) => r.state === 'resolved' || r.state === 'closed').length / rows.length, 4) : null,
    // Reopened at least once, among the requests that were ever resolved.
    reopenRate: resolvedOnce.length ? round(resolvedOnce.filter((r) => r.reopen_count > 0).length / resolvedOnce.length, 4) : null,
    averageStars: rated.length ? round(rated.reduce((sum, r) => sum + r.rating_stars!, 0) / rated.length, 2) : null,
    ratings: rated.length,
  }
}

/**
 * Requests created on the Beijing days from..to (inclusive), per grid (the grid answering now) and per grid
 * worker (the one holding the request now). Every grid and every grid worker gets a row, empty or not.
 */
export async function board(ctx: Services, from: string, to: string): Promise<Board> {
  const start = startOfLocalDay(from)
  const last = startOfLocalDay(to)
  if (!start) throw badInput({ from: '开始日期无效' })
  if (!last) throw badInput({ to: '结束日期无效' })
  if (last < start) throw badInput({ to: '结束日期不能早于开始日期' })
  if ((last.getTime() - start.getTime()) / DAY_MS >= BOARD_MAX_DAYS) throw badInput({ to: `统计区间不能超过${BOARD_MAX_DAYS}天` })
  const end = new Date(last.getTime() + DAY_MS)
  const [rows, grids, workers] = await Promise.all([
    repo.createdBetween(ctx.db, start.toISOString(), end.toISOString()),
    repo.allGrids(ctx.db),
    repo.gridWorkers(ctx.db),
  ])
  return {
    from,
    to,
    grids: grids.map((g) => figures(g.code, g.name, rows.filter((r) => r.grid_id === g.id))),
    workers: workers.map((w) => figures(`worker-${w.id}`, w.name ?? '网格员', rows.filter((r) => r.assignee_id === w.id))),
  }
}

// ---------------------------------------------------------------- categories, quick replies, service levels

const toCategory = (c: { id: number; name: string; active: number }): CategoryOut => ({ id: c.id, name: c.name, active: c.active === 1 })

export async function categories(ctx: AuthedCtx, all: boolean): Promise<CategoryOut[]> {
  // Residents choose among active categories; staff keeping the list also see the ones switched off.
  const rows = await repo.categories(ctx.db, all && hasRole(ctx.actor, 'staff', 'admin'))
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
  return repo.serviceLevels(ctx.db)
}

export async function setServiceLevels(ctx: AuthedCtx, input: { firstResponseHours: number; autoEscalateHours: number }): Promise<ServiceLevels> {
  if (input.autoEscalateHours <= input.firstResponseHours) throw badInput({ autoEscalateHours: '自动上报时限应长于首次响应时限' })
  const now = ctx.clock().toISOString()
  const before = await repo.serviceLevels(ctx.db)
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setServiceLevels(tx, input.firstResponseHours, input.autoEscalateHours, now)
    await audit(tx, { actorId: ctx.actor.userId, action: 'hotline.serviceLevels', targetType: 'community', targetId: 1, detail: { from: before, to: input }, at: now })
  })
  return repo.serviceLevels(ctx.db)
}
