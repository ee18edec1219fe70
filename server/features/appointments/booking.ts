// The resident's booking: book a slot (for themselves, or 代办 for a resident), see it, move it, cancel it.
// Places go through the shared capacity mechanism (server/core/capacity.ts): the conditional take and the
// booking row are written in one transaction, the unique index keeps one live booking per resident, service and
// day, and the pipeline's idempotency key makes a double tap one booking.
//
// In a rush most requests are refused, so a refusal costs only reads and is decided before any write: the slot's
// places right after the service, then the person's standing (a no-show block, a booking that day) in one read,
// so those refusals that say more than 「已约满」 still reach the people they apply to.
import type { z } from 'zod'
import { toPage, type Page } from '../../../common/paging'
import { maskIdCard } from '../../../common/idcard'
import { maskPhone } from '../../../common/mask'
import { addressText } from '../../../common/address'
import { localDay, startOfLocalDay } from '../../../common/time'
import { withFreshCode } from '../../core/codes'
import type { AuthedCtx, Services } from '../../core/context'
import { badInput, conflict, forbidden } from '../../core/errors'
import { sealerOf } from '../../core/id-cards'
import { blockFrom } from '../../core/no-show'
import { isUniqueViolation } from '../../core/unique'
import type { BookerRole } from '../../db/schema'
import { gridIdsOf, nameOf } from '../account/repo'
import { notify } from '../messages/service'
import { CHANGED, appointmentBlockMessage, beneficiary, callerOf, mustBeAllowed, noShowRuleOf, rulesOf, servedGrids, visibleBooking } from './access'
import type { BookingDetail, BookingSummary, ResidentOut, bookInput, tripInput } from './actions'
import { SCOPE, bookableFrom, planOf, today, unitKey, visibleService } from './catalog'
import { BOOKER, detail, detailLink, toSummary, when } from './present'
import * as repo from './repo'
import { guardStates } from './rules'
import { lastBookableDay, slotAt } from './slots'

const DAY_MS = 86_400_000
/** Tickets are bought for trips up to this many days ahead (beyond what railways sell, for flights). */
const TRIP_AHEAD_DAYS = 60

const FULL = '该时段已约满，请选择其他时段'
const SAME_DAY = (self: boolean) => `${self ? '您' : '该居民'}当天已预约过该服务，如需改时间请在“我的预约”中改约`

/** The slot a booking may take now: on the plan, within the booking window, not too soon. */
async function checkSlot(ctx: Services, service: repo.ServiceRow, start: string, field: string) {
  const now = ctx.clock()
  const day = localDay(start)
  if (day < today(now) || day > lastBookableDay(now, service.book_ahead_days)) {
    throw badInput({ [field]: `只能预约今天起${service.book_ahead_days}天内的时段` })
  }
  const plan = await planOf(ctx.db, service, day)
  const slot = slotAt(plan, start)
  if (!slot) throw badInput({ [field]: '该时段不开放预约，请重新选择' })
  if (Date.parse(slot.start) < bookableFrom(service, now)) throw badInput({ [field]: '该时段已过预约截止时间，请选择更晚的时段' })
  return { ...slot, day }
}

function checkTrip(service: repo.ServiceRow, trip: z.output<typeof tripInput> | undefined, now: Date) {
  if (service.kind !== 'ticket') {
    if (trip) throw badInput({ trip: '该服务无需填写行程' })
    return undefined
  }
  if (!trip) throw badInput({ trip: '请填写出行信息' })
  if (trip.travelDate < today(now)) throw badInput({ 'trip.travelDate': '出行日期不能早于今天' })
  if (trip.travelDate > lastBookableDay(now, TRIP_AHEAD_DAYS)) throw badInput({ 'trip.travelDate': `出行日期应在${TRIP_AHEAD_DAYS}天以内` })
  if (trip.from === trip.to) throw badInput({ 'trip.to': '到达站不能与出发站相同' })
  const seen = new Set<string>()
  trip.passengers.forEach((p, i) => {
    if (seen.has(p.idCard)) throw badInput({ [`trip.passengers.${i}.idCard`]: '乘车人身份证号重复' })
    seen.add(p.idCard)
  })
  return trip
}

export async function book(ctx: AuthedCtx, input: z.output<typeof bookInput>): Promise<BookingDetail> {
  const { db } = ctx
  const caller = callerOf(ctx)
  const start = new Date(input.start).toISOString()
  const key = unitKey(input.serviceId, start)
  // The service and the slot's places in one read: in a rush most requests are for a full slot.
  const found = await repo.serviceWithUsage(db, input.serviceId, SCOPE, key.ref)
  const service = visibleService(ctx, found)
  if (service.active !== 1) throw conflict('该服务已停办')
  const full = found!.unitTaken !== null && found!.unitPlaces !== null && found!.unitTaken >= found!.unitPlaces
  const now = ctx.clock()
  const self = input.forResidentId === undefined || input.forResidentId === caller.userId
  // A full slot is refused before anything else is read about a resident booking for themselves, except what
  // says more than 「已约满」 to those it applies to: a no-show block, a booking of the service that day.
  const standing = async (residentId: number, asSelf: boolean) => {
    const s = await repo.standingOf(db, residentId, service.id, localDay(start))
    // Without a no-show there is no block, and the rule's numbers need not be read.
    const block = s.noShows.length ? blockFrom(s.noShows, noShowRuleOf(await rulesOf(db)), now) : null
    if (block) throw forbidden(appointmentBlockMessage(block, asSelf))
    if (s.bookedThatDay) throw conflict(SAME_DAY(asSelf))
  }
  if (full && self) {
    await standing(caller.userId, true)
    throw conflict(FULL)
  }
  const { person, role } = await beneficiary(ctx, caller, input.forResidentId)
  await standing(person.id, role === 'resident')
  if (full) throw conflict(FULL)

  const slot = await checkSlot(ctx, service, input.start, 'start')
  const trip = checkTrip(service, input.trip, now)
  const asSelf = role === 'resident'
  const sealer = trip ? sealerOf(ctx.config) : undefined
  const idPurgeDays = trip ? (await rulesOf(db)).idPurgeDays : 0
  const nowIso = now.toISOString()
  const bookerName = asSelf ? null : await nameOf(db, caller.userId)
  try {
    const id = await withFreshCode(
      (code) =>
        db.transaction().execute(async (tx) => {
          const unitId = await ctx.capacity.unitFor(tx, key, service.places)
          await ctx.capacity.takeOrRefuse(tx, unitId, 1, FULL)
          const bookingId = await repo.insertBooking(tx, {
            code,
            service_id: service.id,
            resident_id: person.id,
            booked_by: caller.userId,
            booked_by_role: role,
            day: slot.day,
            starts_at: slot.start,
            ends_at: slot.end,
            unit_id: unitId,
            status: 'booked',
            created_at: nowIso,
            updated_at: nowIso,
          })
          if (trip && sealer) {
            await repo.insertTrip(
              tx,
              bookingId,
              {
                travelDate: trip.travelDate,
                from: trip.from,
                to: trip.to,
                preference: trip.preference || null,
                purgeAfter: localDay(startOfLocalDay(trip.travelDate)!.getTime() + idPurgeDays * DAY_MS),
                idCardConsentAt: nowIso,
              },
              trip.passengers.map((p, i) => ({ name: p.name, sealed: sealer.seal(p.idCard, repo.passengerPlace(bookingId, i + 1)), masked: maskIdCard(p.idCard) })),
            )
          }
          if (!asSelf) {
            await notify(tx, {
              userId: person.id,
              title: '已为您预约',
              body: `${BOOKER[role](bookerName)}为您预约了${when(slot.start)}的「${service.name}」，预约码会显示在“我的预约”中。`,
              link: detailLink(bookingId),
              template: 'appointment_booked',
              payload: { bookingId, service: service.name, startsAt: slot.start },
              now: nowIso,
            })
          }
          return bookingId
        }),
      // The one-a-day index (someone booked that day meanwhile), or a code drawn twice: only the latter is retried.
      async () => !(await repo.hasLiveBookingOn(db, person.id, service.id, slot.day)),
    )
    return detail(ctx, caller, id)
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(SAME_DAY(asSelf))
    throw err
  }
}

export async function cancel(ctx: AuthedCtx, id: number, reason: string | undefined): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  const row = await visibleBooking(ctx, caller, id)
  const now = ctx.clock()
  mustBeAllowed('cancel', caller, row, now)
  const byStaff = caller.staff && row.residentId !== caller.userId && row.bookedById !== caller.userId
  if (byStaff && !reason) throw badInput({ reason: '请填写取消原因，会告知居民' })
  const role: BookerRole = row.residentId === caller.userId ? 'resident' : caller.staff ? 'staff' : 'grid_worker'
  const nowIso = now.toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    const done = await repo.setStatus(tx, id, guardStates('cancel'), { status: 'cancelled', cancelled_at: nowIso, cancel_reason: reason || null, cancelled_by_role: role }, nowIso)
    if (!done) throw conflict(CHANGED)
    await ctx.capacity.release(tx, row.unitId, 1)
    // The passengers' ID numbers were only for buying the ticket.
    await repo.purgeIdCards(tx, { bookingIds: [id] }, nowIso)
    if (role !== 'resident') {
      await notify(tx, {
        userId: row.residentId,
        title: '您的预约已取消',
        body: `${when(row.startsAt)}的「${row.serviceName}」已由${role === 'staff' ? '社区工作人员' : '网格员'}取消${reason ? `：${reason}` : '。'}`,
        link: detailLink(id),
        template: 'appointment_changed',
        payload: { bookingId: id, service: row.serviceName, startsAt: row.startsAt, change: 'cancelled' },
        now: nowIso,
      })
    }
  })
  return detail(ctx, caller, id)
}

export async function reschedule(ctx: AuthedCtx, id: number, start: string): Promise<BookingDetail> {
  const { db } = ctx
  const caller = callerOf(ctx)
  const row = await visibleBooking(ctx, caller, id)
  const now = ctx.clock()
  mustBeAllowed('reschedule', caller, row, now)
  const service = await repo.serviceById(db, row.serviceId)
  if (!service || service.active !== 1) throw conflict('该服务已停办，不能改约')
  const slot = await checkSlot(ctx, service, start, 'start')
  if (Date.parse(slot.start) === Date.parse(row.startsAt)) throw badInput({ start: '新时段与原时段相同' })
  const key = unitKey(service.id, slot.start)
  const nowIso = now.toISOString()
  const self = row.residentId === caller.userId
  try {
    // Atomic: the new place is taken and the old one freed, or neither happens.
    await db.transaction().execute(async (tx) => {
      const unitId = await ctx.capacity.unitFor(tx, key, service.places)
      await ctx.capacity.takeOrRefuse(tx, unitId, 1, FULL)
      if (!(await repo.moveBooking(tx, id, { day: slot.day, startsAt: slot.start, endsAt: slot.end, unitId }, nowIso))) throw conflict(CHANGED)
      await ctx.capacity.release(tx, row.unitId, 1)
      if (!self) {
        await notify(tx, {
          userId: row.residentId,
          title: '您的预约时间已调整',
          body: `「${row.serviceName}」由${when(row.startsAt)}改为${when(slot.start)}。`,
          link: detailLink(id),
          template: 'appointment_changed',
          payload: { bookingId: id, service: row.serviceName, startsAt: slot.start, change: 'rescheduled' },
          now: nowIso,
        })
      }
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(SAME_DAY(self))
    throw err
  }
  return detail(ctx, caller, id)
}

export async function get(ctx: AuthedCtx, id: number): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  await visibleBooking(ctx, caller, id)
  return detail(ctx, caller, id)
}

export async function mine(ctx: AuthedCtx, page: number, pageSize: number): Promise<Page<BookingSummary>> {
  const { items, total } = await repo.bookingsOfResident(ctx.db, ctx.actor.userId, ctx.clock().toISOString(), page, pageSize)
  return toPage(items.map(toSummary), total, page, pageSize)
}

export async function madeByMe(ctx: AuthedCtx, page: number, pageSize: number): Promise<Page<BookingSummary & { residentName: string }>> {
  const { items, total } = await repo.bookingsMadeBy(ctx.db, ctx.actor.userId, await servedGrids(ctx, callerOf(ctx)), page, pageSize)
  return toPage(items.map((r) => ({ ...toSummary(r), residentName: r.residentName ?? '居民' })), total, page, pageSize)
}

/** 代办: the residents of the grid worker's own grids, to book for. */
export async function gridResidents(ctx: AuthedCtx, q: string): Promise<ResidentOut[]> {
  const rows = await repo.residentsOfGrids(ctx.db, await gridIdsOf(ctx.db, ctx.actor.userId), q)
  return rows.map((r) => ({ id: r.id, name: r.name ?? '居民', phone: maskPhone(r.phone), address: addressText(r) }))
}
