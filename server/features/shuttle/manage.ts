// Staff keep the timetable: routes with their stops and booking rules, weekly patterns, extra runs, and changes
// to one departure (time, seats, driver) or its cancellation. A change of time or a cancellation tells everyone
// booked and everyone waiting, with the nearest departures that still have seats and a one-tap rebook.
import { atLocal, localDay } from '../../../common/time'
import type { AuthedCtx } from '../../core/context'
import { badInput, conflict, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import { notify } from '../messages/service'
import type { patternInput, RouteAdminOut, routeInput, ShuttleSettingsOut } from './actions'
import { nearestWithSeats, presentOne, toStop } from './departures'
import { passLink, waitLink, when } from './present'
import * as repo from './repo'
import { promotionFor } from './seats'
import { shuttleSettings } from './settings'
import type { DepartureRow } from './tables'
import type { z } from 'zod'

export async function routesAdmin(ctx: AuthedCtx): Promise<RouteAdminOut[]> {
  const routes = await repo.routes(ctx.db, false)
  const ids = routes.map((r) => r.id)
  const [stops, patterns] = await Promise.all([repo.stopsOf(ctx.db, ids), repo.patternsOf(ctx.db, ids, false)])
  const names = await repo.namesOf(ctx.db, patterns.map((p) => p.driver_id).filter((x): x is number => x !== null))
  return routes.map((r) => ({
    id: r.id,
    name: r.name,
    direction: r.direction,
    active: r.active === 1,
    rules: { openDaysAhead: r.open_days_ahead, openTime: r.open_time, closeMinutes: r.close_minutes, earlyBefore: r.early_before, earlyCloseTime: r.early_close_time, cancelMinutes: r.cancel_minutes },
    stops: stops.filter((s) => s.route_id === r.id).map(toStop),
    patterns: patterns
      .filter((p) => p.route_id === r.id)
      .map((p) => ({ id: p.id, departs: p.departs, weekdays: p.weekdays.split('').map(Number), seats: p.seats, driverId: p.driver_id, driverName: p.driver_id === null ? null : (names.get(p.driver_id) ?? null), active: p.active === 1 })),
  }))
}

async function mustBeDriver(ctx: AuthedCtx, driverId: number | null) {
  if (driverId === null) return
  if (!(await repo.drivers(ctx.db)).some((d) => d.id === driverId)) throw badInput({ driverId: '请选择班车司机' })
}

/** Rules and stops of a route. Stops are matched by id; a stop with bookings cannot be removed. */
export async function saveRoute(ctx: AuthedCtx, input: z.output<typeof routeInput>): Promise<RouteAdminOut[]> {
  const route = await repo.route(ctx.db, input.id)
  if (!route) throw notFound('没有找到该线路')
  const minutes = input.stops.map((s) => s.minutes)
  if (minutes[0] !== 0) throw badInput({ 'stops.0.minutes': '首站的到站分钟应为0' })
  const i = minutes.findIndex((m, k) => k > 0 && m <= minutes[k - 1]!)
  if (i > 0) throw badInput({ [`stops.${i}.minutes`]: '到站分钟应比上一站大' })
  const now = ctx.clock().toISOString()
  const existing = await repo.stopsOf(ctx.db, [route.id])
  const kept = new Set(input.stops.map((s) => s.id).filter((x): x is number => x !== undefined))
  input.stops.forEach((s, k) => {
    if (s.id !== undefined && !existing.some((e) => e.id === s.id)) throw badInput({ [`stops.${k}.name`]: '站点不属于该线路' })
  })
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('shuttle_routes')
        .set({
          name: input.name,
          active: input.active ? 1 : 0,
          open_days_ahead: input.openDaysAhead,
          open_time: input.openTime,
          close_minutes: input.closeMinutes,
          early_before: input.earlyBefore,
          early_close_time: input.earlyCloseTime,
          cancel_minutes: input.cancelMinutes,
          updated_at: now,
        })
        .where('id', '=', route.id)
        .execute()
      for (const gone of existing.filter((e) => !kept.has(e.id))) {
        const used = await tx.selectFrom('shuttle_bookings').select('id').where('stop_id', '=', gone.id).executeTakeFirst()
        const waited = await tx.selectFrom('shuttle_waits').select('id').where('stop_id', '=', gone.id).executeTakeFirst()
        if (used || waited) throw conflict(`站点“${gone.name}”已有乘车记录，不能删除，可改名或调整说明`)
        await tx.deleteFrom('shuttle_stops').where('id', '=', gone.id).execute()
      }
      for (const [k, s] of input.stops.entries()) {
        const values = { position: k + 1, name: s.name, minutes: s.minutes, latitude: s.latitude, longitude: s.longitude, wait_note: s.waitNote }
        if (s.id !== undefined) await tx.updateTable('shuttle_stops').set(values).where('id', '=', s.id).execute()
        else await tx.insertInto('shuttle_stops').values({ ...values, route_id: route.id }).execute()
      }
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw badInput({ name: '已有同名线路' })
    throw err
  }
  return routesAdmin(ctx)
}

/**
 * A weekly pattern, new or changed. Runs it already made that nobody booked or waited for are made again from the
 * change; runs with riders keep their time (staff move or cancel those one by one, and the riders are told), but
 * take the new seats and driver. `kept` counts them.
 */
export async function savePattern(ctx: AuthedCtx, input: z.output<typeof patternInput>): Promise<{ routes: RouteAdminOut[]; kept: number }> {
  if (!(await repo.route(ctx.db, input.routeId))) throw badInput({ routeId: '请选择线路' })
  await mustBeDriver(ctx, input.driverId)
  const values = { route_id: input.routeId, departs: input.departs, weekdays: [...input.weekdays].sort().join(''), seats: input.seats, driver_id: input.driverId, active: input.active ? 1 : 0 }
  const today = localDay(ctx.clock())
  const kept = await ctx.db.transaction().execute(async (tx) => {
    if (input.id === undefined) {
      await tx.insertInto('shuttle_patterns').values(values).execute()
      return 0
    }
    const res = await tx.updateTable('shuttle_patterns').set(values).where('id', '=', input.id).executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw notFound('没有找到该班次规律')
    await repo.deleteRuns(tx, await repo.untouchedRunsOf(tx, input.id, today))
    const left = await tx.selectFrom('shuttle_departures').select(['id', 'unit_id']).where('pattern_id', '=', input.id).where('day', '>=', today).where('state', '=', 'scheduled').execute()
    for (const run of left) {
      await tx.updateTable('shuttle_departures').set({ seats: input.seats, driver_id: input.driverId, updated_at: ctx.clock().toISOString() }).where('id', '=', run.id).execute()
      await ctx.capacity.setPlaces(tx, run.unit_id, input.seats)
      await ctx.capacity.release(tx, run.unit_id, 0, promotionFor(ctx))
    }
    return left.length
  })
  return { routes: await routesAdmin(ctx), kept }
}

export async function addRun(ctx: AuthedCtx, input: { routeId: number; day: string; departs: string; seats: number; driverId: number | null; note: string }) {
  if (!(await repo.route(ctx.db, input.routeId))) throw badInput({ routeId: '请选择线路' })
  if (input.day < localDay(ctx.clock())) throw badInput({ day: '日期不能早于今天' })
  await mustBeDriver(ctx, input.driverId)
  const departsAt = atLocal(input.day, input.departs)
  const now = ctx.clock().toISOString()
  const id = await ctx.db.transaction().execute(async (tx) => {
    const unitId = await ctx.capacity.unitFor(tx, { scope: repo.SCOPE, ref: `x${input.routeId}@${departsAt}@${now}`, ownerId: input.routeId, startsAt: departsAt }, input.seats)
    return repo.insertExtraRun(tx, {
      route_id: input.routeId,
      pattern_id: null,
      day: input.day,
      departs_at: departsAt,
      seats: input.seats,
      driver_id: input.driverId,
      state: 'scheduled',
      note: input.note,
      unit_id: unitId,
      moved_from: null,
      departed_at: null,
      created_at: now,
      updated_at: now,
    })
  })
  return presentOne(ctx, (await repo.departure(ctx.db, id))!)
}

async function scheduledRun(ctx: AuthedCtx, id: number): Promise<DepartureRow> {
  const d = await repo.departure(ctx.db, id)
  if (!d) throw notFound('没有找到该班次')
  if (d.state !== 'scheduled') throw conflict(d.state === 'cancelled' ? '该班次已取消' : '该班次已发车')
  return d
}

interface Told {
  kind: 'booking' | 'wait'
  userId: number
  id: number
  seats: number
}

/** Who is booked on or waits for the run now: the people a change must reach. */
async function everyoneOn(tx: AuthedCtx['db'], d: DepartureRow): Promise<Told[]> {
  const [bookings, waits] = await Promise.all([repo.liveBookingsOn(tx, [d.id]), repo.waitingOn(tx, [d.id])])
  return [
    ...bookings.map((b) => ({ kind: 'booking' as const, userId: b.user_id, id: b.id, seats: b.seats })),
    ...waits.map((w) => ({ kind: 'wait' as const, userId: w.user_id, id: w.id, seats: w.quantity })),
  ]
}

/** Tells each of them, with the nearest runs that still have room for their party and a link to rebook in one tap. */
async function tell(ctx: AuthedCtx, tx: AuthedCtx['db'], d: DepartureRow, people: Told[], change: 'cancelled' | 'moved', note: string | null, headline: string) {
  const route = (await repo.route(tx, d.route_id))!.name
  const now = ctx.clock().toISOString()
  for (const p of people) {
    const options = await nearestWithSeats({ ...ctx, db: tx }, d, p.seats, p.userId)
    const offer = options.length ? `尚有座位的班次：${options.map((o) => `${when(o.departsAt)}（余${o.seatsLeft}座）`).join('、')}，可一键改乘。` : '附近暂无有空座的班次，请留意其他班次。'
    await notify(tx, {
      userId: p.userId,
      title: change === 'cancelled' ? '班车取消' : '班车时间调整',
      body: `${headline}${note ? `（${note}）` : ''}。${offer}`,
      link: p.kind === 'booking' ? passLink(p.id) : waitLink(p.id),
      template: 'shuttle_changed',
      payload: { bookingId: p.kind === 'booking' ? p.id : null, waitId: p.kind === 'wait' ? p.id : null, route, departsAt: d.departs_at, change, note },
      now,
    })
  }
}

export async function changeDeparture(ctx: AuthedCtx, input: { id: number; departs: string; seats: number; driverId?: number | null; note?: string }) {
  const d = await scheduledRun(ctx, input.id)
  const driverId = input.driverId === undefined ? d.driver_id : input.driverId
  await mustBeDriver(ctx, driverId)
  const departsAt = atLocal(d.day, input.departs)
  const moved = departsAt !== d.departs_at
  if (moved && !input.note) throw badInput({ note: '请填写调整说明，会告知已预约的居民' })
  if (moved && Date.parse(departsAt) <= ctx.clock().getTime()) throw badInput({ departs: '新的发车时间已过' })
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    const patch = { departs_at: departsAt, seats: input.seats, driver_id: driverId, updated_at: now, ...(moved ? { moved_from: d.moved_from ?? d.departs_at, note: input.note ?? null } : {}) }
    if (!(await repo.updateDeparture(tx, d.id, ['scheduled'], patch))) throw conflict('该班次刚刚有变化，请刷新')
    await tx.updateTable('capacity_units').set({ starts_at: departsAt }).where('id', '=', d.unit_id).execute()
    await ctx.capacity.setPlaces(tx, d.unit_id, input.seats)
    // More seats go to the queue at once.
    await ctx.capacity.release(tx, d.unit_id, 0, promotionFor(ctx))
    if (moved) {
      const route = (await repo.route(tx, d.route_id))!.name
      const people = await everyoneOn(tx, d)
      await tell(ctx, tx, { ...d, departs_at: departsAt }, people, 'moved', input.note ?? null, `${when(d.departs_at)}「${route}」改为${when(departsAt)}发车`)
    }
  })
  return presentOne(ctx, (await repo.departure(ctx.db, d.id))!)
}

export async function cancelDeparture(ctx: AuthedCtx, id: number, note: string) {
  const d = await scheduledRun(ctx, id)
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateDeparture(tx, d.id, ['scheduled'], { state: 'cancelled', note, updated_at: now }))) throw conflict('该班次刚刚有变化，请刷新')
    const people = await everyoneOn(tx, d)
    const bookings = await repo.liveBookingsOn(tx, [d.id])
    const riders = (await repo.ridersOf(tx, bookings.map((b) => b.id))).filter((r) => r.state === 'booked')
    await repo.setRiders(tx, riders.map((r) => r.id), 'booked', { state: 'cancelled' })
    for (const b of bookings) {
      await repo.setBooking(tx, b.id, { from: ['booked'] }, { state: 'cancelled', cancel_reason: '班次取消', cancelled_at: now, updated_at: now })
      await ctx.capacity.release(tx, d.unit_id, b.seats)
    }
    for (const w of await repo.waitingOn(tx, [d.id])) await ctx.capacity.leave(tx, w.waiter_id, promotionFor(ctx))
    const route = (await repo.route(tx, d.route_id))!.name
    await tell(ctx, tx, d, people, 'cancelled', note, `${when(d.departs_at)}「${route}」班车取消`)
  })
  return presentOne(ctx, (await repo.departure(ctx.db, d.id))!)
}

export async function settings(ctx: AuthedCtx): Promise<ShuttleSettingsOut> {
  return shuttleSettings.read(ctx.db)
}

export async function saveSettings(ctx: AuthedCtx, input: ShuttleSettingsOut): Promise<ShuttleSettingsOut> {
  return shuttleSettings.write(ctx.db, input, ctx.clock().toISOString())
}
