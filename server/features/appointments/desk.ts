// The window's day, for staff: the bookings of a service and day by slot, check-in by code, done or 未到场,
// ticket outcomes, and the bookings a plan change displaced. What may happen to a booking is rules.ts.
import { maskPhone } from '../../../common/mask'
import { local, startOfLocalDay } from '../../../common/time'
import { audit } from '../../core/audit'
import type { AuthedCtx } from '../../core/context'
import { badInput, conflict, notFound } from '../../core/errors'
import { sealerOf } from '../../core/id-cards'
import { notify } from '../messages/service'
import { CHANGED, callerOf, mustBeAllowed, rulesOf, visibleBooking } from './access'
import type { BookingDetail, BookingSummary, DeskDay, DeskSlot } from './actions'
import { SCOPE, planOf, serviceFor, unitKey } from './catalog'
import { bookedByOf, detail, detailLink, toSummary, when } from './present'
import * as repo from './repo'
import { guardStates } from './rules'
import { slotsOn } from './slots'

export async function desk(ctx: AuthedCtx, serviceId: number, day: string): Promise<DeskDay> {
  const service = await serviceFor(ctx, serviceId)
  if (!startOfLocalDay(day)) throw badInput({ day: '日期无效' })
  const plan = await planOf(ctx.db, service, day)
  const planned = slotsOn(plan, day)
  const rows = await repo.deskBookings(ctx.db, serviceId, day)
  const usage = await ctx.capacity.usageOf(ctx.db, SCOPE, planned.map((s) => unitKey(service.id, s.start).ref))
  const slotsByStart = new Map<string, DeskSlot>()
  for (const s of planned) {
    slotsByStart.set(s.start, { start: s.start, label: s.label, places: usage.get(unitKey(service.id, s.start).ref)?.places ?? service.places, inPlan: true, bookings: [] })
  }
  for (const r of rows) {
    let slot = slotsByStart.get(r.startsAt)
    if (!slot) {
      slot = { start: r.startsAt, label: local(r.startsAt).format('HH:mm'), places: 0, inPlan: false, bookings: [] }
      slotsByStart.set(r.startsAt, slot)
    }
    slot.bookings.push({
      id: r.id,
      code: r.code,
      status: r.status,
      residentName: r.residentName ?? '（已注销）',
      phone: maskPhone(r.residentPhone),
      bookedBy: bookedByOf(r),
      displaced: r.displacedAt !== null,
      trip: r.fromStation
        ? { route: `${r.fromStation} → ${r.toStation}`, travelDate: r.travelDate!, passengers: Number(r.passengers ?? 0), outcome: r.ticketOutcome }
        : null,
    })
  }
  const count = (s: string) => rows.filter((r) => r.status === s).length
  return {
    day,
    service: { id: service.id, name: service.name, kind: service.kind },
    slots: [...slotsByStart.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
    counts: { booked: count('booked'), checkedIn: count('checked_in'), done: count('done'), noShow: count('no_show') },
  }
}

export async function byCode(ctx: AuthedCtx, code: string): Promise<BookingDetail> {
  const row = await repo.bookingByCode(ctx.db, code)
  if (!row) throw notFound(`没有找到预约码 ${code}`)
  return detail(ctx, callerOf(ctx), row.id)
}

export async function checkIn(ctx: AuthedCtx, code: string): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  const row = await repo.bookingByCode(ctx.db, code)
  if (!row) throw notFound(`没有找到预约码 ${code}`)
  const now = ctx.clock()
  mustBeAllowed('checkIn', caller, row, now)
  const nowIso = now.toISOString()
  if (!(await repo.setStatus(ctx.db, row.id, guardStates('checkIn'), { status: 'checked_in', checked_in_at: nowIso }, nowIso))) {
    throw conflict(CHANGED)
  }
  return detail(ctx, caller, row.id)
}

export async function finish(ctx: AuthedCtx, id: number, outcome: 'done' | 'no_show'): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  const row = await visibleBooking(ctx, caller, id)
  const now = ctx.clock()
  const nowIso = now.toISOString()
  if (outcome === 'no_show') {
    mustBeAllowed('noShow', caller, row, now)
    const rules = await rulesOf(ctx.db)
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await repo.setStatus(tx, id, guardStates('noShow'), { status: 'no_show', finished_at: nowIso }, nowIso))) throw conflict(CHANGED)
      await notify(tx, {
        userId: row.residentId,
        title: '预约未到场',
        body: `您${when(row.startsAt)}的「${row.serviceName}」未到场，已记录。${rules.noShowWindowDays}天内${rules.noShowLimit}次未到场将暂停预约${rules.noShowBlockDays}天；不能前来时请提前取消。`,
        link: detailLink(id),
        template: 'appointment_changed',
        payload: { bookingId: id, service: row.serviceName, startsAt: row.startsAt, change: 'no_show' },
        now: nowIso,
      })
    })
  } else {
    mustBeAllowed('done', caller, row, now)
    if (!(await repo.setStatus(ctx.db, id, guardStates('done'), { status: 'done', finished_at: nowIso }, nowIso))) throw conflict(CHANGED)
  }
  return detail(ctx, caller, id)
}

export async function recordTicket(ctx: AuthedCtx, id: number, outcome: 'issued' | 'unavailable', text: string): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  const row = await visibleBooking(ctx, caller, id)
  mustBeAllowed('recordTicket', caller, row, ctx.clock())
  const nowIso = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    await repo.setTicketOutcome(tx, id, { outcome, text, by: caller.userId, now: nowIso })
    await notify(tx, {
      userId: row.residentId,
      title: outcome === 'issued' ? '车票已出票' : '车票未能购得',
      body: `「${row.serviceName}」${outcome === 'issued' ? '已出票' : '未能购得'}：${text}`,
      link: detailLink(id),
      template: 'ticket_outcome',
      payload: { bookingId: id, outcome, text },
      now: nowIso,
    })
  })
  return detail(ctx, caller, id)
}

export async function revealIdCard(ctx: AuthedCtx, id: number, passengerId: number, purpose: string): Promise<{ idCard: string }> {
  const caller = callerOf(ctx)
  const booking = await visibleBooking(ctx, caller, id)
  const trip = await repo.tripOf(ctx.db, id)
  const passenger = trip?.passengers.find((p) => p.id === passengerId)
  if (!passenger) throw notFound('没有找到该乘车人')
  if (passenger.id_card_sealed === null) throw conflict('该身份证号已按规定删除')
  // Opened first: a value that does not open here (altered, or moved from another row) shows nobody anything.
  const idCard = sealerOf(ctx.config).open(passenger.id_card_sealed, repo.passengerPlace(id, passenger.position))
  const detail = { bookingId: id, purpose, residentId: booking.residentId }
  await audit(ctx.db, { actorId: caller.userId, action: 'appointments.revealIdCard', targetType: 'appt_passenger', targetId: passengerId, detail, at: ctx.clock().toISOString() })
  return { idCard }
}

export async function attention(ctx: AuthedCtx): Promise<BookingSummary[]> {
  return (await repo.attention(ctx.db, ctx.clock().toISOString())).map(toSummary)
}
