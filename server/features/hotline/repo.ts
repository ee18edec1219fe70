// SQL of requests, their events and the lists they appear in. No rules here: the service files decide.
import type { ExpressionBuilder, SelectQueryBuilder, Updateable } from 'kysely'
import type { Db } from '../../db/connect'
import type { Database } from '../../db/schema'
import type { HotlineActorRole, HotlineRequestTable, HotlineState } from './tables'
import type { Guard } from './rules'
import { DONE_STATES, OPEN_STATES, WAITING_STATES } from './rules'

type Requests = SelectQueryBuilder<Database, 'hotline_requests', object>
type RequestsEb = ExpressionBuilder<Database, 'hotline_requests'>

/** Who lived where the request was made: its household then, which a later move does not change. */
export async function residentOf(db: Db, requestId: number) {
  return db
    .selectFrom('hotline_requests')
    .innerJoin('users', 'users.id', 'hotline_requests.resident_id')
    .innerJoin('households', 'households.id', 'hotline_requests.household_id')
    .innerJoin('buildings', 'buildings.id', 'households.building_id')
    .select([
      'users.name as name',
      'users.phone as phone',
      'users.deleted_at as deletedAt',
      'buildings.name as building',
      'households.unit as unit',
      'households.room as room',
    ])
    .where('hotline_requests.id', '=', requestId)
    .executeTakeFirst()
}

// ---------------------------------------------------------------- requests

export async function insertRequest(
  db: Db,
  r: { residentId: number; householdId: number; gridId: number; categoryId: number; description: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('hotline_requests')
    .values({
      resident_id: r.residentId,
      household_id: r.householdId,
      submitted_grid_id: r.gridId,
      grid_id: r.gridId,
      category_id: r.categoryId,
      description: r.description,
      state: 'submitted',
      level: 'grid',
      assignee_id: null,
      created_at: r.now,
      updated_at: r.now,
      first_response_at: null,
      overdue_at: null,
      escalated_at: null,
      resolved_at: null,
      closed_at: null,
      rating_stars: null,
      rating_comment: null,
      rated_at: null,
      resident_updated_at: null,
      resident_seen_at: r.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function findRequest(db: Db, id: number) {
  return db.selectFrom('hotline_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

/** True when the person has acted on the request as a grid worker (accepted, replied, escalated, resolved). */
export async function workedOn(db: Db, requestId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('hotline_events')
    .select('id')
    .where('request_id', '=', requestId)
    .where('actor_id', '=', userId)
    .where('actor_role', '=', 'grid_worker')
    .executeTakeFirst()
  return row !== undefined
}

export interface UpdateExtras {
  /** Sets first_response_at unless an earlier response set it. */
  firstResponseAt?: string
  /** Makes the caller the holder unless someone holds it already (staff resolving an unclaimed request). */
  assigneeIfNone?: number
  incrementReopen?: boolean
}

/** Performs a transition only while its guard still holds; false when another change got there first. */
export async function updateGuarded(db: Db, id: number, guard: Guard, values: Updateable<HotlineRequestTable>, extras: UpdateExtras = {}): Promise<boolean> {
  let q = db
    .updateTable('hotline_requests')
    .set(values)
    .where('id', '=', id)
    .where('state', 'in', [...guard.states])
  if (extras.firstResponseAt) q = q.set((eb) => ({ first_response_at: eb.fn.coalesce('first_response_at', eb.val(extras.firstResponseAt!)) }))
  if (extras.assigneeIfNone) q = q.set((eb) => ({ assignee_id: eb.fn.coalesce('assignee_id', eb.val(extras.assigneeIfNone!)) }))
  if (extras.incrementReopen) q = q.set((eb) => ({ reopen_count: eb('reopen_count', '+', 1) }))
  if (guard.residentId !== undefined) q = q.where('resident_id', '=', guard.residentId)
  if (guard.resolvedSince !== undefined) q = q.where('resolved_at', '>=', guard.resolvedSince)
  const w = guard.workerOf
  if (w) {
    q = q.where('level', '=', 'grid').where((eb) =>
      eb.or([eb('assignee_id', '=', w.userId), ...(w.gridIds.length ? [eb('grid_id', 'in', w.gridIds)] : [])]),
    )
    q = w.claim === 'own' ? q.where('assignee_id', '=', w.userId) : q.where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '=', w.userId)]))
  }
  const res = await q.executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function insertEvent(
  db: Db,
  e: { requestId: number; kind: string; actorId: number | null; actorRole: HotlineActorRole; text: string | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('hotline_events')
    .values({ request_id: e.requestId, kind: e.kind, actor_id: e.actorId, actor_role: e.actorRole, text: e.text, created_at: e.now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function eventsOf(db: Db, requestId: number) {
  return db
    .selectFrom('hotline_events')
    .leftJoin('users', 'users.id', 'hotline_events.actor_id')
    .select([
      'hotline_events.id as id',
      'hotline_events.kind as kind',
      'hotline_events.actor_role as actorRole',
      'users.name as actorName',
      'hotline_events.text as text',
      'hotline_events.created_at as at',
    ])
    .where('hotline_events.request_id', '=', requestId)
    .orderBy('hotline_events.id')
    .execute()
}

/** A resident's own requests with their timelines, oldest first: what their data export holds of the hotline. */
export async function requestsOfResident(db: Db, residentId: number) {
  const [requests, events] = await Promise.all([
    db
      .selectFrom('hotline_requests')
      .innerJoin('hotline_categories', 'hotline_categories.id', 'hotline_requests.category_id')
      .select([
        'hotline_requests.id as id',
        'hotline_categories.name as category',
        'hotline_requests.description as description',
        'hotline_requests.state as state',
        'hotline_requests.created_at as createdAt',
        'hotline_requests.rating_stars as ratingStars',
        'hotline_requests.rating_comment as ratingComment',
        'hotline_requests.rated_at as ratedAt',
      ])
      .where('hotline_requests.resident_id', '=', residentId)
      .orderBy('hotline_requests.id')
      .execute(),
    db
      .selectFrom('hotline_events')
      .select(['request_id as requestId', 'kind', 'created_at as at', 'text'])
      .where('request_id', 'in', db.selectFrom('hotline_requests').select('id').where('resident_id', '=', residentId))
      .orderBy('id')
      .execute(),
  ])
  const byRequest = new Map<number, typeof events>()
  for (const e of events) byRequest.set(e.requestId, [...(byRequest.get(e.requestId) ?? []), e])
  return requests.map((r) => ({ ...r, events: byRequest.get(r.id) ?? [] }))
}

/**
 * What a resident wrote on their requests, wiped for their account's deletion: the description, the rating
 * comment and the texts of their own steps (reopen reasons, the rating). The requests stay, without them.
 */
export async function eraseResidentText(db: Db, residentId: number, placeholder: string) {
  await db.updateTable('hotline_requests').set({ description: placeholder, rating_comment: null }).where('resident_id', '=', residentId).execute()
  await db.updateTable('hotline_events').set({ text: null }).where('actor_id', '=', residentId).where('actor_role', '=', 'resident').execute()
}

export async function markSeenByResident(db: Db, requestId: number, residentId: number, now: string) {
  await db.updateTable('hotline_requests').set({ resident_seen_at: now }).where('id', '=', requestId).where('resident_id', '=', residentId).execute()
}

// ---------------------------------------------------------------- lists

/** Who a list is for: everything (staff), a grid worker's requests, or a resident's own. */
export type Scope = { kind: 'all' } | { kind: 'worker'; userId: number; gridIds: number[] } | { kind: 'resident'; userId: number }

export type View = 'open' | 'escalated' | 'done' | 'all'

/**
 * A grid worker sees their grids' grid-level requests, the ones they hold, and the ones they worked on before
 * (escalated or moved away), so they can follow what became of them. `actionable` keeps only the first two.
 */
function inScope(eb: RequestsEb, scope: Exclude<Scope, { kind: 'all' }>, actionable: boolean) {
  if (scope.kind === 'resident') return eb('hotline_requests.resident_id', '=', scope.userId)
  const mine = [eb('hotline_requests.assignee_id', '=', scope.userId)]
  if (scope.gridIds.length) mine.push(eb.and([eb('hotline_requests.level', '=', 'grid'), eb('hotline_requests.grid_id', 'in', scope.gridIds)]))
  if (!actionable) {
    mine.push(
      eb(
        'hotline_requests.id',
        'in',
        eb.selectFrom('hotline_events').select('hotline_events.request_id').where('hotline_events.actor_id', '=', scope.userId).where('hotline_events.actor_role', '=', 'grid_worker'),
      ),
    )
  }
  return eb.or(mine)
}

export function scoped(db: Db, scope: Scope, opts: { actionable?: boolean; gridId?: number } = {}): Requests {
  let q: Requests = db.selectFrom('hotline_requests')
  if (scope.kind !== 'all') q = q.where((eb) => inScope(eb, scope, opts.actionable ?? false))
  if (opts.gridId !== undefined) q = q.where('hotline_requests.grid_id', '=', opts.gridId)
  return q
}

export function inView(q: Requests, view: View): Requests {
  if (view === 'open') return q.where('hotline_requests.state', 'in', [...OPEN_STATES])
  if (view === 'escalated') return q.where('hotline_requests.level', '=', 'community').where('hotline_requests.state', 'in', [...OPEN_STATES])
  if (view === 'done') return q.where('hotline_requests.state', 'in', [...DONE_STATES])
  return q
}

/** Unanswered past the first-response limit; `answeredBefore` is now minus that limit. */
function overdueExpr(eb: RequestsEb, dueBefore: string) {
  return eb.and([
    eb('hotline_requests.first_response_at', 'is', null),
    eb('hotline_requests.state', 'in', [...OPEN_STATES]),
    eb('hotline_requests.created_at', '<', dueBefore),
  ])
}

export function withSummaryColumns(q: Requests) {
  return q
    .innerJoin('hotline_categories', 'hotline_categories.id', 'hotline_requests.category_id')
    .innerJoin('grids', 'grids.id', 'hotline_requests.grid_id')
    .leftJoin('users as assignee', 'assignee.id', 'hotline_requests.assignee_id')
    .selectAll('hotline_requests')
    .select(['hotline_categories.name as categoryName', 'grids.name as gridName', 'assignee.name as assigneeName'])
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof withSummaryColumns>['executeTakeFirstOrThrow']>>

export async function summaryById(db: Db, id: number): Promise<SummaryRow | undefined> {
  return withSummaryColumns(db.selectFrom('hotline_requests').where('hotline_requests.id', '=', id)).executeTakeFirst()
}

/**
 * A queue is read in the order work should be done: overdue first, then waiting for someone to pick up, then in
 * progress; oldest first within each, so nobody is left at the bottom. Histories are read newest first.
 */
export async function pageOf(q: Requests, view: View, dueBefore: string, page: number, pageSize: number) {
  const rows = withSummaryColumns(q)
  const ordered =
    view === 'open' || view === 'escalated'
      ? rows
          .select((eb) =>
            eb
              .case()
              .when(overdueExpr(eb, dueBefore))
              .then(0)
              .when('hotline_requests.state', 'in', [...WAITING_STATES, 'escalated' as HotlineState])
              .then(1)
              .else(2)
              .end()
              .as('priority'),
          )
          .orderBy('priority')
          .orderBy('hotline_requests.created_at')
          .orderBy('hotline_requests.id')
      : rows.orderBy('hotline_requests.created_at', 'desc').orderBy('hotline_requests.id', 'desc')
  const [items, count] = await Promise.all([
    ordered.limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { items: items as SummaryRow[], total: Number(count.n) }
}

export async function counts(db: Db, scope: Scope, gridId: number | undefined, dueBefore: string) {
  const actionable = scoped(db, scope, { actionable: true, gridId })
  const n = async (q: Requests) => Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const [fresh, inProgress, overdue, escalated] = await Promise.all([
    n(actionable.where('hotline_requests.state', 'in', [...WAITING_STATES])),
    n(actionable.where('hotline_requests.state', '=', 'accepted')),
    n(actionable.where((eb) => overdueExpr(eb, dueBefore))),
    n(scoped(db, scope, { gridId }).where('hotline_requests.state', '=', 'escalated')),
  ])
  return { new: fresh, inProgress, overdue, escalated }
}

// ---------------------------------------------------------------- sweep and board

/** Marks unanswered requests past the limit, once each; returns the ones this call marked. */
export async function markOverdue(db: Db, dueBefore: string, now: string) {
  return db
    .updateTable('hotline_requests')
    .set({ overdue_at: now })
    .where('overdue_at', 'is', null)
    .where('first_response_at', 'is', null)
    .where('state', 'in', [...OPEN_STATES])
    .where('created_at', '<', dueBefore)
    .returning(['id'])
    .execute()
}

/**
 * Escalates grid requests nobody answered in time. A request that was escalated once and sent back to a grid by
 * staff is not escalated again: staff chose to give that grid another chance.
 */
export async function autoEscalate(db: Db, escalateBefore: string, now: string) {
  return db
    .updateTable('hotline_requests')
    .set({ state: 'escalated', level: 'community', assignee_id: null, escalated_at: now, updated_at: now, resident_updated_at: now })
    .where('level', '=', 'grid')
    .where('state', '=', 'submitted')
    .where('first_response_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('created_at', '<', escalateBefore)
    .returning(['id', 'resident_id'])
    .execute()
}

/** Closes resolved requests whose reopening window has passed without a rating; returns the ones closed now. */
export async function autoClose(db: Db, resolvedBefore: string, now: string) {
  return db
    .updateTable('hotline_requests')
    .set({ state: 'closed', closed_at: now, updated_at: now })
    .where('state', '=', 'resolved')
    .where('resolved_at', '<', resolvedBefore)
    .returning(['id'])
    .execute()
}

export async function createdBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('hotline_requests')
    .select(['grid_id', 'assignee_id', 'state', 'created_at', 'first_response_at', 'resolved_at', 'reopen_count', 'rating_stars'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute()
}

