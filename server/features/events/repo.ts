// SQL of 活动报名. No rules here: those are rules.ts, applied by the services.
import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../../db/connect'
import type { EventRow, EventSignupTable, EventTable, GuestRow, SessionRow, SignupRow, SignupState, VenueRow, WaitRow } from './tables'

export const SCOPE = 'event'

export async function venues(db: Db): Promise<VenueRow[]> {
  return db.selectFrom('event_venues').selectAll().orderBy('sort_order').orderBy('id').execute()
}

export async function event(db: Db, id: number): Promise<EventRow | undefined> {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function eventsByIds(db: Db, ids: number[]): Promise<EventRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('events').selectAll().where('id', 'in', ids).execute()
}

/** Published (and cancelled) events ending after `fromIso`, optionally of a category and starting before `toIso`. */
export async function coming(db: Db, filter: { fromIso: string; toIso?: string; category?: string }): Promise<EventRow[]> {
  let q = db.selectFrom('events').selectAll().where('state', 'in', ['published', 'cancelled']).where('ends_at', '>', filter.fromIso)
  if (filter.toIso) q = q.where('starts_at', '<', filter.toIso)
  if (filter.category) q = q.where('category', '=', filter.category as EventRow['category'])
  return q.orderBy('starts_at').orderBy('id').limit(200).execute()
}

/** What an organiser sees: every event for staff, their teams' and their own otherwise; newest first. */
export async function organisedBy(db: Db, who: { userId: number; staff: boolean; ledTeamIds: number[] }): Promise<EventRow[]> {
  let q = db.selectFrom('events').selectAll()
  if (!who.staff) {
    q = q.where((eb) => (who.ledTeamIds.length > 0 ? eb.or([eb('team_id', 'in', who.ledTeamIds), eb('created_by', '=', who.userId)]) : eb('created_by', '=', who.userId)))
  }
  return q.orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(200).execute()
}

export async function insertEvent(db: Db, values: Insertable<EventTable>): Promise<number> {
  const row = await db.insertInto('events').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Updates an event still in one of `from`; false when it changed meanwhile. */
export async function setEvent(db: Db, id: number, from: readonly EventRow['state'][], patch: Updateable<EventTable>): Promise<boolean> {
  const res = await db.updateTable('events').set(patch).where('id', '=', id).where('state', 'in', from).executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function sessionsOf(db: Db, eventIds: number[]): Promise<SessionRow[]> {
  if (eventIds.length === 0) return []
  return db.selectFrom('event_sessions').selectAll().where('event_id', 'in', eventIds).orderBy('event_id').orderBy('position').execute()
}

export async function replaceSessions(db: Db, eventId: number, sessions: { startsAt: string; endsAt: string }[]): Promise<void> {
  const old = await db.selectFrom('event_sessions').select(['id', 'position']).where('event_id', '=', eventId).orderBy('position').execute()
  // Sessions keep their ids by position, so attendance already taken stays with its session.
  for (const [i, s] of sessions.entries()) {
    const keep = old.find((o) => o.position === i + 1)
    if (keep) await db.updateTable('event_sessions').set({ starts_at: s.startsAt, ends_at: s.endsAt }).where('id', '=', keep.id).execute()
    else await db.insertInto('event_sessions').values({ event_id: eventId, position: i + 1, starts_at: s.startsAt, ends_at: s.endsAt }).execute()
  }
  await db.deleteFrom('event_sessions').where('event_id', '=', eventId).where('position', '>', sessions.length).execute()
}

export async function signup(db: Db, id: number): Promise<SignupRow | undefined> {
  return db.selectFrom('event_signups').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function signupByCode(db: Db, code: string): Promise<SignupRow | undefined> {
  return db.selectFrom('event_signups').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function liveSignup(db: Db, eventId: number, userId: number): Promise<SignupRow | undefined> {
  return db.selectFrom('event_signups').selectAll().where('event_id', '=', eventId).where('user_id', '=', userId).where('state', '=', 'signed').executeTakeFirst()
}

export async function signupsOfEvent(db: Db, eventId: number, state?: SignupState): Promise<SignupRow[]> {
  let q = db.selectFrom('event_signups').selectAll().where('event_id', '=', eventId)
  if (state) q = q.where('state', '=', state)
  return q.orderBy('id').execute()
}

export async function signupsOfUser(db: Db, userId: number): Promise<SignupRow[]> {
  return db.selectFrom('event_signups').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(200).execute()
}

export async function insertSignup(db: Db, values: Insertable<EventSignupTable>): Promise<number> {
  const row = await db.insertInto('event_signups').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function setSignup(db: Db, id: number, from: readonly SignupState[], patch: Updateable<EventSignupTable>): Promise<boolean> {
  const res = await db.updateTable('event_signups').set(patch).where('id', '=', id).where('state', 'in', from).executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function insertGuests(db: Db, signupId: number, named: { companionId: number | null; name: string; relation: string }[]): Promise<void> {
  for (const [i, g] of named.entries()) {
    await db.insertInto('event_guests').values({ signup_id: signupId, position: i + 1, companion_id: g.companionId, name: g.name, relation: g.relation }).execute()
  }
}

export async function guestsOf(db: Db, signupIds: number[]): Promise<GuestRow[]> {
  if (signupIds.length === 0) return []
  return db.selectFrom('event_guests').selectAll().where('signup_id', 'in', signupIds).orderBy('signup_id').orderBy('position').execute()
}

export async function attendanceOf(db: Db, signupIds: number[]) {
  if (signupIds.length === 0) return []
  return db.selectFrom('event_attendance').selectAll().where('signup_id', 'in', signupIds).orderBy('id').execute()
}

export async function wait(db: Db, id: number): Promise<WaitRow | undefined> {
  return db.selectFrom('event_waits').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function waitByWaiter(db: Db, waiterId: number): Promise<WaitRow | undefined> {
  return db.selectFrom('event_waits').selectAll().where('waiter_id', '=', waiterId).executeTakeFirst()
}

export async function insertWait(db: Db, values: Omit<WaitRow, 'id' | 'signup_id'>): Promise<number> {
  const row = await db.insertInto('event_waits').values({ ...values, signup_id: null }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function setWaitSignup(db: Db, id: number, signupId: number): Promise<void> {
  await db.updateTable('event_waits').set({ signup_id: signupId }).where('id', '=', id).execute()
}

/** Queue entries (with their capacity state) of a person, or of events. */
export async function waitsWithQueue(db: Db, filter: { userId?: number; eventIds?: number[]; state?: 'waiting' }) {
  let q = db
    .selectFrom('event_waits as w')
    .innerJoin('capacity_waiters as q', 'q.id', 'w.waiter_id')
    .selectAll('w')
    .select(['q.state as queueState', 'q.quantity as quantity'])
  if (filter.userId !== undefined) q = q.where('w.user_id', '=', filter.userId)
  if (filter.eventIds) q = filter.eventIds.length ? q.where('w.event_id', 'in', filter.eventIds) : q.where('w.id', '<', 0)
  if (filter.state) q = q.where('q.state', '=', filter.state)
  return q.orderBy('w.id').execute()
}

/** How many wait now per event. */
export async function waitingCounts(db: Db, eventIds: number[]): Promise<Map<number, number>> {
  if (eventIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('event_waits as w')
    .innerJoin('capacity_waiters as q', 'q.id', 'w.waiter_id')
    .select(['w.event_id as eventId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('w.event_id', 'in', eventIds)
    .where('q.state', '=', 'waiting')
    .groupBy('w.event_id')
    .execute()
  return new Map(rows.map((r) => [r.eventId, Number(r.n)]))
}

export async function usersByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('users')
    .leftJoin('households', 'households.id', 'users.household_id')
    .leftJoin('buildings', 'buildings.id', 'households.building_id')
    .select(['users.id as id', 'users.name as name', 'users.phone as phone', 'users.birth_year as birthYear', 'buildings.grid_id as gridId'])
    .where('users.id', 'in', ids)
    .execute()
}

export async function gridNames(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('grids').select(['id', 'name']).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

export async function teams(db: Db) {
  return db.selectFrom('volunteer_teams').select(['id', 'name']).orderBy('id').execute()
}

export async function ledTeamIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('volunteer_members').select('team_id').where('user_id', '=', userId).where('is_leader', '=', 1).execute()
  return rows.map((r) => r.team_id)
}

/** Events that ended with the person absent from every session: each counts once, at the event's end. */
export async function noShowsOf(db: Db, userId: number, sinceIso: string, nowIso: string): Promise<string[]> {
  const rows = await db
    .selectFrom('event_signups as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .select(['e.ends_at as endsAt'])
    .where('s.user_id', '=', userId)
    .where('s.state', '=', 'signed')
    .where('e.state', '=', 'published')
    .where('e.ends_at', '>', sinceIso)
    .where('e.ends_at', '<=', nowIso)
    .where((eb) => eb.exists(eb.selectFrom('event_attendance as a').select('a.id').whereRef('a.signup_id', '=', 's.id').where('a.state', '=', 'absent')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('event_attendance as a').select('a.id').whereRef('a.signup_id', '=', 's.id').where('a.state', '=', 'present'))))
    .execute()
  return rows.map((r) => r.endsAt)
}
