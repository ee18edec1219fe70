// What residents see before booking: the services, the days of the booking window with places left, and the
// slots of a day. Slots come from the weekly plan (slots.ts, pure) and places from the capacity ledger, where a
// slot has a unit once somebody has booked it.
import { daysFrom, localDay, startOfLocalDay } from '../../../common/time'
import type * as capacity from '../../core/capacity'
import { hasRole, type AuthedCtx } from '../../core/context'
import { badInput, notFound } from '../../core/errors'
import type { Db } from '../../db/connect'
import { STAFF_ROLES } from '../../../common/contract'
import { beneficiary, blockOf, callerOf } from './access'
import type { BlockOut, DayOut, ServiceOut, SlotOut } from './actions'
import { toService } from './present'
import * as repo from './repo'
import { closedAllDay, lastBookableDay, slotsOn, type Plan } from './slots'

const MINUTE_MS = 60_000
export const SCOPE = 'appointment'

export const unitKey = (serviceId: number, start: string): capacity.UnitKey => ({ scope: SCOPE, ref: `${serviceId}@${start}`, ownerId: serviceId, startsAt: start })

export const today = (now: Date) => localDay(now)
export const bookableFrom = (service: repo.ServiceRow, now: Date) => now.getTime() + service.min_notice_minutes * MINUTE_MS

export async function planOf(db: Db, service: repo.ServiceRow, fromDay: string): Promise<Plan> {
  const [hours, closures] = await Promise.all([repo.hoursOf(db, [service.id]), repo.closuresFor(db, service.id, fromDay)])
  return { durationMinutes: service.duration_minutes, hours, closures }
}

/** The service as the caller may see it: one staff switched off is gone for residents; staff still see it. */
export function visibleService<S extends repo.ServiceRow>(ctx: AuthedCtx, service: S | undefined): S {
  if (!service || (service.active !== 1 && !hasRole(ctx.actor, ...STAFF_ROLES))) throw notFound('没有找到该服务项目，可能已停办')
  return service
}

export async function serviceFor(ctx: AuthedCtx, id: number): Promise<repo.ServiceRow> {
  return visibleService(ctx, await repo.serviceById(ctx.db, id))
}

export async function services(ctx: AuthedCtx): Promise<ServiceOut[]> {
  return (await repo.services(ctx.db, true)).map(toService)
}

function slotsWithUsage(service: repo.ServiceRow, slots: ReturnType<typeof slotsOn>, usage: Map<string, capacity.Usage>, now: Date): SlotOut[] {
  const from = bookableFrom(service, now)
  return slots.map((s) => {
    const u = usage.get(unitKey(service.id, s.start).ref)
    const places = u?.places ?? service.places
    const left = u ? u.left : service.places
    const state = Date.parse(s.start) < from ? 'past' : left <= 0 ? 'full' : 'open'
    return { start: s.start, end: s.end, label: s.label, places, left, state }
  })
}

export async function days(ctx: AuthedCtx, serviceId: number, forResidentId?: number): Promise<{ service: ServiceOut; days: DayOut[]; block: BlockOut | null }> {
  const service = await serviceFor(ctx, serviceId)
  // Only someone who may book for the resident learns whether the resident is blocked.
  const whose = forResidentId === undefined ? ctx.actor.userId : (await beneficiary(ctx, callerOf(ctx), forResidentId)).person.id
  const now = ctx.clock()
  const dayList = daysFrom(now, service.book_ahead_days)
  const plan = await planOf(ctx.db, service, dayList[0]!)
  const perDay = dayList.map((day) => ({ day, slots: slotsOn(plan, day) }))
  const refs = perDay.flatMap((d) => d.slots.map((s) => unitKey(service.id, s.start).ref))
  const usage = await ctx.capacity.usageOf(ctx.db, SCOPE, refs)
  const out = perDay.map(({ day, slots }): DayOut => {
    const closure = closedAllDay(plan, day)
    const withUsage = slotsWithUsage(service, slots, usage, now)
    const bookable = withUsage.filter((s) => s.state !== 'past')
    return {
      day,
      closed: slots.length === 0 || (bookable.length === 0 && day === today(now)),
      closedReason: closure ? closure.reason : slots.length === 0 ? '不开放' : bookable.length === 0 ? '今日已截止' : null,
      left: bookable.reduce((n, s) => n + s.left, 0),
    }
  })
  return { service: toService(service), days: out, block: await blockOf(ctx, whose) }
}

export async function slots(ctx: AuthedCtx, serviceId: number, day: string): Promise<SlotOut[]> {
  const service = await serviceFor(ctx, serviceId)
  const now = ctx.clock()
  if (!startOfLocalDay(day)) throw badInput({ day: '日期无效' })
  if (day < today(now) || day > lastBookableDay(now, service.book_ahead_days)) {
    throw badInput({ day: `只能预约今天起${service.book_ahead_days}天内的时段` })
  }
  const plan = await planOf(ctx.db, service, day)
  const list = slotsOn(plan, day)
  const usage = await ctx.capacity.usageOf(ctx.db, SCOPE, list.map((s) => unitKey(service.id, s.start).ref))
  return slotsWithUsage(service, list, usage, now)
}
