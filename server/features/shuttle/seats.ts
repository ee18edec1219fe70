// Seats: book 1–4 for the booker and people from 常用乘车人, wait when full, cancel all or some of the party, move
// to another run, and rebook after staff cancelled a run. Every change of seats goes through the capacity
// mechanism inside the transaction that records it; freed seats go to the waiting list in that same transaction.
import { blockFrom, blockMessage, noShowsMatterSince } from '../../core/no-show'
import { unusedCode } from '../../core/codes'
import { promotionVia, type Waiter } from '../../core/capacity'
import type { AuthedCtx, Services } from '../../core/context'
import { hasRole } from '../../core/context'
import { badInput, conflict, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import type { Db } from '../../db/connect'
import { pickCompanions } from '../account/companions'
import { notify } from '../messages/service'
import type { SeatBookingOut, seatInput, WaitOut } from './actions'
import { lineOf, nearestWithSeats, riderStops, windowFor, type Line } from './departures'
import { bookingDetail, passLink, waitDetail, when } from './present'
import * as repo from './repo'
import { seatRefusal, seatGuard, type Caller } from './rules'
import { shuttleSettings } from './settings'
import type { BookingRow, DepartureRow, StopRow } from './tables'
import { phaseOf } from './timetable'
import type { z } from 'zod'

const FULL = '该班次座位已满，可以加入候补'
const CHANGED = '该预约刚刚有变化，请刷新后再试'
const TWICE = '您已预约该班次，可在“我的乘车”中查看或修改'

export const callerOf = (ctx: AuthedCtx): Caller => ({ userId: ctx.actor.userId, staff: hasRole(ctx.actor, 'staff', 'admin') })

interface RiderIn {
  companionId: number | null
  name: string
  relation: string
}

interface Party {
  departure: DepartureRow
  line: Line
  stop: StopRow
  riders: RiderIn[]
}

async function departureOrMissing(db: Db, id: number): Promise<DepartureRow> {
  const d = await repo.departure(db, id)
  if (!d) throw notFound('没有找到该班次')
  return d
}

function stopOn(line: Line, stopId: number, field = 'stopId'): StopRow {
  const stop = riderStops(line).find((s) => s.id === stopId)
  if (!stop) throw badInput({ [field]: line.route.direction === 'to_station' ? '请选择上车站点' : '请选择下车站点' })
  return stop
}

async function partyOf(ctx: AuthedCtx, input: z.output<typeof seatInput>): Promise<Party> {
  const departure = await departureOrMissing(ctx.db, input.departureId)
  const line = await lineOf(ctx.db, departure.route_id)
  const stop = stopOn(line, input.stopId)
  const riders: RiderIn[] = []
  if (input.self) {
    const name = await repo.nameOf(ctx.db, ctx.actor.userId)
    if (!name) throw badInput({ self: '请先完善个人信息' })
    riders.push({ companionId: null, name, relation: '本人' })
  }
  for (const c of await pickCompanions(ctx.db, ctx.actor.userId, input.companionIds, 'companionIds')) {
    riders.push({ companionId: c.id, name: c.name, relation: c.relation })
  }
  return { departure, line, stop, riders }
}

/** Booking must be open for this rider's stop: the run scheduled, its window open. */
function mustBeOpen(party: Pick<Party, 'departure' | 'line' | 'stop'>, now: Date) {
  const d = party.departure
  if (d.state === 'cancelled') throw conflict('该班次已取消')
  if (d.state === 'departed') throw conflict('该班次已发车')
  const w = windowFor(party.line, d, party.stop)
  const phase = phaseOf(w, now)
  if (phase === 'not_open') throw conflict(`该班次${when(w.opensAt)}开放预约`)
  if (phase === 'closed') throw conflict(`该班次已于${when(w.closesAt)}截止预约`)
}

/** The no-show rule: too many runs missed lately and booking pauses for a while. */
export async function blockOf(services: Services, userId: number) {
  const rule = await shuttleSettings.read(services.db)
  const now = services.clock()
  const r = { limit: rule.noShowLimit, windowDays: rule.noShowWindowDays, blockDays: rule.noShowBlockDays }
  const b = blockFrom(await repo.noShowsOf(services.db, userId, noShowsMatterSince(r, now)), r, now)
  return b ? { until: b.until, message: blockMessage(b, true, '乘车预约') } : null
}

async function mustNotBeBlocked(ctx: AuthedCtx) {
  const b = await blockOf(ctx, ctx.actor.userId)
  if (b) throw conflict(b.message)
}

async function insertParty(db: Db, values: { departureId: number; userId: number; stopId: number; riders: RiderIn[]; trainNo: string | null; trainAt: string | null; fromWaitId: number | null; now: string }) {
  const id = await repo.insertBooking(db, {
    code: await unusedCode(async (c) => !!(await repo.bookingByCode(db, c))),
    departure_id: values.departureId,
    user_id: values.userId,
    stop_id: values.stopId,
    seats: values.riders.length,
    train_no: values.trainNo,
    train_at: values.trainAt,
    state: 'booked',
    created_at: values.now,
    updated_at: values.now,
    from_wait_id: values.fromWaitId,
  })
  await repo.insertRiders(db, id, values.riders)
  return id
}

/**
 * How freed seats reach the queue: each promoted entry becomes a booking with the riders it asked for, and its
 * person is told. `joining` catches the joiner itself promoted inside join() before its entry row exists.
 */
export const promotionFor = (services: Services, joining?: { waiter: Waiter | null }) => promotionVia(services.clock().toISOString(), repo.waitByWaiter, promoteWait, joining)

async function promoteWait(db: Db, w: NonNullable<Awaited<ReturnType<typeof repo.wait>>>, now: string) {
  const riders = JSON.parse(w.riders) as RiderIn[]
  const bookingId = await insertParty(db, { departureId: w.departure_id, userId: w.user_id, stopId: w.stop_id, riders, trainNo: w.train_no, trainAt: w.train_at, fromWaitId: w.id, now })
  await repo.setWaitBooking(db, w.id, bookingId)
  const [d, b] = [await repo.departure(db, w.departure_id), await repo.booking(db, bookingId)]
  const route = (await repo.route(db, d!.route_id))!.name
  await notify(db, {
    userId: w.user_id,
    title: '候补成功，已为您留座',
    body: `${when(d!.departs_at)}「${route}」已为您留座${riders.length}个，乘车码 ${b!.code}。不需要时请在“我的乘车”中取消，座位会留给下一位。`,
    link: passLink(bookingId),
    template: 'shuttle_promoted',
    payload: { bookingId, route, departsAt: d!.departs_at, seats: riders.length, code: b!.code },
    now,
  })
}

export async function book(ctx: AuthedCtx, input: z.output<typeof seatInput>): Promise<SeatBookingOut> {
  const party = await partyOf(ctx, input)
  mustBeOpen(party, ctx.clock())
  await mustNotBeBlocked(ctx)
  const userId = ctx.actor.userId
  const now = ctx.clock().toISOString()
  const promotion = promotionFor(ctx)
  try {
    const id = await ctx.db.transaction().execute(async (tx) => {
      // Booking outright ends the person's own wait for the same run.
      const waiting = await repo.waitingUserIn(tx, party.departure.id, userId)
      if (waiting) await ctx.capacity.leave(tx, waiting.waiter_id, promotion)
      await ctx.capacity.takeOrRefuse(tx, party.departure.unit_id, party.riders.length, FULL)
      return insertParty(tx, { departureId: party.departure.id, userId, stopId: party.stop.id, riders: party.riders, trainNo: input.trainNo ?? null, trainAt: input.trainAt ?? null, fromWaitId: null, now })
    })
    return bookingDetail(ctx, callerOf(ctx), id)
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(TWICE)
    throw err
  }
}

export async function joinWait(ctx: AuthedCtx, input: z.output<typeof seatInput>): Promise<WaitOut> {
  const party = await partyOf(ctx, input)
  mustBeOpen(party, ctx.clock())
  await mustNotBeBlocked(ctx)
  const userId = ctx.actor.userId
  if (await repo.liveBookingOn(ctx.db, party.departure.id, userId)) throw conflict(TWICE)
  const now = ctx.clock().toISOString()
  const joining = { waiter: null as Waiter | null }
  const id = await ctx.db.transaction().execute(async (tx) => {
    const waiter = await ctx.capacity.join(tx, party.departure.unit_id, userId, party.riders.length, promotionFor(ctx, joining))
    const waitId = await repo.insertWait(tx, {
      waiter_id: waiter.id,
      departure_id: party.departure.id,
      user_id: userId,
      stop_id: party.stop.id,
      train_no: input.trainNo ?? null,
      train_at: input.trainAt ?? null,
      riders: JSON.stringify(party.riders),
      created_at: now,
    })
    // Seats were free after all (someone cancelled meanwhile) and this party was next: it is booked now.
    if (joining.waiter?.id === waiter.id) await promoteWait(tx, (await repo.wait(tx, waitId))!, now)
    return waitId
  })
  return waitDetail(ctx, id)
}

async function ownWait(ctx: AuthedCtx, id: number) {
  const w = await repo.wait(ctx.db, id)
  if (!w || w.user_id !== ctx.actor.userId) throw notFound('没有找到该候补')
  return w
}

export async function leaveWait(ctx: AuthedCtx, id: number): Promise<WaitOut> {
  const w = await ownWait(ctx, id)
  const left = await ctx.db.transaction().execute((tx) => ctx.capacity.leave(tx, w.waiter_id, promotionFor(ctx)))
  if (!left) throw conflict('您已不在该班次的候补名单中')
  return waitDetail(ctx, id)
}

/** The booking as the caller may see it: their own, or any for staff; others' are answered as missing. */
export async function visibleBooking(ctx: AuthedCtx, caller: Caller, id: number): Promise<BookingRow> {
  const b = await repo.booking(ctx.db, id)
  if (!b || (b.user_id !== caller.userId && !caller.staff)) throw notFound('没有找到该乘车预约')
  return b
}

async function factsOf(ctx: AuthedCtx, b: BookingRow) {
  const d = (await repo.departure(ctx.db, b.departure_id))!
  const line = await lineOf(ctx.db, d.route_id)
  const stop = line.stops.find((s) => s.id === b.stop_id)!
  const facts = { state: b.state, userId: b.user_id, departureState: d.state, departsAt: d.departs_at, cancelUntil: windowFor(line, d, stop).cancelUntil }
  return { d, line, stop, facts }
}

export async function cancel(ctx: AuthedCtx, id: number, riderIds: number[] | undefined): Promise<SeatBookingOut> {
  const caller = callerOf(ctx)
  const b = await visibleBooking(ctx, caller, id)
  const { d, facts } = await factsOf(ctx, b)
  const refused = seatRefusal('cancel', caller, facts, ctx.clock())
  if (refused) throw conflict(refused.message)
  const booked = (await repo.ridersOf(ctx.db, [id])).filter((r) => r.state === 'booked')
  const wanted = riderIds ? [...new Set(riderIds)] : booked.map((r) => r.id)
  wanted.forEach((rid, i) => {
    if (!booked.some((r) => r.id === rid)) throw badInput({ [`riderIds.${i}`]: '该乘车人不在本预约中或已取消' })
  })
  const byStaff = b.user_id !== caller.userId
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    const n = await repo.setRiders(tx, wanted, 'booked', { state: 'cancelled' })
    if (n !== wanted.length) throw conflict(CHANGED)
    const left = b.seats - n
    const patch = left === 0 ? { seats: 0, state: 'cancelled' as const, cancelled_at: now, cancel_reason: byStaff ? '由社区工作人员取消' : null, updated_at: now } : { seats: left, updated_at: now }
    if (!(await repo.setBooking(tx, id, { from: seatGuard('cancel'), seats: b.seats }, patch))) throw conflict(CHANGED)
    await ctx.capacity.release(tx, d.unit_id, n, promotionFor(ctx))
    if (byStaff) {
      const route = (await repo.route(tx, d.route_id))!.name
      await notify(tx, {
        userId: b.user_id,
        title: '乘车预约已取消',
        body: `社区工作人员取消了您${when(d.departs_at)}「${route}」的${n}个座位。如有疑问请联系社区。`,
        link: passLink(id),
        template: 'shuttle_changed',
        payload: { bookingId: id, waitId: null, route, departsAt: d.departs_at, change: 'cancelled', note: null },
        now,
      })
    }
  })
  return bookingDetail(ctx, caller, id)
}

async function targetOn(ctx: AuthedCtx, routeId: number, departureId: number, currentId: number | null) {
  const target = await departureOrMissing(ctx.db, departureId)
  if (target.route_id !== routeId) throw badInput({ departureId: '只能改乘同一线路的班次' })
  if (target.id === currentId) throw badInput({ departureId: '请选择另一个班次' })
  return target
}

export async function move(ctx: AuthedCtx, id: number, departureId: number): Promise<SeatBookingOut> {
  const caller = callerOf(ctx)
  const b = await visibleBooking(ctx, caller, id)
  const { d, line, stop, facts } = await factsOf(ctx, b)
  const refused = seatRefusal('move', caller, facts, ctx.clock())
  if (refused) throw conflict(refused.message)
  const target = await targetOn(ctx, d.route_id, departureId, d.id)
  mustBeOpen({ departure: target, line, stop }, ctx.clock())
  const now = ctx.clock().toISOString()
  const promotion = promotionFor(ctx)
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const waiting = await repo.waitingUserIn(tx, target.id, b.user_id)
      if (waiting) await ctx.capacity.leave(tx, waiting.waiter_id, promotion)
      await ctx.capacity.takeOrRefuse(tx, target.unit_id, b.seats, '新的班次座位不足，原预约未变')
      if (!(await repo.setBooking(tx, id, { from: seatGuard('move'), seats: b.seats }, { departure_id: target.id, updated_at: now }))) throw conflict(CHANGED)
      await ctx.capacity.release(tx, d.unit_id, b.seats, promotion)
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(TWICE)
    throw err
  }
  return bookingDetail(ctx, caller, id)
}

/** After staff cancelled a run: the same riders and stop on another run of the route, as a new booking. */
export async function rebook(ctx: AuthedCtx, from: { bookingId?: number; waitId?: number }, departureId: number): Promise<SeatBookingOut> {
  const caller = callerOf(ctx)
  const userId = ctx.actor.userId
  let source: { departureId: number; stopId: number; riders: RiderIn[]; trainNo: string | null; trainAt: string | null }
  if (from.bookingId !== undefined) {
    const b = await visibleBooking(ctx, caller, from.bookingId)
    if (b.user_id !== userId) throw notFound('没有找到该乘车预约')
    const { facts } = await factsOf(ctx, b)
    const refused = seatRefusal('rebook', caller, facts, ctx.clock())
    if (refused) throw conflict(refused.message)
    if (b.rebooked_as !== null) throw conflict('该预约已改乘其他班次')
    const riders = (await repo.ridersOf(ctx.db, [b.id])).map((r) => ({ companionId: r.companion_id, name: r.name, relation: r.relation }))
    source = { departureId: b.departure_id, stopId: b.stop_id, riders, trainNo: b.train_no, trainAt: b.train_at }
  } else {
    const w = await ownWait(ctx, from.waitId!)
    const d = (await repo.departure(ctx.db, w.departure_id))!
    if (d.state !== 'cancelled') throw conflict('只有被取消班次的候补可以改乘')
    if (w.booking_id !== null) throw conflict('该候补已改乘其他班次')
    source = { departureId: w.departure_id, stopId: w.stop_id, riders: JSON.parse(w.riders) as RiderIn[], trainNo: w.train_no, trainAt: w.train_at }
  }
  const old = (await repo.departure(ctx.db, source.departureId))!
  const line = await lineOf(ctx.db, old.route_id)
  const stop = stopOn(line, source.stopId, 'bookingId')
  const target = await targetOn(ctx, old.route_id, departureId, old.id)
  mustBeOpen({ departure: target, line, stop }, ctx.clock())
  const now = ctx.clock().toISOString()
  try {
    const id = await ctx.db.transaction().execute(async (tx) => {
      await ctx.capacity.takeOrRefuse(tx, target.unit_id, source.riders.length, FULL)
      const newId = await insertParty(tx, { departureId: target.id, userId, stopId: stop.id, riders: source.riders, trainNo: source.trainNo, trainAt: source.trainAt, fromWaitId: null, now })
      // Once only: a second tap (or a second device) finds the source already rebooked and changes nothing.
      const marked =
        from.bookingId !== undefined
          ? await tx.updateTable('shuttle_bookings').set({ rebooked_as: newId }).where('id', '=', from.bookingId).where('rebooked_as', 'is', null).executeTakeFirst()
          : await tx.updateTable('shuttle_waits').set({ booking_id: newId }).where('id', '=', from.waitId!).where('booking_id', 'is', null).executeTakeFirst()
      if (Number(marked.numUpdatedRows) !== 1) throw conflict('该预约已改乘其他班次')
      return newId
    })
    return bookingDetail(ctx, caller, id)
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(TWICE)
    throw err
  }
}

/** The nearest runs with room for the party of a booking or a queue entry (after a cancellation or a change). */
export async function alternatives(ctx: AuthedCtx, from: { bookingId?: number; waitId?: number }) {
  const caller = callerOf(ctx)
  let departureId: number
  let seats: number
  if (from.bookingId !== undefined) {
    const b = await visibleBooking(ctx, caller, from.bookingId)
    departureId = b.departure_id
    seats = Math.max(1, b.state === 'cancelled' ? (await repo.ridersOf(ctx.db, [b.id])).length : b.seats)
  } else if (from.waitId !== undefined) {
    const w = await ownWait(ctx, from.waitId)
    departureId = w.departure_id
    seats = (JSON.parse(w.riders) as unknown[]).length
  } else {
    throw badInput({ bookingId: '请选择要改乘的预约' })
  }
  return nearestWithSeats(ctx, (await repo.departure(ctx.db, departureId))!, seats, ctx.actor.userId)
}
