// SQL of 办事预约's bookings and their trips. No rules here: the services decide, these read and write.
import { sql, type Insertable, type Selectable } from 'kysely'
import type { Db } from '../../db/connect'
import type { ApptBookingTable, BookingStatus } from './tables'

export const LIVE: BookingStatus[] = ['booked', 'checked_in']

// ---------------------------------------------------------------- bookings

export async function insertBooking(db: Db, values: Insertable<ApptBookingTable>): Promise<number> {
  const row = await db.insertInto('appt_bookings').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

const bookingColumns = [
  'appt_bookings.id as id',
  'appt_bookings.code as code',
  'appt_bookings.service_id as serviceId',
  'appt_services.name as serviceName',
  'appt_services.kind as kind',
  'appt_services.checklist as checklist',
  'appt_services.notice as notice',
  'appt_services.cancel_cutoff_minutes as cancelCutoffMinutes',
  'appt_bookings.resident_id as residentId',
  'appt_bookings.booked_by as bookedById',
  'appt_bookings.booked_by_role as bookedByRole',
  'booker.name as bookedByName',
  'appt_bookings.day as day',
  'appt_bookings.starts_at as startsAt',
  'appt_bookings.ends_at as endsAt',
  'appt_bookings.unit_id as unitId',
  'appt_bookings.status as status',
  'appt_bookings.displaced_at as displacedAt',
  'appt_bookings.cancel_reason as cancelReason',
  'appt_bookings.created_at as createdAt',
  'appt_bookings.checked_in_at as checkedInAt',
  'appt_bookings.finished_at as finishedAt',
  'appt_bookings.cancelled_at as cancelledAt',
  'appt_trips.outcome as ticketOutcome',
] as const

function bookings(db: Db) {
  return db
    .selectFrom('appt_bookings')
    .innerJoin('appt_services', 'appt_services.id', 'appt_bookings.service_id')
    .leftJoin('users as booker', 'booker.id', 'appt_bookings.booked_by')
    .leftJoin('appt_trips', 'appt_trips.booking_id', 'appt_bookings.id')
    .select(bookingColumns)
}

export type BookingRow = Awaited<ReturnType<typeof bookingById>> & object

export async function bookingById(db: Db, id: number) {
  return bookings(db).where('appt_bookings.id', '=', id).executeTakeFirst()
}

export async function bookingByCode(db: Db, code: string) {
  return bookings(db).where('appt_bookings.code', '=', code).executeTakeFirst()
}

/** The resident's bookings: upcoming live ones first (soonest first), then the rest, latest first. */
export async function bookingsOfResident(db: Db, residentId: number, nowIso: string, page: number, pageSize: number) {
  const upcoming = sql<number>`case when appt_bookings.status in ('booked', 'checked_in') and appt_bookings.ends_at >= ${nowIso} then 0 else 1 end`
  const [items, total] = await Promise.all([
    bookings(db)
      .where('appt_bookings.resident_id', '=', residentId)
      .orderBy(upcoming)
      // Within each group the other group's key is null; the first key has already separated the groups.
      .orderBy(sql`case when appt_bookings.status in ('booked', 'checked_in') and appt_bookings.ends_at >= ${nowIso} then appt_bookings.starts_at end`, 'asc')
      .orderBy(sql`case when appt_bookings.status in ('booked', 'checked_in') and appt_bookings.ends_at >= ${nowIso} then appt_bookings.id end`, 'asc')
      .orderBy('appt_bookings.starts_at', 'desc')
      .orderBy('appt_bookings.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db.selectFrom('appt_bookings').select((eb) => eb.fn.countAll<number>().as('n')).where('resident_id', '=', residentId).executeTakeFirstOrThrow(),
  ])
  return { items, total: Number(total.n) }
}

/** Bookings the person made for others (代办), of residents living in `grids` today ('all': anyone's). */
export async function bookingsMadeBy(db: Db, userId: number, grids: number[] | 'all', page: number, pageSize: number) {
  if (grids !== 'all' && grids.length === 0) return { items: [], total: 0 }
  const livingIn = (ids: number[]) =>
    db
      .selectFrom('users')
      .innerJoin('households', 'households.id', 'users.household_id')
      .innerJoin('buildings', 'buildings.id', 'households.building_id')
      .select('users.id')
      .where('buildings.grid_id', 'in', ids)
  const [items, total] = await Promise.all([
    bookings(db)
      .innerJoin('users as resident', 'resident.id', 'appt_bookings.resident_id')
      .select('resident.name as residentName')
      .where('appt_bookings.booked_by', '=', userId)
      .where('appt_bookings.resident_id', '!=', userId)
      .$if(grids !== 'all', (q) => q.where('appt_bookings.resident_id', 'in', livingIn(grids as number[])))
      .orderBy('appt_bookings.created_at', 'desc')
      .orderBy('appt_bookings.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('appt_bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('booked_by', '=', userId)
      .where('resident_id', '!=', userId)
      .$if(grids !== 'all', (q) => q.where('resident_id', 'in', livingIn(grids as number[])))
      .executeTakeFirstOrThrow(),
  ])
  return { items, total: Number(total.n) }
}

/** Live bookings of a service from an instant on: what a change of plan must be checked against. */
export async function liveBookingsFrom(db: Db, serviceId: number | null, fromIso: string) {
  let q = db
    .selectFrom('appt_bookings')
    .select(['id', 'service_id as serviceId', 'resident_id as residentId', 'starts_at as startsAt', 'displaced_at as displacedAt'])
    .where('status', 'in', LIVE)
    .where('starts_at', '>=', fromIso)
  if (serviceId !== null) q = q.where('service_id', '=', serviceId)
  return q.execute()
}

export async function setDisplaced(db: Db, ids: number[], value: string | null, now: string) {
  if (ids.length === 0) return
  await db.updateTable('appt_bookings').set({ displaced_at: value, updated_at: now }).where('id', 'in', ids).execute()
}

export async function attention(db: Db, nowIso: string) {
  return bookings(db)
    .where('appt_bookings.status', 'in', LIVE)
    .where('appt_bookings.displaced_at', 'is not', null)
    .where('appt_bookings.ends_at', '>=', nowIso)
    .orderBy('appt_bookings.starts_at')
    .execute()
}

export async function deskBookings(db: Db, serviceId: number, day: string) {
  return db
    .selectFrom('appt_bookings')
    .innerJoin('users as resident', 'resident.id', 'appt_bookings.resident_id')
    .leftJoin('users as booker', 'booker.id', 'appt_bookings.booked_by')
    .leftJoin('appt_trips', 'appt_trips.booking_id', 'appt_bookings.id')
    .select([
      'appt_bookings.id as id',
      'appt_bookings.code as code',
      'appt_bookings.status as status',
      'appt_bookings.starts_at as startsAt',
      'appt_bookings.displaced_at as displacedAt',
      'appt_bookings.resident_id as residentId',
      'appt_bookings.booked_by as bookedById',
      'appt_bookings.booked_by_role as bookedByRole',
      'booker.name as bookedByName',
      'resident.name as residentName',
      'resident.phone as residentPhone',
      'appt_trips.from_station as fromStation',
      'appt_trips.to_station as toStation',
      'appt_trips.travel_date as travelDate',
      'appt_trips.outcome as ticketOutcome',
      (eb) => eb.selectFrom('appt_passengers').select((e) => e.fn.countAll<number>().as('n')).whereRef('appt_passengers.booking_id', '=', 'appt_bookings.id').as('passengers'),
    ])
    .where('appt_bookings.service_id', '=', serviceId)
    .where('appt_bookings.day', '=', day)
    .where('appt_bookings.status', '!=', 'cancelled')
    .orderBy('appt_bookings.starts_at')
    .orderBy('appt_bookings.created_at')
    .orderBy('appt_bookings.id')
    .execute()
}

/** Moves a live booking to another slot; false when it is no longer live (changed meanwhile). */
export async function moveBooking(db: Db, id: number, to: { day: string; startsAt: string; endsAt: string; unitId: number }, now: string): Promise<boolean> {
  const res = await db
    .updateTable('appt_bookings')
    .set({ day: to.day, starts_at: to.startsAt, ends_at: to.endsAt, unit_id: to.unitId, displaced_at: null, reminded_at: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'booked')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Changes a booking's status only from the one expected; false when someone else changed it first. */
export async function setStatus(
  db: Db,
  id: number,
  from: BookingStatus | readonly BookingStatus[],
  values: Partial<Pick<Selectable<ApptBookingTable>, 'status' | 'cancelled_at' | 'cancel_reason' | 'cancelled_by_role' | 'checked_in_at' | 'finished_at'>>,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('appt_bookings')
    .set({ ...values, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', typeof from === 'string' ? [from] : [...from])
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function noShowsSince(db: Db, residentId: number, sinceIso: string): Promise<string[]> {
  const rows = await db
    .selectFrom('appt_bookings')
    .select('starts_at')
    .where('resident_id', '=', residentId)
    .where('status', '=', 'no_show')
    .where('starts_at', '>=', sinceIso)
    .orderBy('starts_at')
    .execute()
  return rows.map((r) => r.starts_at)
}

/**
 * What decides whether a resident may book a service on a day, in one read: their no-shows (for the block; a
 * resident has few) and whether they already hold a live booking of the service that day.
 */
export async function standingOf(db: Db, residentId: number, serviceId: number, day: string) {
  const rows = await db
    .selectFrom('appt_bookings')
    .select(['status', 'starts_at'])
    .where('resident_id', '=', residentId)
    .where((eb) => eb.or([eb('status', '=', 'no_show'), eb.and([eb('service_id', '=', serviceId), eb('day', '=', day), eb('status', 'in', LIVE)])]))
    .execute()
  return {
    noShows: rows.filter((r) => r.status === 'no_show').map((r) => r.starts_at),
    bookedThatDay: rows.some((r) => r.status !== 'no_show'),
  }
}

export async function hasLiveBookingOn(db: Db, residentId: number, serviceId: number, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('appt_bookings')
    .select('id')
    .where('service_id', '=', serviceId)
    .where('resident_id', '=', residentId)
    .where('day', '=', day)
    .where('status', 'in', LIVE)
    .executeTakeFirst()
  return row !== undefined
}

export async function deletePassengers(db: Db, bookingIds: number[]): Promise<void> {
  if (bookingIds.length) await db.deleteFrom('appt_passengers').where('booking_id', 'in', bookingIds).execute()
}


// ---------------------------------------------------------------- trips

/** What a passenger's sealed ID number is bound to (server/core/sealed.ts): it opens on this row only. */
export const passengerPlace = (bookingId: number, position: number) => `appt_passenger:${bookingId}:${position}`

export async function insertTrip(
  db: Db,
  bookingId: number,
  trip: { travelDate: string; from: string; to: string; preference: string | null; purgeAfter: string; idCardConsentAt: string },
  passengers: { name: string; sealed: string; masked: string }[],
) {
  await db
    .insertInto('appt_trips')
    .values({ booking_id: bookingId, travel_date: trip.travelDate, from_station: trip.from, to_station: trip.to, preference: trip.preference, purge_after: trip.purgeAfter, id_card_consent_at: trip.idCardConsentAt })
    .execute()
  await db
    .insertInto('appt_passengers')
    .values(passengers.map((p, i) => ({ booking_id: bookingId, position: i + 1, name: p.name, id_card_sealed: p.sealed, id_card_masked: p.masked })))
    .execute()
}

export async function tripOf(db: Db, bookingId: number) {
  const [trip, passengers] = await Promise.all([
    db.selectFrom('appt_trips').selectAll().where('booking_id', '=', bookingId).executeTakeFirst(),
    db.selectFrom('appt_passengers').selectAll().where('booking_id', '=', bookingId).orderBy('position').execute(),
  ])
  return trip ? { trip, passengers } : undefined
}

export async function setTicketOutcome(db: Db, bookingId: number, values: { outcome: string; text: string; by: number; now: string }) {
  await db
    .updateTable('appt_trips')
    .set({ outcome: values.outcome as 'issued' | 'unavailable', outcome_text: values.text, outcome_by: values.by, outcome_at: values.now })
    .where('booking_id', '=', bookingId)
    .execute()
}

/** Erases ID numbers of the given bookings' passengers (or of every trip whose keeping period ended). */
export async function purgeIdCards(db: Db, where: { bookingIds: number[] } | { purgeAfterBefore: string }, now: string): Promise<number> {
  let q = db.updateTable('appt_passengers').set({ id_card_sealed: null, purged_at: now }).where('id_card_sealed', 'is not', null)
  if ('bookingIds' in where) {
    if (where.bookingIds.length === 0) return 0
    q = q.where('booking_id', 'in', where.bookingIds)
  } else {
    q = q.where('booking_id', 'in', (eb) => eb.selectFrom('appt_trips').select('booking_id').where('purge_after', '<', where.purgeAfterBefore))
  }
  const res = await q.executeTakeFirst()
  return Number(res.numUpdatedRows)
}

// ---------------------------------------------------------------- reminders

export async function dueReminders(db: Db, startsBefore: string, nowIso: string) {
  return bookings(db)
    .where('appt_bookings.status', '=', 'booked')
    .where('appt_bookings.reminded_at', 'is', null)
    .where('appt_bookings.starts_at', '<', startsBefore)
    .where('appt_bookings.starts_at', '>', nowIso)
    .orderBy('appt_bookings.starts_at')
    .limit(500)
    .execute()
}

/** Marks the reminder sent; false when another sweep sent it first. */
export async function markReminded(db: Db, id: number, now: string): Promise<boolean> {
  const res = await db.updateTable('appt_bookings').set({ reminded_at: now }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}


export async function liveBookingsOfResident(db: Db, residentId: number) {
  return db.selectFrom('appt_bookings').select(['id', 'unit_id as unitId']).where('resident_id', '=', residentId).where('status', 'in', LIVE).execute()
}

export async function bookingIdsOfResident(db: Db, residentId: number): Promise<number[]> {
  const rows = await db.selectFrom('appt_bookings').select('id').where('resident_id', '=', residentId).execute()
  return rows.map((r) => r.id)
}

