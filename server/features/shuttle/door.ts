// At the bus door: a driver's own departures of the day (staff see every one), the manifest by stop, check-in by
// code or one tap per rider, and marking the run departed (riders not on board become no-shows; the manifest stays).
// Drivers see what boarding needs and nothing more: names, relation, seats, stop, train numbers. No phones, no homes.
import { normalizeCode } from '../../../common/codes'
import { local } from '../../../common/time'
import type { AuthedCtx } from '../../core/context'
import { conflict, notFound } from '../../core/errors'
import type { ManifestOut } from './actions'
import { lineOf, present, toStop } from './departures'
import { when } from './present'
import * as repo from './repo'
import { runAbilities, runGuard, runRefusal, seesRun, type RunAct, type RunFacts } from './rules'
import { callerOf, promotionFor } from './seats'
import type { DepartureRow } from './tables'
import { atStop } from './timetable'

const facts = (d: DepartureRow): RunFacts => ({ state: d.state, driverId: d.driver_id, day: d.day, departsAt: d.departs_at })

async function visibleRun(ctx: AuthedCtx, id: number): Promise<DepartureRow> {
  const d = await repo.departure(ctx.db, id)
  // Another driver's run is answered as missing: a driver has no business with it.
  if (!d || !seesRun(callerOf(ctx), facts(d))) throw notFound('没有找到该班次')
  return d
}

function mustBeAllowed(ctx: AuthedCtx, act: RunAct, d: DepartureRow) {
  const refused = runRefusal(act, callerOf(ctx), facts(d), ctx.clock())
  if (refused) throw refused.code === 'NOT_FOUND' ? notFound(refused.message) : conflict(refused.message)
}

export async function runs(ctx: AuthedCtx, day: string) {
  const caller = callerOf(ctx)
  const rows = await repo.departuresOfDriver(ctx.db, caller.staff ? 'all' : caller.userId, day)
  const [shown, counts, names] = await Promise.all([
    present(ctx, rows),
    repo.seatCounts(ctx.db, rows.map((r) => r.id)),
    repo.namesOf(ctx.db, rows.map((r) => r.driver_id).filter((x): x is number => x !== null)),
  ])
  const count = (id: number, state: string) => Number(counts.find((c) => c.departure_id === id && c.state === state)?.n ?? 0)
  return shown.map((d, i) => {
    const driverId = rows[i]!.driver_id
    return { ...d, driverName: driverId === null ? null : (names.get(driverId) ?? null), booked: count(d.id, 'booked') + count(d.id, 'boarded') + count(d.id, 'no_show'), boarded: count(d.id, 'boarded') }
  })
}

export async function manifest(ctx: AuthedCtx, id: number): Promise<ManifestOut> {
  const d = await visibleRun(ctx, id)
  const line = await lineOf(ctx.db, d.route_id)
  const [[shown], bookings, waiting] = await Promise.all([present(ctx, [d]), repo.bookingsOn(ctx.db, d.id), repo.waitingOn(ctx.db, [d.id])])
  const riders = await repo.ridersOf(ctx.db, bookings.map((b) => b.id))
  const driverName = d.driver_id === null ? null : await repo.nameOf(ctx.db, d.driver_id)
  const stops = line.stops
    .map((s) => ({
      stop: { ...toStop(s), at: atStop(d.departs_at, s.minutes) },
      riders: bookings
        .filter((b) => b.stop_id === s.id)
        .flatMap((b) =>
          riders
            .filter((r) => r.booking_id === b.id && r.state !== 'cancelled')
            .map((r) => ({ id: r.id, name: r.name, relation: r.relation, state: r.state, checkedInAt: r.checked_in_at, bookingId: b.id, code: b.code, trainNo: b.train_no, trainAt: b.train_at })),
        ),
    }))
    .filter((s) => s.riders.length > 0)
  const all = stops.flatMap((s) => s.riders)
  return {
    departure: { ...shown!, driverName, state: d.state, departedAt: d.departed_at },
    stops,
    counts: {
      booked: all.length,
      boarded: all.filter((r) => r.state === 'boarded').length,
      noShow: all.filter((r) => r.state === 'no_show').length,
      waiting: waiting.reduce((n, w) => n + w.quantity, 0),
    },
    can: runAbilities(callerOf(ctx), facts(d), ctx.clock()),
  }
}

/** The party of a scanned or typed code boards: refused, saying why, for a code of another run or one already used. */
export async function checkIn(ctx: AuthedCtx, departureId: number, typed: string): Promise<ManifestOut> {
  const d = await visibleRun(ctx, departureId)
  mustBeAllowed(ctx, 'checkIn', d)
  const b = await repo.bookingByCode(ctx.db, normalizeCode(typed))
  if (!b) throw notFound('没有找到该乘车码，请核对后重试')
  if (b.departure_id !== d.id) {
    const other = (await repo.departure(ctx.db, b.departure_id))!
    const route = (await repo.route(ctx.db, other.route_id))!.name
    throw conflict(`这是${when(other.departs_at)}「${route}」的乘车码，不是本班次的`)
  }
  if (b.state === 'cancelled') throw conflict('该乘车预约已取消')
  const riders = (await repo.ridersOf(ctx.db, [b.id])).filter((r) => r.state !== 'cancelled')
  const waiting = riders.filter((r) => r.state === 'booked')
  if (waiting.length === 0) {
    const first = riders.find((r) => r.checked_in_at)
    const by = first?.checked_in_by ? await repo.nameOf(ctx.db, first.checked_in_by) : null
    throw conflict(first ? `该乘车码已于 ${local(first.checked_in_at!).format('HH:mm')} 由${by ?? '工作人员'}核验，${riders.map((r) => r.name).join('、')}已上车` : '该乘车码没有待上车的乘客')
  }
  await repo.setRiders(ctx.db, waiting.map((r) => r.id), 'booked', { state: 'boarded', checked_in_at: ctx.clock().toISOString(), checked_in_by: ctx.actor.userId })
  return manifest(ctx, d.id)
}

/** One tap per rider at the door; tapped again before departure, it is undone. */
export async function board(ctx: AuthedCtx, departureId: number, riderId: number, boarded: boolean): Promise<ManifestOut> {
  const d = await visibleRun(ctx, departureId)
  mustBeAllowed(ctx, 'checkIn', d)
  const rider = (await repo.ridersOf(ctx.db, (await repo.bookingsOn(ctx.db, d.id)).map((b) => b.id))).find((r) => r.id === riderId)
  if (!rider || rider.state === 'cancelled') throw notFound('本班次没有该乘客')
  const changed = boarded
    ? await repo.setRiders(ctx.db, [riderId], 'booked', { state: 'boarded', checked_in_at: ctx.clock().toISOString(), checked_in_by: ctx.actor.userId })
    : await repo.setRiders(ctx.db, [riderId], 'boarded', { state: 'booked', checked_in_at: null, checked_in_by: null })
  if (changed !== 1) throw conflict(boarded ? `${rider.name}已上车` : `${rider.name}还未上车`)
  return manifest(ctx, d.id)
}

export async function depart(ctx: AuthedCtx, departureId: number): Promise<ManifestOut> {
  const d = await visibleRun(ctx, departureId)
  mustBeAllowed(ctx, 'depart', d)
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateDeparture(tx, d.id, runGuard('depart'), { state: 'departed', departed_at: now, updated_at: now }))) throw conflict('该班次刚刚有变化，请刷新')
    const bookings = await repo.liveBookingsOn(tx, [d.id])
    const riders = (await repo.ridersOf(tx, bookings.map((b) => b.id))).filter((r) => r.state === 'booked')
    await repo.setRiders(tx, riders.map((r) => r.id), 'booked', { state: 'no_show' })
    for (const b of bookings) await repo.setBooking(tx, b.id, { from: ['booked'] }, { state: 'done', updated_at: now })
    // Nobody still waiting can ride now; their entries close with the run.
    for (const w of await repo.waitingOn(tx, [d.id])) await ctx.capacity.leave(tx, w.waiter_id, promotionFor(ctx))
  })
  return manifest(ctx, d.id)
}
