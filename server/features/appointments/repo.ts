// SQL of 办事预约's services, plans, closures and settings (bookings: bookings-repo.ts). No rules here.
import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../../db/connect'
import { contains } from '../../db/text-search'
import type { ApptServiceTable } from './tables'
import { PERSON_WITH_HOME, peopleWithHome, personWithHome } from '../account/repo'
import type { Closure, Window } from './slots'
import { appointmentSettings } from './settings'

export type ServiceRow = Selectable<ApptServiceTable>

export * from './bookings-repo'

export async function services(db: Db, activeOnly: boolean): Promise<ServiceRow[]> {
  let q = db.selectFrom('appt_services').selectAll()
  if (activeOnly) q = q.where('active', '=', 1)
  return q.orderBy('sort_order').orderBy('id').execute()
}

export async function serviceById(db: Db, id: number): Promise<ServiceRow | undefined> {
  return db.selectFrom('appt_services').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A service with the places of one of its slots (null when nobody has booked that slot yet), in one read. */
export async function serviceWithUsage(db: Db, id: number, scope: string, ref: string) {
  return db
    .selectFrom('appt_services')
    .leftJoin('capacity_units', (join) => join.on('capacity_units.scope', '=', scope).on('capacity_units.ref', '=', ref))
    .selectAll('appt_services')
    .select(['capacity_units.places as unitPlaces', 'capacity_units.taken as unitTaken'])
    .where('appt_services.id', '=', id)
    .executeTakeFirst()
}

export async function serviceByName(db: Db, name: string) {
  return db.selectFrom('appt_services').select('id').where('name', '=', name).executeTakeFirst()
}

export async function hoursOf(db: Db, serviceIds: number[]): Promise<(Window & { serviceId: number })[]> {
  if (serviceIds.length === 0) return []
  return db
    .selectFrom('appt_hours')
    .select(['service_id as serviceId', 'weekday', 'starts', 'ends'])
    .where('service_id', 'in', serviceIds)
    .orderBy('weekday')
    .orderBy('starts')
    .execute()
}

export async function insertService(db: Db, values: Insertable<ApptServiceTable>): Promise<number> {
  const row = await db.insertInto('appt_services').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function updateService(db: Db, id: number, values: Partial<Insertable<ApptServiceTable>>) {
  await db.updateTable('appt_services').set(values).where('id', '=', id).execute()
}

export async function replaceHours(db: Db, serviceId: number, hours: Window[]) {
  await db.deleteFrom('appt_hours').where('service_id', '=', serviceId).execute()
  if (hours.length) await db.insertInto('appt_hours').values(hours.map((h) => ({ service_id: serviceId, ...h }))).execute()
}

/** Closures touching a service (its own and the community-wide ones) from a day on. */
export async function closuresFor(db: Db, serviceId: number, fromDay: string): Promise<Closure[]> {
  return db
    .selectFrom('appt_closures')
    .select(['service_id as serviceId', 'day', 'starts', 'ends', 'reason'])
    .where('day', '>=', fromDay)
    .where((eb) => eb.or([eb('service_id', '=', serviceId), eb('service_id', 'is', null)]))
    .orderBy('day')
    .execute()
}

export async function allClosures(db: Db, fromDay: string) {
  return db
    .selectFrom('appt_closures')
    .leftJoin('appt_services', 'appt_services.id', 'appt_closures.service_id')
    .select([
      'appt_closures.id as id',
      'appt_closures.service_id as serviceId',
      'appt_services.name as serviceName',
      'appt_closures.day as day',
      'appt_closures.starts as starts',
      'appt_closures.ends as ends',
      'appt_closures.reason as reason',
    ])
    .where('appt_closures.day', '>=', fromDay)
    .orderBy('appt_closures.day')
    .orderBy('appt_closures.id')
    .execute()
}

export async function insertClosure(db: Db, values: { serviceId: number | null; day: string; starts: string | null; ends: string | null; reason: string; by: number; now: string }) {
  await db
    .insertInto('appt_closures')
    .values({ service_id: values.serviceId, day: values.day, starts: values.starts, ends: values.ends, reason: values.reason, created_by: values.by, created_at: values.now })
    .execute()
}

export async function deleteClosure(db: Db, id: number): Promise<{ serviceId: number | null; day: string } | undefined> {
  const row = await db.selectFrom('appt_closures').select(['service_id as serviceId', 'day']).where('id', '=', id).executeTakeFirst()
  if (row) await db.deleteFrom('appt_closures').where('id', '=', id).execute()
  return row
}

export async function lastSortOrder(db: Db): Promise<number> {
  const row = await db.selectFrom('appt_services').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst()
  return Number(row?.m ?? 0)
}

export async function rules(db: Db) {
  return appointmentSettings.read(db)
}

export async function setRules(db: Db, r: { noShowLimit: number; noShowWindowDays: number; noShowBlockDays: number; idPurgeDays: number }, now: string) {
  await appointmentSettings.write(db, r, now)
}

/** The person a booking is for, with their home (grid, building, flat). */
export const personOf = (db: Db, userId: number) => personWithHome(db, userId)

/** 代办: residents of the given grids, found by name or building. */
export async function residentsOfGrids(db: Db, gridIds: number[], q: string) {
  if (gridIds.length === 0) return []
  let query = peopleWithHome(db)
    .select(PERSON_WITH_HOME)
    .where('grids.id', 'in', gridIds)
    .where('households.id', 'is not', null)
    .where('users.deleted_at', 'is', null)
    .where('users.name', 'is not', null)
  if (q) query = query.where((eb) => eb.or([contains('users.name', q), contains('buildings.name', q)]))
  return query.orderBy('buildings.name').orderBy('households.unit').orderBy('households.room').limit(50).execute()
}
