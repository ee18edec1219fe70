// SQL of 高铁站班车. No rules here: those are timetable.ts and rules.ts, applied by the services.
import type { Insertable } from 'kysely'
import type { Db } from '../../db/connect'
import type { DepartureRow, RiderState, RouteRow, SeatState, ShuttleBookingTable, ShuttleRiderTable, StopRow } from './tables'

export const SCOPE = 'shuttle'

export async function routes(db: Db, activeOnly: boolean): Promise<RouteRow[]> {
  let q = db.selectFrom('shuttle_routes').selectAll()
  if (activeOnly) q = q.where('active', '=', 1)
  return q.orderBy('sort_order').orderBy('id').execute()
}

export async function route(db: Db, id: number): Promise<RouteRow | undefined> {
  return db.selectFrom('shuttle_routes').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function stopsOf(db: Db, routeIds: number[]): Promise<StopRow[]> {
  if (routeIds.length === 0) return []
  return db.selectFrom('shuttle_stops').selectAll().where('route_id', 'in', routeIds).orderBy('route_id').orderBy('position').execute()
}

export async function patternsOf(db: Db, routeIds: number[], activeOnly: boolean) {
  if (routeIds.length === 0) return []
  let q = db.selectFrom('shuttle_patterns').selectAll().where('route_id', 'in', routeIds)
  if (activeOnly) q = q.where('active', '=', 1)
  return q.orderBy('departs').execute()
}

export async function departuresOn(db: Db, routeIds: number[], days: string[]): Promise<DepartureRow[]> {
  if (routeIds.length === 0 || days.length === 0) return []
  return db.selectFrom('shuttle_departures').selectAll().where('route_id', 'in', routeIds).where('day', 'in', days).orderBy('departs_at').orderBy('id').execute()
}

export async function departure(db: Db, id: number): Promise<DepartureRow | undefined> {
  return db.selectFrom('shuttle_departures').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function departuresByIds(db: Db, ids: number[]): Promise<DepartureRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('shuttle_departures').selectAll().where('id', 'in', ids).execute()
}

export async function departuresOfDriver(db: Db, driverId: number | 'all', day: string): Promise<DepartureRow[]> {
  let q = db.selectFrom('shuttle_departures').selectAll().where('day', '=', day)
  if (driverId !== 'all') q = q.where('driver_id', '=', driverId)
  return q.orderBy('departs_at').execute()
}

/** Inserts a pattern's run unless it exists; concurrent callers end up with the one row. */
export async function insertRun(db: Db, values: Omit<DepartureRow, 'id'>): Promise<void> {
  await db
    .insertInto('shuttle_departures')
    .values(values)
    .onConflict((oc) => oc.columns(['pattern_id', 'day']).doNothing())
    .execute()
}

export async function insertExtraRun(db: Db, values: Omit<DepartureRow, 'id'>): Promise<number> {
  const row = await db.insertInto('shuttle_departures').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function runDays(db: Db, patternIds: number[], days: string[]): Promise<Set<string>> {
  if (patternIds.length === 0 || days.length === 0) return new Set()
  const rows = await db.selectFrom('shuttle_departures').select(['pattern_id', 'day']).where('pattern_id', 'in', patternIds).where('day', 'in', days).execute()
  return new Set(rows.map((r) => `${r.pattern_id}@${r.day}`))
}

export async function updateDeparture(db: Db, id: number, from: readonly string[], patch: Partial<Omit<DepartureRow, 'id'>>): Promise<boolean> {
  const res = await db
    .updateTable('shuttle_departures')
    .set(patch)
    .where('id', '=', id)
    .where('state', 'in', from as DepartureRow['state'][])
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Future runs of a pattern nobody has booked or waited for: they are made again from the changed pattern. */
export async function untouchedRunsOf(db: Db, patternId: number, fromDay: string): Promise<{ id: number; unit_id: number }[]> {
  return db
    .selectFrom('shuttle_departures as d')
    .select(['d.id', 'd.unit_id'])
    .where('d.pattern_id', '=', patternId)
    .where('d.day', '>=', fromDay)
    .where('d.state', '=', 'scheduled')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('shuttle_bookings as b').select('b.id').whereRef('b.departure_id', '=', 'd.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('shuttle_waits as w').select('w.id').whereRef('w.departure_id', '=', 'd.id'))))
    .execute()
}

export async function deleteRuns(db: Db, runs: { id: number; unit_id: number }[]): Promise<void> {
  if (runs.length === 0) return
  await db.deleteFrom('shuttle_departures').where('id', 'in', runs.map((r) => r.id)).execute()
  await db.deleteFrom('capacity_units').where('id', 'in', runs.map((r) => r.unit_id)).execute()
}

export async function keptRunsOf(db: Db, patternId: number, fromDay: string): Promise<number> {
  const row = await db
    .selectFrom('shuttle_departures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pattern_id', '=', patternId)
    .where('day', '>=', fromDay)
    .where('state', '=', 'scheduled')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// ---------------------------------------------------------------- bookings

export async function insertBooking(db: Db, values: Insertable<ShuttleBookingTable>): Promise<number> {
  const row = await db.insertInto('shuttle_bookings').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function insertRiders(db: Db, bookingId: number, riders: { companionId: number | null; name: string; relation: string }[]) {
  const rows: Insertable<ShuttleRiderTable>[] = riders.map((r, i) => ({ booking_id: bookingId, position: i + 1, companion_id: r.companionId, name: r.name, relation: r.relation, state: 'booked' }))
  await db.insertInto('shuttle_riders').values(rows).execute()
}

export async function booking(db: Db, id: number) {
  return db.selectFrom('shuttle_bookings').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function bookingByCode(db: Db, code: string) {
  return db.selectFrom('shuttle_bookings').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function bookingsOf(db: Db, userId: number) {
  return db.selectFrom('shuttle_bookings').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(200).execute()
}

export async function liveBookingOn(db: Db, departureId: number, userId: number) {
  return db.selectFrom('shuttle_bookings').select(['id']).where('departure_id', '=', departureId).where('user_id', '=', userId).where('state', '=', 'booked').executeTakeFirst()
}

export async function liveBookingsOn(db: Db, departureIds: number[]) {
  if (departureIds.length === 0) return []
  return db.selectFrom('shuttle_bookings').selectAll().where('departure_id', 'in', departureIds).where('state', '=', 'booked').orderBy('id').execute()
}

export async function bookingsOn(db: Db, departureId: number) {
  return db.selectFrom('shuttle_bookings').selectAll().where('departure_id', '=', departureId).where('state', '!=', 'cancelled').orderBy('id').execute()
}

export async function ridersOf(db: Db, bookingIds: number[]) {
  if (bookingIds.length === 0) return []
  return db.selectFrom('shuttle_riders').selectAll().where('booking_id', 'in', bookingIds).orderBy('booking_id').orderBy('position').execute()
}

/** Sets booked riders' state; returns how many changed (riders changed meanwhile are left alone). */
export async function setRiders(db: Db, riderIds: number[], from: RiderState, patch: { state: RiderState; checked_in_at?: string | null; checked_in_by?: number | null }): Promise<number> {
  if (riderIds.length === 0) return 0
  const res = await db.updateTable('shuttle_riders').set(patch).where('id', 'in', riderIds).where('state', '=', from).executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/** The booking's seats and state, only while it still holds `expectSeats` in `from`: a concurrent change loses. */
export async function setBooking(db: Db, id: number, guard: { from: readonly SeatState[]; seats?: number }, patch: Partial<Insertable<ShuttleBookingTable>>): Promise<boolean> {
  let q = db.updateTable('shuttle_bookings').set(patch).where('id', '=', id).where('state', 'in', guard.from as SeatState[])
  if (guard.seats !== undefined) q = q.where('seats', '=', guard.seats)
  const res = await q.executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function seatCounts(db: Db, departureIds: number[]) {
  if (departureIds.length === 0) return []
  return db
    .selectFrom('shuttle_riders as r')
    .innerJoin('shuttle_bookings as b', 'b.id', 'r.booking_id')
    .select(['b.departure_id', 'r.state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('b.departure_id', 'in', departureIds)
    .groupBy(['b.departure_id', 'r.state'])
    .execute()
}

/** When the person's past bookings ended with nobody of the party on the bus, since `since`. */
export async function noShowsOf(db: Db, userId: number, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('shuttle_bookings as b')
    .innerJoin('shuttle_departures as d', 'd.id', 'b.departure_id')
    .select('d.departs_at')
    .where('b.user_id', '=', userId)
    .where('b.state', '=', 'done')
    .where('d.departs_at', '>=', since)
    .where((eb) => eb.exists(eb.selectFrom('shuttle_riders as r').select('r.id').whereRef('r.booking_id', '=', 'b.id').where('r.state', '=', 'no_show')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('shuttle_riders as r').select('r.id').whereRef('r.booking_id', '=', 'b.id').where('r.state', '=', 'boarded'))))
    .execute()
  return rows.map((r) => r.departs_at)
}

// ---------------------------------------------------------------- waiting list

export async function insertWait(db: Db, values: { waiter_id: number; departure_id: number; user_id: number; stop_id: number; train_no: string | null; train_at: string | null; riders: string; created_at: string }): Promise<number> {
  const row = await db.insertInto('shuttle_waits').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function waitByWaiter(db: Db, waiterId: number) {
  return db.selectFrom('shuttle_waits').selectAll().where('waiter_id', '=', waiterId).executeTakeFirst()
}

export async function wait(db: Db, id: number) {
  return db.selectFrom('shuttle_waits').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function waitsOf(db: Db, userId: number) {
  return db
    .selectFrom('shuttle_waits as w')
    .innerJoin('capacity_waiters as q', 'q.id', 'w.waiter_id')
    .selectAll('w')
    .select(['q.state as queue_state', 'q.quantity'])
    .where('w.user_id', '=', userId)
    .orderBy('w.id', 'desc')
    .limit(100)
    .execute()
}

/** Who still waits for these departures, with their entries in the shared queue. */
export async function waitingOn(db: Db, departureIds: number[]) {
  if (departureIds.length === 0) return []
  return db
    .selectFrom('shuttle_waits as w')
    .innerJoin('capacity_waiters as q', 'q.id', 'w.waiter_id')
    .selectAll('w')
    .select(['q.state as queue_state', 'q.quantity'])
    .where('w.departure_id', 'in', departureIds)
    .where('q.state', '=', 'waiting')
    .orderBy('q.id')
    .execute()
}

export async function setWaitBooking(db: Db, id: number, bookingId: number): Promise<void> {
  await db.updateTable('shuttle_waits').set({ booking_id: bookingId }).where('id', '=', id).execute()
}

export async function waitingUserIn(db: Db, departureId: number, userId: number) {
  return db
    .selectFrom('shuttle_waits as w')
    .innerJoin('capacity_waiters as q', 'q.id', 'w.waiter_id')
    .select(['w.id', 'w.waiter_id'])
    .where('w.departure_id', '=', departureId)
    .where('w.user_id', '=', userId)
    .where('q.state', '=', 'waiting')
    .executeTakeFirst()
}

export async function nameOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst()
  return row?.name ?? null
}

export async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.name ?? '']))
}

export async function drivers(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.name'])
    .where('user_roles.role', '=', 'driver')
    .where('users.deleted_at', 'is', null)
    .orderBy('users.id')
    .execute()
}

/** Places and what is taken of each capacity unit. */
export async function usage(db: Db, unitIds: number[]): Promise<Map<number, { places: number; taken: number }>> {
  if (unitIds.length === 0) return new Map()
  const rows = await db.selectFrom('capacity_units').select(['id', 'places', 'taken']).where('id', 'in', unitIds).execute()
  return new Map(rows.map((r) => [r.id, { places: r.places, taken: r.taken }]))
}
