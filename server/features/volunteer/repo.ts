// SQL of 志愿服务. Every write that changes a state names the states it starts from, so a race finds nothing to do.
import { sql, type Insertable, type Updateable } from 'kysely'
import type { Db } from '../../db/connect'
import type { Engine } from '../../db/connect'
import type {
  ApplicationRow,
  ApplicationState,
  CertificateRow,
  CertificateState,
  CorrectionRow,
  HoursRow,
  QualificationRow,
  ShiftRow,
  ShiftSignupRow,
  ShiftSignupState,
  ShiftSignupTable,
  VolunteerCertificateTable,
  VolunteerHoursTable,
  VolunteerShiftTable,
} from './tables'

export const SCOPE = 'shift'

const changed = (res: { numUpdatedRows: bigint }) => Number(res.numUpdatedRows) === 1

// ---------------------------------------------------------------- people and teams

/** The six teams, as the community module keeps them. */
export { teams } from '../community/repo'

export async function team(db: Db, id: number) {
  return db.selectFrom('volunteer_teams').select(['id', 'name', 'focus']).where('id', '=', id).executeTakeFirst()
}

export async function memberships(db: Db, filter: { teamId?: number; userIds?: number[] }) {
  let q = db
    .selectFrom('volunteer_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id as userId', 'm.team_id as teamId', 'm.is_leader as isLeader', 'u.name as name', 'u.phone as phone'])
    .where('u.deleted_at', 'is', null)
  if (filter.teamId !== undefined) q = q.where('m.team_id', '=', filter.teamId)
  if (filter.userIds) {
    if (filter.userIds.length === 0) return []
    q = q.where('m.user_id', 'in', filter.userIds)
  }
  return q.orderBy('m.is_leader', 'desc').orderBy('u.name').orderBy('m.user_id').execute()
}

export async function usersByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return []
  return db.selectFrom('users').select(['id', 'name', 'phone']).where('id', 'in', [...new Set(ids)]).execute()
}

/**
 * Holds the person's row until the transaction ends, so that two sign-ups of one person run one after the other
 * and each sees what the other took. SQLite transactions here begin IMMEDIATE and already run one at a time.
 */
export async function lockPerson(db: Db, engine: Engine, userId: number): Promise<void> {
  if (engine === 'postgres') await db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute()
}

// ---------------------------------------------------------------- applications

export async function application(db: Db, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('volunteer_applications').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function applicationsOf(db: Db, filter: { userId?: number; teamIds?: number[] }): Promise<ApplicationRow[]> {
  let q = db.selectFrom('volunteer_applications').selectAll()
  if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId)
  if (filter.teamIds) {
    if (filter.teamIds.length === 0) return []
    q = q.where('team_id', 'in', filter.teamIds)
  }
  return q.orderBy(sql`case when state = 'pending' then 0 else 1 end`).orderBy('id', 'desc').limit(200).execute()
}

export async function insertApplication(db: Db, v: { userId: number; teamId: number; note: string | null; now: string }): Promise<number> {
  const row = await db
    .insertInto('volunteer_applications')
    .values({ user_id: v.userId, team_id: v.teamId, note: v.note, state: 'pending', created_at: v.now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function settleApplication(db: Db, id: number, state: ApplicationState, v: { by: number | null; reason: string | null; now: string }): Promise<boolean> {
  const res = await db
    .updateTable('volunteer_applications')
    .set({ state, decided_by: v.by, decided_at: v.now, decline_reason: v.reason })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst()
  return changed(res)
}

// ---------------------------------------------------------------- qualifications and approvals

export async function qualificationsOf(db: Db, userIds: number[]): Promise<QualificationRow[]> {
  if (userIds.length === 0) return []
  return db.selectFrom('volunteer_qualifications').selectAll().where('user_id', 'in', userIds).orderBy('kind').execute()
}

export async function qualification(db: Db, id: number): Promise<QualificationRow | undefined> {
  return db.selectFrom('volunteer_qualifications').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function saveQualification(db: Db, v: { userId: number; kind: string; expiresOn: string | null; by: number; now: string }): Promise<void> {
  await db
    .insertInto('volunteer_qualifications')
    .values({ user_id: v.userId, kind: v.kind, expires_on: v.expiresOn, recorded_by: v.by, recorded_at: v.now })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ expires_on: v.expiresOn, recorded_by: v.by, recorded_at: v.now }))
    .execute()
}

export async function removeQualification(db: Db, id: number): Promise<void> {
  await db.deleteFrom('volunteer_qualifications').where('id', '=', id).execute()
}

export async function insertClearance(db: Db, userId: number, by: number, now: string): Promise<void> {
  await db.insertInto('volunteer_clearances').values({ user_id: userId, by_id: by, at: now }).execute()
}

/** No-shows per person since their last approval. */
export async function noShowCounts(db: Db, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('shift_signups as s')
    .select(['s.user_id as userId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.user_id', 'in', userIds)
    .where('s.state', '=', 'no_show')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('volunteer_clearances as c')
            .select('c.id')
            .whereRef('c.user_id', '=', 's.user_id')
            .whereRef('c.at', '>=', 's.ends_at'),
        ),
      ),
    )
    .groupBy('s.user_id')
    .execute()
  return new Map(rows.map((r) => [r.userId, Number(r.n)]))
}

// ---------------------------------------------------------------- shifts

export async function shift(db: Db, id: number): Promise<ShiftRow | undefined> {
  return db.selectFrom('volunteer_shifts').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function shiftByCode(db: Db, code: string): Promise<ShiftRow | undefined> {
  return db.selectFrom('volunteer_shifts').selectAll().where('check_code', '=', code).executeTakeFirst()
}

export async function shiftsByIds(db: Db, ids: number[]): Promise<ShiftRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('volunteer_shifts').selectAll().where('id', 'in', [...new Set(ids)]).execute()
}

export async function comingShifts(db: Db, filter: { fromIso: string; teamId?: number; eventId?: number; states?: ShiftRow['state'][]; toIso?: string }): Promise<ShiftRow[]> {
  let q = db
    .selectFrom('volunteer_shifts')
    .selectAll()
    .where('ends_at', '>', filter.fromIso)
    .where('state', 'in', filter.states ?? ['published'])
  if (filter.toIso) q = q.where('starts_at', '<', filter.toIso)
  if (filter.teamId !== undefined) q = q.where('team_id', '=', filter.teamId)
  if (filter.eventId !== undefined) q = q.where('event_id', '=', filter.eventId)
  return q.orderBy('starts_at').orderBy('id').limit(200).execute()
}

export async function pastShifts(db: Db, teamId: number, fromIso: string, toIso: string): Promise<ShiftRow[]> {
  return db
    .selectFrom('volunteer_shifts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('ends_at', '<=', toIso)
    .where('ends_at', '>', fromIso)
    .orderBy('starts_at', 'desc')
    .limit(100)
    .execute()
}

export async function insertShift(db: Db, values: Insertable<VolunteerShiftTable>): Promise<number> {
  const row = await db.insertInto('volunteer_shifts').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function setShift(db: Db, id: number, from: readonly ShiftRow['state'][], patch: Updateable<VolunteerShiftTable>): Promise<boolean> {
  return changed(await db.updateTable('volunteer_shifts').set(patch).where('id', '=', id).where('state', 'in', from).executeTakeFirst())
}

export async function eventTitle(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>()
  const rows = await db.selectFrom('events').select(['id', 'title']).where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((r) => [r.id, r.title]))
}

export async function eventExists(db: Db, id: number) {
  return db.selectFrom('events').select(['id', 'state', 'ends_at']).where('id', '=', id).executeTakeFirst()
}

// ---------------------------------------------------------------- sign-ups

export async function signup(db: Db, id: number): Promise<ShiftSignupRow | undefined> {
  return db.selectFrom('shift_signups').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function signupByCode(db: Db, code: string): Promise<ShiftSignupRow | undefined> {
  return db.selectFrom('shift_signups').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function liveSignup(db: Db, shiftId: number, userId: number): Promise<ShiftSignupRow | undefined> {
  return db.selectFrom('shift_signups').selectAll().where('shift_id', '=', shiftId).where('user_id', '=', userId).where('state', '=', 'signed').executeTakeFirst()
}

/** What the person holds (or held, with hours) that is still to end after `fromIso`, for the overlap rule. */
export async function heldSpans(db: Db, userId: number, fromIso: string) {
  return db
    .selectFrom('shift_signups as s')
    .innerJoin('volunteer_shifts as v', 'v.id', 's.shift_id')
    .select(['s.starts_at as startsAt', 's.ends_at as endsAt', 'v.task as task'])
    .where('s.user_id', '=', userId)
    .where('s.state', '=', 'signed')
    .where('s.ends_at', '>', fromIso)
    .execute()
}

export async function signupsOfShift(db: Db, shiftId: number, states?: ShiftSignupState[]): Promise<ShiftSignupRow[]> {
  let q = db.selectFrom('shift_signups').selectAll().where('shift_id', '=', shiftId)
  if (states) q = q.where('state', 'in', states)
  return q.orderBy('id').execute()
}

export async function signupsOfUser(db: Db, userId: number, filter: { endsAfter?: string; endsBefore?: string } = {}): Promise<ShiftSignupRow[]> {
  let q = db.selectFrom('shift_signups').selectAll().where('user_id', '=', userId)
  if (filter.endsAfter) q = q.where('ends_at', '>', filter.endsAfter)
  if (filter.endsBefore) q = q.where('ends_at', '<=', filter.endsBefore)
  return q.orderBy('starts_at').orderBy('id').limit(300).execute()
}

export async function mySignupsOf(db: Db, userId: number, shiftIds: number[]): Promise<ShiftSignupRow[]> {
  if (shiftIds.length === 0) return []
  return db.selectFrom('shift_signups').selectAll().where('user_id', '=', userId).where('shift_id', 'in', shiftIds).where('state', '=', 'signed').execute()
}

export async function insertSignup(db: Db, values: Insertable<ShiftSignupTable>): Promise<number> {
  const row = await db.insertInto('shift_signups').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function setSignup(db: Db, id: number, from: readonly ShiftSignupState[], patch: Updateable<ShiftSignupTable>): Promise<boolean> {
  return changed(await db.updateTable('shift_signups').set(patch).where('id', '=', id).where('state', 'in', from).executeTakeFirst())
}

// ---------------------------------------------------------------- hours

export async function hoursOfSignups(db: Db, signupIds: number[]): Promise<HoursRow[]> {
  if (signupIds.length === 0) return []
  return db.selectFrom('volunteer_hours').selectAll().where('signup_id', 'in', signupIds).execute()
}

export async function hoursRow(db: Db, id: number): Promise<HoursRow | undefined> {
  return db.selectFrom('volunteer_hours').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function hoursOf(db: Db, filter: { userIds?: number[]; teamIds?: number[]; fromIso?: string; toIso?: string }): Promise<HoursRow[]> {
  let q = db.selectFrom('volunteer_hours').selectAll()
  if (filter.userIds) {
    if (filter.userIds.length === 0) return []
    q = q.where('user_id', 'in', filter.userIds)
  }
  if (filter.teamIds) {
    if (filter.teamIds.length === 0) return []
    q = q.where('team_id', 'in', filter.teamIds)
  }
  if (filter.fromIso) q = q.where('checked_in_at', '>=', filter.fromIso)
  if (filter.toIso) q = q.where('checked_in_at', '<', filter.toIso)
  return q.orderBy('checked_in_at', 'desc').orderBy('id', 'desc').execute()
}

export async function insertHours(db: Db, values: Insertable<VolunteerHoursTable>): Promise<number> {
  const row = await db.insertInto('volunteer_hours').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Checks out a record still open; false when someone checked it out meanwhile. */
export async function checkOut(db: Db, id: number, patch: { checked_out_at: string; out_via: HoursRow['out_via']; out_by: number | null; minutes: number }): Promise<boolean> {
  return changed(await db.updateTable('volunteer_hours').set(patch).where('id', '=', id).where('checked_out_at', 'is', null).executeTakeFirst())
}

export async function correctionsOf(db: Db, hoursIds: number[]): Promise<CorrectionRow[]> {
  if (hoursIds.length === 0) return []
  return db.selectFrom('volunteer_hour_corrections').selectAll().where('hours_id', 'in', hoursIds).orderBy('id').execute()
}

export async function insertCorrection(db: Db, v: Omit<CorrectionRow, 'id'>): Promise<void> {
  await db.insertInto('volunteer_hour_corrections').values(v).execute()
}

/** Records checked in and never checked out whose shift ended before `beforeIso`. */
export async function openRecordsEndedBefore(db: Db, beforeIso: string) {
  return db
    .selectFrom('volunteer_hours as h')
    .innerJoin('volunteer_shifts as v', 'v.id', 'h.shift_id')
    .select(['h.id as id', 'h.checked_in_at as checkedInAt', 'v.starts_at as startsAt', 'v.ends_at as endsAt'])
    .where('h.checked_out_at', 'is', null)
    .where('v.ends_at', '<', beforeIso)
    .execute()
}

/** Holdings of shifts that ended before `beforeIso` with nobody checked in. */
export async function unattendedEndedBefore(db: Db, beforeIso: string) {
  return db
    .selectFrom('shift_signups as s')
    .select(['s.id as id'])
    .where('s.state', '=', 'signed')
    .where('s.ends_at', '<', beforeIso)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('volunteer_hours as h').select('h.id').whereRef('h.signup_id', '=', 's.id'))))
    .execute()
}

/** Holdings starting within the reminder's reach that were not reminded yet. */
export async function dueReminders(db: Db, nowIso: string, untilIso: string) {
  return db
    .selectFrom('shift_signups as s')
    .innerJoin('volunteer_shifts as v', 'v.id', 's.shift_id')
    .select(['s.id as id', 's.user_id as userId', 's.code as code', 'v.id as shiftId', 'v.task as task', 'v.place as place', 'v.starts_at as startsAt'])
    .where('s.state', '=', 'signed')
    .where('s.reminded_at', 'is', null)
    .where('v.state', '=', 'published')
    .where('s.starts_at', '>', nowIso)
    .where('s.starts_at', '<=', untilIso)
    .execute()
}

export async function markReminded(db: Db, id: number, now: string): Promise<boolean> {
  return changed(await db.updateTable('shift_signups').set({ reminded_at: now }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst())
}

// ---------------------------------------------------------------- certificates

export async function certificate(db: Db, id: number): Promise<CertificateRow | undefined> {
  return db.selectFrom('volunteer_certificates').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function certificateByNumber(db: Db, number: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('volunteer_certificates').selectAll().where('number', '=', number).where('state', '=', 'issued').executeTakeFirst()
}

export async function certificatesOf(db: Db, filter: { userId?: number; states?: CertificateState[] }): Promise<CertificateRow[]> {
  let q = db.selectFrom('volunteer_certificates').selectAll()
  if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId)
  if (filter.states) q = q.where('state', 'in', filter.states)
  return q.orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(100).execute()
}

export async function insertCertificate(db: Db, values: Insertable<VolunteerCertificateTable>): Promise<number> {
  const row = await db.insertInto('volunteer_certificates').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function setCertificate(db: Db, id: number, patch: Updateable<VolunteerCertificateTable>): Promise<boolean> {
  return changed(await db.updateTable('volunteer_certificates').set(patch).where('id', '=', id).where('state', '=', 'requested').executeTakeFirst())
}

/** How many certificates were issued with numbers of the year, for the next number. */
export async function issuedInYear(db: Db, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('volunteer_certificates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('number', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
