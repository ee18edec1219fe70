// Departures as people see them: made from the weekly patterns on first sight of a day, with seats left and the
// booking phase of each, the trains they fit, and the nearest ones with room when a departure is cancelled.
import { addDays, daysFrom, localDay } from '../../../common/time'
import type { AuthedCtx, Services } from '../../core/context'
import { badInput, notFound } from '../../core/errors'
import type { Db } from '../../db/connect'
import type { DepartureOut, DepartureStatus, StopOut } from './actions'
import * as repo from './repo'
import { shuttleSettings } from './settings'
import type { DepartureRow, Direction, RouteRow, StopRow } from './tables'
import { atStop, fitTrain, phaseOf, runsOn, windowOf, type BookingRules } from './timetable'

export const rulesOf = (r: RouteRow): BookingRules => ({
  openDaysAhead: r.open_days_ahead,
  openTime: r.open_time,
  closeMinutes: r.close_minutes,
  earlyBefore: r.early_before,
  earlyCloseTime: r.early_close_time,
  cancelMinutes: r.cancel_minutes,
})

export const toStop = (s: StopRow): StopOut => ({ id: s.id, position: s.position, name: s.name, minutes: s.minutes, latitude: s.latitude, longitude: s.longitude, waitNote: s.wait_note })

/** A route with its stops in order. */
export interface Line {
  route: RouteRow
  stops: StopRow[]
}

export async function linesOf(db: Db, routes: RouteRow[]): Promise<Map<number, Line>> {
  const stops = await repo.stopsOf(db, routes.map((r) => r.id))
  return new Map(routes.map((route) => [route.id, { route, stops: stops.filter((s) => s.route_id === route.id) }]))
}

export async function lineOf(db: Db, routeId: number): Promise<Line> {
  const route = await repo.route(db, routeId)
  if (!route) throw notFound('没有找到该线路')
  return (await linesOf(db, [route])).get(route.id)!
}

/** 徐州东站 on the line: the last stop of a run to it, the first of a run from it. */
export const stationOf = (line: Line) => (line.route.direction === 'to_station' ? line.stops[line.stops.length - 1]! : line.stops[0]!)

/** The stops a rider may name: where they get on (to the station) or off (coming home); never the station itself. */
export const riderStops = (line: Line) => (line.route.direction === 'to_station' ? line.stops.slice(0, -1) : line.stops.slice(1))

/** How long after the first stop the rider gets on: at their stop to the station, at the station coming home. */
export const boardingMinutes = (line: Line, stop: StopRow) => (line.route.direction === 'to_station' ? stop.minutes : 0)

/** The run's booking window for a rider of `stop` (the first stop they could name when none is given). */
export function windowFor(line: Line, d: DepartureRow, stop?: StopRow) {
  const s = stop ?? riderStops(line)[0]!
  return windowOf(rulesOf(line.route), d.day, d.departs_at, boardingMinutes(line, s))
}

/** Makes the runs the active patterns give on these days, once each, with their seats in the capacity ledger. */
export async function ensureRuns(services: Services, routeIds: number[], days: string[]): Promise<void> {
  const { db, capacity } = services
  const patterns = await repo.patternsOf(db, routeIds, true)
  if (patterns.length === 0) return
  const have = await repo.runDays(db, patterns.map((p) => p.id), days)
  const now = services.clock().toISOString()
  for (const day of days) {
    const runs = runsOn(
      patterns.map((p) => ({ id: p.id, departs: p.departs, weekdays: p.weekdays, seats: p.seats, driverId: p.driver_id })),
      day,
    )
    for (const run of runs) {
      if (have.has(`${run.patternId}@${day}`)) continue
      const routeId = patterns.find((p) => p.id === run.patternId)!.route_id
      const unitId = await capacity.unitFor(db, { scope: repo.SCOPE, ref: `p${run.patternId}@${day}`, ownerId: routeId, startsAt: run.departsAt }, run.seats)
      await repo.insertRun(db, {
        route_id: routeId,
        pattern_id: run.patternId,
        day,
        departs_at: run.departsAt,
        seats: run.seats,
        driver_id: run.driverId,
        state: 'scheduled',
        note: null,
        unit_id: unitId,
        moved_from: null,
        departed_at: null,
        created_at: now,
        updated_at: now,
      })
    }
  }
}

export interface Mine {
  bookings: Map<number, number>
  waits: Map<number, number>
}

const NOBODY: Mine = { bookings: new Map(), waits: new Map() }

/** The caller's live bookings and places in the queue on these departures. */
export async function mineOn(db: Db, userId: number, departureIds: number[]): Promise<Mine> {
  if (departureIds.length === 0) return NOBODY
  const [bookings, waits] = await Promise.all([
    db.selectFrom('shuttle_bookings').select(['id', 'departure_id']).where('user_id', '=', userId).where('departure_id', 'in', departureIds).where('state', '=', 'booked').execute(),
    db
      .selectFrom('shuttle_waits as w')
      .innerJoin('capacity_waiters as q', 'q.id', 'w.waiter_id')
      .select(['w.id', 'w.departure_id'])
      .where('w.user_id', '=', userId)
      .where('w.departure_id', 'in', departureIds)
      .where('q.state', '=', 'waiting')
      .execute(),
  ])
  return { bookings: new Map(bookings.map((b) => [b.departure_id, b.id])), waits: new Map(waits.map((w) => [w.departure_id, w.id])) }
}

/** Departures as residents, drivers and staff see them, in the order given. */
export async function present(services: Services, rows: DepartureRow[], mine: Mine = NOBODY): Promise<DepartureOut[]> {
  const { db } = services
  const now = services.clock()
  const routes = await Promise.all([...new Set(rows.map((r) => r.route_id))].map((id) => repo.route(db, id)))
  const lines = await linesOf(db, routes.filter((r): r is RouteRow => r !== undefined))
  const usage = await repo.usage(db, rows.map((r) => r.unit_id))
  return rows.map((d) => {
    const line = lines.get(d.route_id)!
    const u = usage.get(d.unit_id) ?? { places: d.seats, taken: 0 }
    const seatsLeft = Math.max(0, u.places - u.taken)
    const w = windowFor(line, d)
    let status: DepartureStatus
    if (d.state === 'cancelled') status = 'cancelled'
    else if (d.state === 'departed') status = 'departed'
    else {
      const phase = phaseOf(w, now)
      status = phase === 'open' && seatsLeft === 0 ? 'full' : phase
    }
    return {
      id: d.id,
      routeId: d.route_id,
      routeName: line.route.name,
      direction: line.route.direction,
      day: d.day,
      departsAt: d.departs_at,
      stationAt: atStop(d.departs_at, stationOf(line).minutes),
      movedFrom: d.moved_from,
      seats: u.places,
      seatsLeft,
      status,
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      note: d.note,
      stops: line.stops.map((s) => ({ ...toStop(s), at: atStop(d.departs_at, s.minutes) })),
      mine: { bookingId: mine.bookings.get(d.id) ?? null, waitId: mine.waits.get(d.id) ?? null },
    }
  })
}

export async function presentOne(services: Services, d: DepartureRow, userId?: number): Promise<DepartureOut> {
  const mine = userId === undefined ? NOBODY : await mineOn(services.db, userId, [d.id])
  return (await present(services, [d], mine))[0]!
}

/** The days residents can look at: today and as far ahead as any route of the direction opens. */
export function viewDays(routes: RouteRow[], now: Date): string[] {
  const ahead = Math.max(1, ...routes.map((r) => r.open_days_ahead))
  return daysFrom(now, ahead)
}

export async function departuresOf(ctx: AuthedCtx, direction: Direction, day: string | undefined) {
  const now = ctx.clock()
  const routes = (await repo.routes(ctx.db, true)).filter((r) => r.direction === direction)
  const days = viewDays(routes, now)
  if (day && !days.includes(day)) throw badInput({ day: `只能查看今天起${days.length - 1}天内的班次` })
  const wanted = day ?? days[0]!
  const ids = routes.map((r) => r.id)
  await ensureRuns(ctx, ids, [wanted])
  const rows = await repo.departuresOn(ctx.db, ids, [wanted])
  return { days, day: wanted, departures: await present(ctx, rows, await mineOn(ctx.db, ctx.actor.userId, rows.map((r) => r.id))) }
}

/** 赶火车 / 回家: the runs of the direction that fit the train, within the days that can be looked at. */
export async function suggest(ctx: AuthedCtx, direction: Direction, trainAt: string) {
  const settings = await shuttleSettings.read(ctx.db)
  const margin = direction === 'to_station' ? settings.trainMarginMinutes : settings.arrivalGapMinutes
  const routes = (await repo.routes(ctx.db, true)).filter((r) => r.direction === direction)
  const trainDay = localDay(trainAt)
  const days = direction === 'to_station' ? [addDays(trainDay, -1), trainDay] : [trainDay, addDays(trainDay, 1)]
  const visible = new Set(viewDays(routes, ctx.clock()))
  const looked = days.filter((d) => visible.has(d))
  const ids = routes.map((r) => r.id)
  await ensureRuns(ctx, ids, looked)
  const rows = (await repo.departuresOn(ctx.db, ids, looked)).filter((d) => d.state === 'scheduled')
  const lines = await linesOf(ctx.db, routes)
  const candidates = rows.map((d) => ({ id: d.id, departsAt: d.departs_at, stationAt: atStop(d.departs_at, stationOf(lines.get(d.route_id)!).minutes) }))
  const fit = fitTrain(direction, candidates, trainAt, margin).map((c) => rows.find((r) => r.id === c.id)!)
  return { marginMinutes: margin, departures: await present(ctx, fit, await mineOn(ctx.db, ctx.actor.userId, fit.map((r) => r.id))) }
}

/** The nearest runs of the route, a day either side, that can still be booked and have `seats` free. */
export async function nearestWithSeats(services: Services, around: DepartureRow, seats: number, userId: number, count = 3): Promise<DepartureOut[]> {
  const days = [addDays(around.day, -1), around.day, addDays(around.day, 1)].filter((d) => d >= localDay(services.clock()))
  await ensureRuns(services, [around.route_id], days)
  const rows = (await repo.departuresOn(services.db, [around.route_id], days)).filter((d) => d.id !== around.id && d.state === 'scheduled')
  const shown = await present(services, rows, await mineOn(services.db, userId, rows.map((r) => r.id)))
  const t = Date.parse(around.departs_at)
  return shown
    .filter((d) => d.status === 'open' && d.seatsLeft >= seats && d.mine.bookingId === null)
    .sort((a, b) => Math.abs(Date.parse(a.departsAt) - t) - Math.abs(Date.parse(b.departsAt) - t))
    .slice(0, count)
}

export const missingDeparture = () => notFound('没有找到该班次')
