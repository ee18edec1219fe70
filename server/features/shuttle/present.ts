// How seat bookings and places in the queue look to the people who see them, with what the caller may do (rules.ts)
// and the links and times notices quote.
import { linkTo } from '../../../common/routes'
import { formatWhen } from '../../../common/time'
import type { AuthedCtx, Services } from '../../core/context'
import { notFound } from '../../core/errors'
import type { SeatBookingOut, WaitOut } from './actions'
import { lineOf, linesOf, mineOn, present, toStop, windowFor } from './departures'
import * as repo from './repo'
import { seatAbilities, type Caller } from './rules'
import type { BookingRow, RouteRow } from './tables'
import { atStop } from './timetable'

export const passLink = (id: number) => linkTo('shuttlePass', { id })
export const waitLink = (id: number) => linkTo('shuttleWait', { id })

/** 12月8日（周二）07:10 */
export const when = formatWhen

/** Bookings as their owner (or staff) sees them, in the order given. */
export async function bookingsOut(services: Services, caller: Caller, rows: BookingRow[]): Promise<SeatBookingOut[]> {
  if (rows.length === 0) return []
  const { db } = services
  const now = services.clock()
  const departures = await repo.departuresByIds(db, [...new Set(rows.map((b) => b.departure_id))])
  const shown = new Map((await present(services, departures, await mineOn(db, caller.userId, departures.map((d) => d.id)))).map((d) => [d.id, d]))
  const routes = await Promise.all([...new Set(departures.map((d) => d.route_id))].map((id) => repo.route(db, id)))
  const lines = await linesOf(db, routes.filter((r): r is RouteRow => r !== undefined))
  const riders = await repo.ridersOf(db, rows.map((b) => b.id))
  return rows.map((b) => {
    const d = departures.find((x) => x.id === b.departure_id)!
    const line = lines.get(d.route_id)!
    const stop = line.stops.find((s) => s.id === b.stop_id)!
    const cancelUntil = windowFor(line, d, stop).cancelUntil
    const can = seatAbilities(caller, { state: b.state, userId: b.user_id, departureState: d.state, departsAt: d.departs_at, cancelUntil }, now)
    return {
      id: b.id,
      code: b.code,
      state: b.state,
      seats: b.seats,
      departure: shown.get(d.id)!,
      stop: { ...toStop(stop), at: atStop(d.departs_at, stop.minutes) },
      riders: riders.filter((r) => r.booking_id === b.id).map((r) => ({ id: r.id, name: r.name, relation: r.relation, state: r.state, checkedInAt: r.checked_in_at })),
      trainNo: b.train_no,
      trainAt: b.train_at,
      cancelUntil,
      cancelReason: b.cancel_reason,
      fromWaitingList: b.from_wait_id !== null,
      can: { ...can, rebook: can.rebook && b.rebooked_as === null },
    }
  })
}

export async function bookingDetail(ctx: AuthedCtx, caller: Caller, id: number): Promise<SeatBookingOut> {
  const b = await repo.booking(ctx.db, id)
  if (!b || (b.user_id !== caller.userId && !caller.staff)) throw notFound('没有找到该乘车预约')
  return (await bookingsOut(ctx, caller, [b]))[0]!
}

type WaitRowWithQueue = Awaited<ReturnType<typeof repo.waitsOf>>[number]

export async function waitsOut(services: Services, userId: number, rows: WaitRowWithQueue[]): Promise<WaitOut[]> {
  if (rows.length === 0) return []
  const { db } = services
  const departures = await repo.departuresByIds(db, [...new Set(rows.map((w) => w.departure_id))])
  const shown = new Map((await present(services, departures, await mineOn(db, userId, departures.map((d) => d.id)))).map((d) => [d.id, d]))
  return Promise.all(
    rows.map(async (w) => {
      const d = departures.find((x) => x.id === w.departure_id)!
      const line = await lineOf(db, d.route_id)
      const stop = line.stops.find((s) => s.id === w.stop_id)!
      const riders = (JSON.parse(w.riders) as { name: string; relation: string }[]).map(({ name, relation }) => ({ name, relation }))
      const state = w.queue_state as WaitOut['state']
      return {
        id: w.id,
        state,
        position: await services.capacity.position(db, w.waiter_id),
        seats: w.quantity,
        departure: shown.get(d.id)!,
        stop: { ...toStop(stop), at: atStop(d.departs_at, stop.minutes) },
        riders,
        trainNo: w.train_no,
        bookingId: w.booking_id,
        can: { leave: state === 'waiting', rebook: d.state === 'cancelled' && w.booking_id === null },
      }
    }),
  )
}

export async function waitDetail(ctx: AuthedCtx, id: number): Promise<WaitOut> {
  const rows = (await repo.waitsOf(ctx.db, ctx.actor.userId)).filter((w) => w.id === id)
  if (rows.length === 0) throw notFound('没有找到该候补')
  return (await waitsOut(ctx, ctx.actor.userId, rows))[0]!
}

/** 我的乘车: what is coming (soonest first), the queue entries still open or just settled, and the recent past. */
export async function mine(ctx: AuthedCtx, caller: Caller) {
  const now = ctx.clock().getTime()
  const all = await bookingsOut(ctx, caller, await repo.bookingsOf(ctx.db, caller.userId))
  const live = (b: SeatBookingOut) => b.state === 'booked' && b.departure.status !== 'departed' && Date.parse(b.stop.at) > now - 30 * 60_000
  const upcoming = all.filter(live).sort((a, b) => a.departure.departsAt.localeCompare(b.departure.departsAt))
  const past = all.filter((b) => !live(b)).slice(0, 30)
  const waits = (await waitsOut(ctx, caller.userId, await repo.waitsOf(ctx.db, caller.userId))).filter(
    (w) => w.state === 'waiting' || (w.departure.status === 'cancelled' && w.bookingId === null && Date.parse(w.departure.departsAt) > now),
  )
  return { upcoming, waits, past }
}
