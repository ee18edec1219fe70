// A resident's part of the events' data: what the export holds, and what deleting the account erases. Places given
// back go to the waiting list as any cancellation's do; the companions' names (the resident's family) go too.
import type { Services } from '../../core/context'
import type { Db } from '../../db/connect'
import * as repo from './repo'
import { promotionFor } from './signups'

export async function exportOf(db: Db, userId: number) {
  const signups = await repo.signupsOfUser(db, userId)
  const events = await repo.eventsByIds(db, [...new Set(signups.map((s) => s.event_id))])
  const [guests, attendance, waits] = await Promise.all([repo.guestsOf(db, signups.map((s) => s.id)), repo.attendanceOf(db, signups.map((s) => s.id)), repo.waitsWithQueue(db, { userId })])
  return {
    eventSignups: signups.map((s) => ({
      event: events.find((e) => e.id === s.event_id)?.title ?? null,
      startsAt: events.find((e) => e.id === s.event_id)?.starts_at ?? null,
      code: s.code,
      state: s.state,
      places: s.places,
      companions: guests.filter((g) => g.signup_id === s.id).map((g) => ({ name: g.name, relation: g.relation })),
      attendance: attendance.filter((a) => a.signup_id === s.id).map((a) => ({ state: a.state, at: a.at })),
      createdAt: s.created_at,
    })),
    eventWaits: waits.map((w) => ({ eventId: w.event_id, state: w.queueState, places: w.quantity, joinedAt: w.created_at })),
  }
}

export async function forgetAttendee(services: Services, tx: Db, userId: number, now: string) {
  const promotion = promotionFor(services)
  for (const s of (await repo.signupsOfUser(tx, userId)).filter((x) => x.state === 'signed')) {
    const e = (await repo.event(tx, s.event_id))!
    await repo.setSignup(tx, s.id, ['signed'], { state: 'cancelled', cancel_reason: '居民已注销', cancelled_at: now, updated_at: now })
    if (e.state === 'published' && Date.parse(e.ends_at) > Date.parse(now)) await services.capacity.release(tx, e.unit_id!, s.places, promotion)
  }
  for (const w of (await repo.waitsWithQueue(tx, { userId, state: 'waiting' }))) await services.capacity.leave(tx, w.waiter_id, promotion)
  const ids = (await repo.signupsOfUser(tx, userId)).map((s) => s.id)
  if (ids.length) await tx.updateTable('event_guests').set({ name: '已注销', relation: '—', companion_id: null }).where('signup_id', 'in', ids).execute()
  await tx.updateTable('event_waits').set({ named: '[]' }).where('user_id', '=', userId).execute()
}
