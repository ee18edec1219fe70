// 办事预约 rules. Places go through the shared capacity mechanism (server/core/capacity.ts): the conditional take
// and the booking row are written in one transaction, the unique index keeps one live booking per resident,
// service and day, and the pipeline's idempotency key makes a double tap one booking. Who may see a booking: the
// resident it is for, whoever booked it for them (代办), and staff; anyone else gets 404.
import { randomInt } from 'node:crypto'
import type { z } from 'zod'
import type { Page } from '../../../common/paging'
import { maskIdCard } from '../../../common/idcard'
import { maskPhone } from '../../../common/mask'
import { formatDate, local, localDay, startOfLocalDay } from '../../../common/time'
import { audit } from '../../core/audit'
import * as capacity from '../../core/capacity'
import { hasRole, type AuthedCtx, type Services } from '../../core/context'
import { badInput, conflict, forbidden, notFound } from '../../core/errors'
import { sealerOf } from '../../core/id-cards'
import { isUniqueViolation } from '../../core/unique'
import type { Db } from '../../db/connect'
import type { BookerRole } from '../../db/schema'
import { gridIdsOf } from '../account/repo'
import { notify } from '../messages/service'
import {
  CODE_ALPHABET,
  type BlockOut,
  type BookingDetail,
  type BookingSummary,
  type ClosureOut,
  type DayOut,
  type DeskDay,
  type DeskSlot,
  type ResidentOut,
  type Rules,
  type ServiceAdminOut,
  type ServiceOut,
  type SlotOut,
  type bookInput,
  type serviceInput,
  type tripInput,
} from './actions'
import * as repo from './repo'
import { closedAllDay, daysFrom, lastBookableDay, minutesOf, slotAt, slotsOn, type Plan } from './slots'
import { addressText } from '../../../common/address'
import { linkTo } from '../../../common/routes'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
const SCOPE = 'appointment'
/** Tickets are bought for trips up to this many days ahead (beyond what railways sell, for flights). */
const TRIP_AHEAD_DAYS = 60

export const detailLink = (id: number) => linkTo('apptDetail', { id })
const unitKey = (serviceId: number, start: string): capacity.UnitKey => ({ scope: SCOPE, ref: `${serviceId}@${start}` })

// ---------------------------------------------------------------- services and plans

function toService(r: repo.ServiceRow): ServiceOut {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    checklist: JSON.parse(r.checklist) as string[],
    kind: r.kind,
    notice: r.notice,
    durationMinutes: r.duration_minutes,
    places: r.places,
    bookAheadDays: r.book_ahead_days,
    minNoticeMinutes: r.min_notice_minutes,
    cancelCutoffMinutes: r.cancel_cutoff_minutes,
    active: r.active === 1,
  }
}

async function planOf(db: Db, service: repo.ServiceRow, fromDay: string): Promise<Plan> {
  const [hours, closures] = await Promise.all([repo.hoursOf(db, [service.id]), repo.closuresFor(db, service.id, fromDay)])
  return { durationMinutes: service.duration_minutes, hours, closures }
}

async function serviceFor(ctx: AuthedCtx, id: number): Promise<repo.ServiceRow> {
  const service = await repo.serviceById(ctx.db, id)
  // A service staff switched off is gone for residents; staff still see it.
  if (!service || (service.active !== 1 && !hasRole(ctx.actor, 'staff', 'admin'))) throw notFound('没有找到该服务项目，可能已停办')
  return service
}

export async function services(ctx: AuthedCtx): Promise<ServiceOut[]> {
  return (await repo.services(ctx.db, true)).map(toService)
}

const today = (now: Date) => localDay(now)
const bookableFrom = (service: repo.ServiceRow, now: Date) => now.getTime() + service.min_notice_minutes * MINUTE_MS

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

// ---------------------------------------------------------------- no-show rule

async function rulesOf(db: Db): Promise<Rules> {
  return repo.rules(db)
}

/** 3 no-shows within 90 days block new bookings for 30 days after the one that reached the limit (configurable). */
export function blockFrom(noShows: string[], rules: Rules, now: Date): BlockOut | null {
  const times = noShows.map((t) => Date.parse(t)).sort((a, b) => a - b)
  let until = 0
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!
    const inWindow = times.filter((x) => x <= t && x > t - rules.noShowWindowDays * DAY_MS).length
    if (inWindow >= rules.noShowLimit) until = Math.max(until, t + rules.noShowBlockDays * DAY_MS)
  }
  if (until <= now.getTime()) return null
  const recent = times.filter((x) => x > now.getTime() - rules.noShowWindowDays * DAY_MS).length
  return { until: new Date(until).toISOString(), noShows: recent }
}

async function blockOf(ctx: Services, residentId: number): Promise<BlockOut | null> {
  const rules = await rulesOf(ctx.db)
  const now = ctx.clock()
  const since = new Date(now.getTime() - (rules.noShowWindowDays + rules.noShowBlockDays) * DAY_MS).toISOString()
  return blockFrom(await repo.noShowsSince(ctx.db, residentId, since), rules, now)
}

const blockMessage = (b: BlockOut, self: boolean) =>
  `${self ? '您' : '该居民'}近期有${b.noShows}次预约未到场，${formatDate(b.until)} ${local(b.until).format('HH:mm')}前暂停预约`

// ---------------------------------------------------------------- who is asking

interface Caller {
  userId: number
  staff: boolean
  worker: boolean
}

const callerOf = (ctx: AuthedCtx): Caller => ({
  userId: ctx.actor.userId,
  staff: hasRole(ctx.actor, 'staff', 'admin'),
  worker: hasRole(ctx.actor, 'grid_worker'),
})

type Row = repo.BookingRow

async function visibleBooking(ctx: AuthedCtx, caller: Caller, id: number): Promise<Row> {
  const row = await repo.bookingById(ctx.db, id)
  if (!row || !(caller.staff || row.residentId === caller.userId || row.bookedById === caller.userId)) throw notFound('没有找到该预约')
  return row
}

const BOOKER: Record<BookerRole, (name: string | null) => string> = {
  resident: () => '',
  grid_worker: (name) => `网格员 ${name ?? ''}`.trim(),
  staff: () => '社区工作人员',
}

function bookedByOf(r: Pick<Row, 'bookedByRole' | 'bookedByName' | 'bookedById' | 'residentId'>): string | null {
  if (r.bookedByRole === 'resident' || r.bookedById === r.residentId) return null
  return `${BOOKER[r.bookedByRole](r.bookedByName)}代办`
}

/** Until when the resident (or their booker) may cancel or move it: the service's cut-off before the start. */
const changeUntil = (r: Pick<Row, 'startsAt' | 'cancelCutoffMinutes'>) => new Date(Date.parse(r.startsAt) - r.cancelCutoffMinutes * MINUTE_MS)

function toSummary(r: Row): BookingSummary {
  return {
    id: r.id,
    code: r.code,
    serviceId: r.serviceId,
    serviceName: r.serviceName,
    kind: r.kind,
    day: r.day,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    status: r.status,
    displaced: r.displacedAt !== null && (r.status === 'booked' || r.status === 'checked_in'),
    bookedBy: bookedByOf(r),
    ticketOutcome: r.ticketOutcome,
  }
}

/** What the caller may do, so the client shows only buttons that work; the acts check the same again. */
function abilities(r: Row, caller: Caller, now: Date) {
  const mine = r.residentId === caller.userId || r.bookedById === caller.userId
  const beforeCutoff = now < changeUntil(r) || (r.displacedAt !== null && now.getTime() < Date.parse(r.startsAt))
  const booked = r.status === 'booked'
  return {
    cancel: booked && (caller.staff || (mine && beforeCutoff)),
    reschedule: booked && (caller.staff || (mine && beforeCutoff)),
    checkIn: caller.staff && booked && r.day === today(now),
    finish: caller.staff && (r.status === 'checked_in' || (booked && r.day <= today(now))),
    recordTicket: caller.staff && r.kind === 'ticket' && r.status !== 'cancelled',
    revealIdCard: caller.staff && r.kind === 'ticket',
  }
}

async function detail(ctx: AuthedCtx, caller: Caller, id: number): Promise<BookingDetail> {
  const { db } = ctx
  const row = await repo.bookingById(db, id)
  if (!row) throw notFound('没有找到该预约')
  const [trip, person] = await Promise.all([repo.tripOf(db, id), caller.staff || row.bookedById === caller.userId ? repo.personOf(db, row.residentId) : undefined])
  const showPerson = person && person.deletedAt === null && row.residentId !== caller.userId
  return {
    ...toSummary(row),
    checklist: JSON.parse(row.checklist) as string[],
    notice: row.notice,
    resident: showPerson
      ? {
          name: person.name ?? '居民',
          phone: maskPhone(person.phone),
          address: addressText(person),
        }
      : null,
    trip: trip
      ? {
          travelDate: trip.trip.travel_date,
          from: trip.trip.from_station,
          to: trip.trip.to_station,
          preference: trip.trip.preference,
          passengers: trip.passengers.map((p) => ({ id: p.id, name: p.name, idCard: p.id_card_masked, purged: p.id_card_sealed === null })),
          outcome: trip.trip.outcome,
          outcomeText: trip.trip.outcome_text,
          outcomeAt: trip.trip.outcome_at,
        }
      : null,
    createdAt: row.createdAt,
    checkedInAt: row.checkedInAt,
    finishedAt: row.finishedAt,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    changeUntil: changeUntil(row).toISOString(),
    can: abilities(row, caller, ctx.clock()),
  }
}

export async function get(ctx: AuthedCtx, id: number): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  await visibleBooking(ctx, caller, id)
  return detail(ctx, caller, id)
}

export async function mine(ctx: AuthedCtx, page: number, pageSize: number): Promise<Page<BookingSummary>> {
  const { items, total } = await repo.bookingsOfResident(ctx.db, ctx.actor.userId, ctx.clock().toISOString(), page, pageSize)
  return { items: items.map(toSummary), total, page, pageSize, hasMore: page * pageSize < total }
}

export async function madeByMe(ctx: AuthedCtx, page: number, pageSize: number): Promise<Page<BookingSummary & { residentName: string }>> {
  const { items, total } = await repo.bookingsMadeBy(ctx.db, ctx.actor.userId, page, pageSize)
  return { items: items.map((r) => ({ ...toSummary(r), residentName: r.residentName ?? '居民' })), total, page, pageSize, hasMore: page * pageSize < total }
}

// ---------------------------------------------------------------- booking

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

function newCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
}

/** Whom the booking is for: the caller, or (代办) a resident of the caller's own grid; staff may book for anyone. */
async function beneficiary(ctx: AuthedCtx, caller: Caller, forResidentId: number | undefined) {
  const self = forResidentId === undefined || forResidentId === caller.userId
  const person = await repo.personOf(ctx.db, self ? caller.userId : forResidentId)
  if (self) {
    if (!person?.gridId) throw forbidden('请先登记住户信息，再预约')
    return { person, role: 'resident' as const }
  }
  if (!caller.worker && !caller.staff) throw forbidden('只有网格员和社区工作人员可以代办预约')
  if (!person || person.deletedAt !== null || !person.gridId) throw badInput({ forResidentId: '没有找到该居民' })
  if (!caller.staff && !(await gridIdsOf(ctx.db, caller.userId)).includes(person.gridId)) {
    throw badInput({ forResidentId: '只能为本网格的居民代办预约' })
  }
  return { person, role: caller.staff ? ('staff' as const) : ('grid_worker' as const) }
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

const FULL = '该时段已约满，请选择其他时段'
const SAME_DAY = (self: boolean) => `${self ? '您' : '该居民'}当天已预约过该服务，如需改时间请在“我的预约”中改约`

export async function book(ctx: AuthedCtx, input: z.output<typeof bookInput>): Promise<BookingDetail> {
  const { db } = ctx
  const caller = callerOf(ctx)
  const service = await serviceFor(ctx, input.serviceId)
  if (service.active !== 1) throw conflict('该服务已停办')
  const { person, role } = await beneficiary(ctx, caller, input.forResidentId)
  const self = role === 'resident'
  const now = ctx.clock()
  const slot = await checkSlot(ctx, service, input.start, 'start')
  const trip = checkTrip(service, input.trip, now)
  const block = await blockOf(ctx, person.id)
  if (block) throw forbidden(blockMessage(block, self))

  // A friendly early answer for the common case; the conditional take below is what actually decides.
  const key = unitKey(service.id, slot.start)
  const usage = (await ctx.capacity.usageOf(db, SCOPE, [key.ref])).get(key.ref)
  if (usage && usage.left <= 0) throw conflict(FULL)
  const unitId = await ctx.capacity.unitFor(db, key, service.places)

  const rules = trip ? await rulesOf(db) : undefined
  const sealer = trip ? sealerOf(ctx.config) : undefined
  const nowIso = now.toISOString()
  for (let attempt = 0; ; attempt++) {
    try {
      const id = await db.transaction().execute(async (tx) => {
        await ctx.capacity.takeOrRefuse(tx, unitId, 1, FULL)
        const bookingId = await repo.insertBooking(tx, {
          code: newCode(),
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
        if (trip && rules && sealer) {
          await repo.insertTrip(
            tx,
            bookingId,
            {
              travelDate: trip.travelDate,
              from: trip.from,
              to: trip.to,
              preference: trip.preference || null,
              purgeAfter: localDay(startOfLocalDay(trip.travelDate)!.getTime() + rules.idPurgeDays * DAY_MS),
            },
            trip.passengers.map((p) => ({ name: p.name, sealed: sealer.seal(p.idCard), masked: maskIdCard(p.idCard) })),
          )
        }
        if (!self) {
          await notify(tx, {
            userId: person.id,
            title: '已为您预约',
            body: `${BOOKER[role](await nameOf(tx, caller.userId))}为您预约了${when(slot.start)}的「${service.name}」，预约码会显示在“我的预约”中。`,
            link: detailLink(bookingId),
            template: 'appointment_booked',
            payload: { bookingId, service: service.name, startsAt: slot.start },
            now: nowIso,
          })
        }
        return bookingId
      })
      return detail(ctx, caller, id)
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
      // The one-a-day index, or (once in a blue moon) a code drawn twice: only the latter is worth another try.
      const live = await db
        .selectFrom('appt_bookings')
        .select('id')
        .where('service_id', '=', service.id)
        .where('resident_id', '=', person.id)
        .where('day', '=', slot.day)
        .where('status', 'in', repo.LIVE)
        .executeTakeFirst()
      if (live || attempt >= 2) throw conflict(SAME_DAY(self))
    }
  }
}

async function nameOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst()
  return row?.name ?? null
}

/** 12月1日（周二）09:00 */
const when = (instant: string) => local(instant).format('M月D日（ddd）HH:mm')

// ---------------------------------------------------------------- cancel and reschedule

function mayChange(row: Row, caller: Caller, now: Date, act: '取消' | '改约') {
  if (row.status !== 'booked') throw conflict(row.status === 'cancelled' ? '该预约已取消' : `该预约已${row.status === 'checked_in' ? '签到' : '结束'}，不能${act}`)
  if (caller.staff) return
  const can = abilities(row, caller, now)
  if (!can.cancel) throw conflict(`已过${act}截止时间（开始前${row.cancelCutoffMinutes}分钟），如需${act}请联系社区`)
}

export async function cancel(ctx: AuthedCtx, id: number, reason: string | undefined): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  const row = await visibleBooking(ctx, caller, id)
  const now = ctx.clock()
  mayChange(row, caller, now, '取消')
  const byStaff = caller.staff && row.residentId !== caller.userId && row.bookedById !== caller.userId
  if (byStaff && !reason) throw badInput({ reason: '请填写取消原因，会告知居民' })
  const role: BookerRole = row.residentId === caller.userId ? 'resident' : caller.staff ? 'staff' : 'grid_worker'
  const nowIso = now.toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    const done = await repo.setStatus(tx, id, 'booked', { status: 'cancelled', cancelled_at: nowIso, cancel_reason: reason || null, cancelled_by_role: role }, nowIso)
    if (!done) throw conflict('预约刚刚有了变化，请刷新后重试')
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
  mayChange(row, caller, now, '改约')
  const service = await repo.serviceById(db, row.serviceId)
  if (!service || service.active !== 1) throw conflict('该服务已停办，不能改约')
  const slot = await checkSlot(ctx, service, start, 'start')
  if (Date.parse(slot.start) === Date.parse(row.startsAt)) throw badInput({ start: '新时段与原时段相同' })
  const key = unitKey(service.id, slot.start)
  const unitId = await ctx.capacity.unitFor(db, key, service.places)
  const nowIso = now.toISOString()
  const self = row.residentId === caller.userId
  try {
    // Atomic: the new place is taken and the old one freed, or neither happens.
    await db.transaction().execute(async (tx) => {
      await ctx.capacity.takeOrRefuse(tx, unitId, 1, FULL)
      if (!(await repo.moveBooking(tx, id, { day: slot.day, startsAt: slot.start, endsAt: slot.end, unitId }, nowIso))) {
        throw conflict('预约刚刚有了变化，请刷新后重试')
      }
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

// ---------------------------------------------------------------- 代办

export async function gridResidents(ctx: AuthedCtx, q: string): Promise<ResidentOut[]> {
  const rows = await repo.residentsOfGrids(ctx.db, await gridIdsOf(ctx.db, ctx.actor.userId), q)
  return rows.map((r) => ({ id: r.id, name: r.name ?? '居民', phone: maskPhone(r.phone), address: addressText(r) }))
}

// ---------------------------------------------------------------- the window's day

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
  if (row.status === 'checked_in') throw conflict(`${row.code} 已于 ${local(row.checkedInAt!).format('HH:mm')} 签到`)
  if (row.status !== 'booked') throw conflict(row.status === 'cancelled' ? '该预约已取消' : '该预约已结束')
  if (row.day !== today(now)) throw conflict(`该预约是${formatDate(row.startsAt)}的，不是今天`)
  const nowIso = now.toISOString()
  if (!(await repo.setStatus(ctx.db, row.id, 'booked', { status: 'checked_in', checked_in_at: nowIso }, nowIso))) {
    throw conflict('预约刚刚有了变化，请刷新后重试')
  }
  return detail(ctx, caller, row.id)
}

export async function finish(ctx: AuthedCtx, id: number, outcome: 'done' | 'no_show'): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  const row = await visibleBooking(ctx, caller, id)
  const now = ctx.clock()
  const nowIso = now.toISOString()
  if (outcome === 'no_show') {
    if (row.status !== 'booked') throw conflict(row.status === 'checked_in' ? '该居民已签到，不能标记未到' : '该预约已结束或已取消')
    if (now.getTime() < Date.parse(row.startsAt)) throw conflict('预约时间还没到，不能标记未到')
    const rules = await rulesOf(ctx.db)
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await repo.setStatus(tx, id, 'booked', { status: 'no_show', finished_at: nowIso }, nowIso))) throw conflict('预约刚刚有了变化，请刷新后重试')
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
    if (row.status !== 'booked' && row.status !== 'checked_in') throw conflict('该预约已结束或已取消')
    if (row.day > today(now)) throw conflict('预约日还没到，不能办结')
    if (!(await repo.setStatus(ctx.db, id, row.status, { status: 'done', finished_at: nowIso }, nowIso))) throw conflict('预约刚刚有了变化，请刷新后重试')
  }
  return detail(ctx, caller, id)
}

export async function recordTicket(ctx: AuthedCtx, id: number, outcome: 'issued' | 'unavailable', text: string): Promise<BookingDetail> {
  const caller = callerOf(ctx)
  const row = await visibleBooking(ctx, caller, id)
  if (row.kind !== 'ticket') throw badInput({ outcome: '该预约不是购票代办' })
  if (row.status === 'cancelled') throw conflict('该预约已取消')
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

export async function revealIdCard(ctx: AuthedCtx, id: number, passengerId: number): Promise<{ idCard: string }> {
  const caller = callerOf(ctx)
  await visibleBooking(ctx, caller, id)
  const trip = await repo.tripOf(ctx.db, id)
  const passenger = trip?.passengers.find((p) => p.id === passengerId)
  if (!passenger) throw notFound('没有找到该乘车人')
  if (passenger.id_card_sealed === null) throw conflict('该身份证号已按规定删除')
  await audit(ctx.db, { actorId: caller.userId, action: 'appointments.revealIdCard', targetType: 'appt_passenger', targetId: passengerId, at: ctx.clock().toISOString() })
  return { idCard: sealerOf(ctx.config).open(passenger.id_card_sealed) }
}

export async function attention(ctx: AuthedCtx): Promise<BookingSummary[]> {
  return (await repo.attention(ctx.db, ctx.clock().toISOString())).map(toSummary)
}

// ---------------------------------------------------------------- plans

async function adminOut(db: Db, rows: repo.ServiceRow[]): Promise<ServiceAdminOut[]> {
  const hours = await repo.hoursOf(db, rows.map((r) => r.id))
  return rows.map((r) => ({
    ...toService(r),
    hours: hours.filter((h) => h.serviceId === r.id).map((h) => ({ weekday: h.weekday, starts: h.starts, ends: h.ends })),
  }))
}

export async function manage(ctx: AuthedCtx): Promise<ServiceAdminOut[]> {
  return adminOut(ctx.db, await repo.services(ctx.db, false))
}

function checkHours(input: z.output<typeof serviceInput>) {
  input.hours.forEach((h, i) => {
    if (minutesOf(h.ends) <= minutesOf(h.starts)) throw badInput({ [`hours.${i}.ends`]: '结束时间应晚于开始时间' })
    if (minutesOf(h.ends) - minutesOf(h.starts) < input.durationMinutes) throw badInput({ [`hours.${i}.ends`]: '开放时间短于一个时段' })
    const clash = input.hours.findIndex(
      (o, j) => j < i && o.weekday === h.weekday && minutesOf(o.starts) < minutesOf(h.ends) && minutesOf(h.starts) < minutesOf(o.ends),
    )
    if (clash >= 0) throw badInput({ [`hours.${i}.starts`]: '同一天的开放时间有重叠' })
  })
}

/**
 * After a plan change: bookings whose slot no longer exists are marked for staff and the residents told; those
 * whose slot came back are unmarked; future slots get the new number of places. Returns how many are displaced.
 */
async function reconcile(ctx: AuthedCtx, tx: Db, serviceIds: number[]): Promise<number> {
  const now = ctx.clock()
  const nowIso = now.toISOString()
  let displaced = 0
  for (const serviceId of serviceIds) {
    const service = await repo.serviceById(tx, serviceId)
    if (!service) continue
    const plan = await planOf(tx, service, today(now))
    const live = await repo.liveBookingsFrom(tx, serviceId, nowIso)
    const gone = live.filter((b) => !slotAt(plan, b.startsAt))
    const back = live.filter((b) => b.displacedAt !== null && slotAt(plan, b.startsAt))
    const fresh = gone.filter((b) => b.displacedAt === null)
    await repo.setDisplaced(tx, fresh.map((b) => b.id), nowIso, nowIso)
    await repo.setDisplaced(tx, back.map((b) => b.id), null, nowIso)
    for (const b of fresh) {
      await notify(tx, {
        userId: b.residentId,
        title: '预约时段有变动',
        body: `社区调整了「${service.name}」的开放安排，您${when(b.startsAt)}的预约时段已取消开放。请在“我的预约”中改约或取消，工作人员也会与您联系。`,
        link: detailLink(b.id),
        template: 'appointment_changed',
        payload: { bookingId: b.id, service: service.name, startsAt: b.startsAt, change: 'displaced' },
        now: nowIso,
      })
    }
    await tx
      .updateTable('capacity_units')
      .set({ places: service.places })
      .where('scope', '=', SCOPE)
      .where('ref', '>=', `${serviceId}@${nowIso}`)
      .where('ref', '<', `${serviceId}@~`)
      .execute()
    displaced += gone.length
  }
  return displaced
}

export async function saveService(ctx: AuthedCtx, input: z.output<typeof serviceInput>): Promise<{ service: ServiceAdminOut; displaced: number }> {
  checkHours(input)
  const { db } = ctx
  const clash = await repo.serviceByName(db, input.name)
  if (clash && clash.id !== input.id) throw badInput({ name: '已有同名的服务项目' })
  if (input.id !== undefined && !(await repo.serviceById(db, input.id))) throw notFound('没有找到该服务项目')
  const nowIso = ctx.clock().toISOString()
  const values = {
    name: input.name,
    description: input.description,
    checklist: JSON.stringify(input.checklist),
    kind: input.kind,
    notice: input.notice || null,
    duration_minutes: input.durationMinutes,
    places: input.places,
    book_ahead_days: input.bookAheadDays,
    min_notice_minutes: input.minNoticeMinutes,
    cancel_cutoff_minutes: input.cancelCutoffMinutes,
    active: input.active ? 1 : 0,
    updated_at: nowIso,
  }
  const result = await db.transaction().execute(async (tx) => {
    let id = input.id
    if (id === undefined) {
      const order = await tx.selectFrom('appt_services').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst()
      id = await repo.insertService(tx, { ...values, sort_order: Number(order?.m ?? 0) + 1, created_at: nowIso })
    } else {
      await repo.updateService(tx, id, values)
    }
    await repo.replaceHours(tx, id, input.hours)
    const displaced = await reconcile(ctx, tx, [id])
    await audit(tx, { actorId: ctx.actor.userId, action: 'appointments.saveService', targetType: 'appt_service', targetId: id, detail: { name: input.name }, at: nowIso })
    return { id, displaced }
  })
  const [service] = await adminOut(db, [(await repo.serviceById(db, result.id))!])
  return { service: service!, displaced: result.displaced }
}

async function closureList(db: Db, now: Date): Promise<ClosureOut[]> {
  return repo.allClosures(db, today(now))
}

export async function closures(ctx: AuthedCtx): Promise<ClosureOut[]> {
  return closureList(ctx.db, ctx.clock())
}

export async function addClosure(
  ctx: AuthedCtx,
  input: { serviceId?: number; day: string; starts?: string; ends?: string; reason: string },
): Promise<{ closures: ClosureOut[]; displaced: number }> {
  const now = ctx.clock()
  if (!startOfLocalDay(input.day)) throw badInput({ day: '停办日期无效' })
  if (input.day < today(now)) throw badInput({ day: '停办日期不能早于今天' })
  if ((input.starts === undefined) !== (input.ends === undefined)) throw badInput({ [input.starts ? 'ends' : 'starts']: '请同时填写开始和结束时间，或都不填（全天停办）' })
  if (input.starts && input.ends && minutesOf(input.ends) <= minutesOf(input.starts)) throw badInput({ ends: '结束时间应晚于开始时间' })
  if (input.serviceId !== undefined && !(await repo.serviceById(ctx.db, input.serviceId))) throw badInput({ serviceId: '没有找到该服务项目' })
  const nowIso = now.toISOString()
  const displaced = await ctx.db.transaction().execute(async (tx) => {
    await repo.insertClosure(tx, { serviceId: input.serviceId ?? null, day: input.day, starts: input.starts ?? null, ends: input.ends ?? null, reason: input.reason, by: ctx.actor.userId, now: nowIso })
    const ids = input.serviceId !== undefined ? [input.serviceId] : (await repo.services(tx, false)).map((s) => s.id)
    return reconcile(ctx, tx, ids)
  })
  return { closures: await closureList(ctx.db, now), displaced }
}

export async function removeClosure(ctx: AuthedCtx, id: number): Promise<{ closures: ClosureOut[]; displaced: number }> {
  const now = ctx.clock()
  const displaced = await ctx.db.transaction().execute(async (tx) => {
    const gone = await repo.deleteClosure(tx, id)
    if (!gone) throw notFound('没有找到该停办安排')
    const ids = gone.serviceId !== null ? [gone.serviceId] : (await repo.services(tx, false)).map((s) => s.id)
    return reconcile(ctx, tx, ids)
  })
  return { closures: await closureList(ctx.db, now), displaced }
}

export async function rules(ctx: AuthedCtx): Promise<Rules> {
  return rulesOf(ctx.db)
}

export async function setRules(ctx: AuthedCtx, r: Rules): Promise<Rules> {
  const nowIso = ctx.clock().toISOString()
  await repo.setRules(ctx.db, r, nowIso)
  await audit(ctx.db, { actorId: ctx.actor.userId, action: 'appointments.setRules', targetType: 'community', detail: r, at: nowIso })
  return rulesOf(ctx.db)
}

// ---------------------------------------------------------------- scheduled sweep

/** The day-before reminder goes out from 09:00 Beijing time on the previous day. */
export const REMIND_AT_MINUTES_BEFORE_DAY = 15 * 60

export interface AppointmentSweep {
  reminded: number
  purged: number
}

/**
 * Reminders for tomorrow's bookings and erasure of ID numbers whose keeping period ended. Each reminder is claimed
 * by a conditional update before it is written, so sweeps running at once on several servers send it once.
 */
export async function sweepAppointments(services: Services): Promise<AppointmentSweep> {
  const { db } = services
  const now = services.clock()
  const nowIso = now.toISOString()
  // Anything starting before the end of tomorrow may be due.
  const horizon = new Date(startOfLocalDay(localDay(now))!.getTime() + 2 * DAY_MS).toISOString()
  let reminded = 0
  for (const b of await repo.dueReminders(db, horizon, nowIso)) {
    const remindAt = startOfLocalDay(b.day)!.getTime() - REMIND_AT_MINUTES_BEFORE_DAY * MINUTE_MS
    if (now.getTime() < remindAt) continue
    await db.transaction().execute(async (tx) => {
      if (!(await repo.markReminded(tx, b.id, nowIso))) return
      // Booked after the reminder time (for tomorrow or today): they have just seen it; no reminder.
      if (Date.parse(b.createdAt) >= remindAt) return
      const checklist = (JSON.parse(b.checklist) as string[]).join('、')
      await notify(tx, {
        userId: b.residentId,
        title: '预约提醒',
        body: `您预约了${when(b.startsAt)}的「${b.serviceName}」，预约码 ${b.code}。${b.notice ? `${b.notice}。` : ''}请携带：${checklist}。`,
        link: detailLink(b.id),
        template: 'appointment_reminder',
        payload: { bookingId: b.id, service: b.serviceName, startsAt: b.startsAt, code: b.code },
        now: nowIso,
      })
      reminded++
    })
  }
  const purged = await repo.purgeIdCards(db, { purgeAfterBefore: localDay(now) }, nowIso)
  if (reminded || purged) services.log.info({ reminded, purged }, 'appointments sweep')
  return { reminded, purged }
}

// ---------------------------------------------------------------- personal data

export async function exportOf(db: Db, residentId: number) {
  const ids = await repo.bookingIdsOfResident(db, residentId)
  const out = []
  for (const id of ids) {
    const b = (await repo.bookingById(db, id))!
    const trip = await repo.tripOf(db, id)
    out.push({
      code: b.code,
      service: b.serviceName,
      startsAt: b.startsAt,
      status: b.status,
      bookedBy: bookedByOf(b),
      createdAt: b.createdAt,
      trip: trip
        ? {
            travelDate: trip.trip.travel_date,
            from: trip.trip.from_station,
            to: trip.trip.to_station,
            passengers: trip.passengers.map((p) => ({ name: p.name, idCard: p.id_card_masked })),
            outcome: trip.trip.outcome,
            outcomeText: trip.trip.outcome_text,
          }
        : null,
    })
  }
  return out
}

/** A deleted account holds no places and keeps no passengers' ID numbers. */
export async function forgetResident(tx: Db, residentId: number, nowIso: string) {
  for (const b of await repo.liveBookingsOfResident(tx, residentId)) {
    await repo.setStatus(tx, b.id, 'booked', { status: 'cancelled', cancelled_at: nowIso, cancel_reason: '居民已注销', cancelled_by_role: 'system' }, nowIso)
    await repo.setStatus(tx, b.id, 'checked_in', { status: 'cancelled', cancelled_at: nowIso, cancel_reason: '居民已注销', cancelled_by_role: 'system' }, nowIso)
    await capacity.release(tx, b.unitId, 1)
  }
  const ids = await repo.bookingIdsOfResident(tx, residentId)
  await repo.purgeIdCards(tx, { bookingIds: ids }, nowIso)
  await tx.deleteFrom('appt_passengers').where('booking_id', 'in', ids.length ? ids : [0]).execute()
}
