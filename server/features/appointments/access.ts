// Who is asking, and for whom. A booking is seen by the resident it is for, the grid worker who booked it for
// them (代办) while they still serve that resident, and staff; anyone else gets 404. Booking for someone else is for grid workers (residents of their own grids) and
// staff (anyone); every other attempt is an authorization refusal, 403 like any other.
import { STAFF_ROLES } from '../../../common/contract'
import { hasRole, type AuthedCtx, type Services } from '../../core/context'
import { badInput, conflict, forbidden, notFound } from '../../core/errors'
import { blockFrom, blockMessage, noShowsMatterSince, type Block } from '../../core/no-show'
import type { Db } from '../../db/connect'
import { gridIdsOf } from '../account/repo'
import type { Rules } from './actions'
import * as repo from './repo'
import { factsOf } from './present'
import { refusal, type Act, type Caller } from './rules'

export type Row = repo.BookingRow

/** A conditional write found the booking changed since it was read. */
export const CHANGED = '预约刚刚有了变化，请刷新后重试'

export const callerOf = (ctx: AuthedCtx): Caller => ({
  userId: ctx.actor.userId,
  staff: hasRole(ctx.actor, ...STAFF_ROLES),
  worker: hasRole(ctx.actor, 'grid_worker'),
})

export async function visibleBooking(ctx: AuthedCtx, caller: Caller, id: number): Promise<Row> {
  const row = await repo.bookingById(ctx.db, id)
  const sees = row && (caller.staff || row.residentId === caller.userId || (row.bookedById === caller.userId && (await stillServes(ctx, caller, row.residentId))))
  if (!row || !sees) throw notFound('没有找到该预约')
  return row
}

/**
 * 代办 lasts while the booker serves the resident: a grid worker still, and the resident's home in one of their
 * grids today. A worker whose role or grid was taken away, or whose resident moved, sees the booking no more.
 */
async function stillServes(ctx: AuthedCtx, caller: Caller, residentId: number): Promise<boolean> {
  if (!caller.worker) return false
  const person = await repo.personOf(ctx.db, residentId)
  return !!person?.gridId && (await gridIdsOf(ctx.db, caller.userId)).includes(person.gridId)
}

/** The grids whose residents' 代办 bookings the caller still sees in their list: any for staff. */
export const servedGrids = async (ctx: AuthedCtx, caller: Caller): Promise<number[] | 'all'> =>
  caller.staff ? 'all' : caller.worker ? gridIdsOf(ctx.db, caller.userId) : []

/** Whom the booking is for: the caller, or (代办) a resident of the caller's own grid; staff may book for anyone. */
export async function beneficiary(ctx: AuthedCtx, caller: Caller, forResidentId: number | undefined) {
  if (forResidentId === undefined || forResidentId === caller.userId) {
    const me = await repo.personOf(ctx.db, caller.userId)
    if (!me?.gridId) throw forbidden('请先登记住户信息，再预约')
    return { person: me, role: 'resident' as const }
  }
  if (!caller.worker && !caller.staff) throw forbidden('只有网格员和社区工作人员可以代办预约')
  const row = await repo.personOf(ctx.db, forResidentId)
  const person = row && row.deletedAt === null && row.gridId ? row : null
  // A grid worker learns nothing about people outside their grids, not even whether they exist.
  if (!caller.staff && !(person && (await gridIdsOf(ctx.db, caller.userId)).includes(person.gridId!))) {
    throw forbidden('只能为本网格的居民代办预约')
  }
  if (!person) throw notFound('没有找到该居民')
  return { person, role: caller.staff ? ('staff' as const) : ('grid_worker' as const) }
}

export const rulesOf = (db: Db): Promise<Rules> => repo.rules(db)

export const noShowRuleOf = (r: Rules) => ({ limit: r.noShowLimit, windowDays: r.noShowWindowDays, blockDays: r.noShowBlockDays })

/** The resident's no-show block in force now, or null. */
export async function blockOf(ctx: Services, residentId: number, rules?: Rules): Promise<Block | null> {
  const rule = noShowRuleOf(rules ?? (await rulesOf(ctx.db)))
  const now = ctx.clock()
  return blockFrom(await repo.noShowsSince(ctx.db, residentId, noShowsMatterSince(rule, now)), rule, now)
}

export const appointmentBlockMessage = (b: Block, self: boolean) => blockMessage(b, self, '预约')

/** The act's refusal as the error the person sees, or nothing when they may. */
export function mustBeAllowed(act: Act, caller: Caller, row: Row, now: Date): void {
  const no = refusal(act, caller, factsOf(row), now)
  if (!no) return
  if (no.code === 'FORBIDDEN') throw forbidden(no.message)
  if (no.code === 'BAD_INPUT') throw badInput({ [act === 'recordTicket' ? 'outcome' : 'id']: no.message })
  throw conflict(no.message)
}
