// A resident's part of the shuttle's data: what the export holds, and what deleting the account erases. Freed seats
// go to the waiting list as any cancellation's do; the riders' names (the resident's family) go with the account.
import type { Services } from '../../core/context'
import type { Db } from '../../db/connect'
import * as repo from './repo'
import { promotionFor } from './seats'

export async function exportOf(db: Db, userId: number) {
  const bookings = await repo.bookingsOf(db, userId)
  const departures = await repo.departuresByIds(db, [...new Set(bookings.map((b) => b.departure_id))])
  const riders = await repo.ridersOf(db, bookings.map((b) => b.id))
  const stops = await repo.stopsOf(db, [...new Set(departures.map((d) => d.route_id))])
  const waits = await repo.waitsOf(db, userId)
  return {
    shuttleSeats: bookings.map((b) => ({
      code: b.code,
      departsAt: departures.find((d) => d.id === b.departure_id)?.departs_at ?? null,
      stop: stops.find((s) => s.id === b.stop_id)?.name ?? null,
      state: b.state,
      trainNo: b.train_no,
      trainAt: b.train_at,
      riders: riders.filter((r) => r.booking_id === b.id).map((r) => ({ name: r.name, relation: r.relation, state: r.state, checkedInAt: r.checked_in_at })),
      createdAt: b.created_at,
    })),
    shuttleWaits: waits.map((w) => ({ departureId: w.departure_id, state: w.queue_state, riders: JSON.parse(w.riders) as unknown, trainNo: w.train_no, joinedAt: w.created_at })),
  }
}

export async function forgetRider(services: Services, tx: Db, userId: number, now: string) {
  const promotion = promotionFor(services)
  for (const b of (await repo.bookingsOf(tx, userId)).filter((x) => x.state === 'booked')) {
    const d = (await repo.departure(tx, b.departure_id))!
    const riders = (await repo.ridersOf(tx, [b.id])).filter((r) => r.state === 'booked')
    await repo.setRiders(tx, riders.map((r) => r.id), 'booked', { state: 'cancelled' })
    await repo.setBooking(tx, b.id, { from: ['booked'] }, { state: 'cancelled', cancel_reason: '居民已注销', cancelled_at: now, updated_at: now })
    if (d.state === 'scheduled') await services.capacity.release(tx, d.unit_id, riders.length, promotion)
  }
  for (const w of (await repo.waitsOf(tx, userId)).filter((x) => x.queue_state === 'waiting')) await services.capacity.leave(tx, w.waiter_id, promotion)
  const ids = (await repo.bookingsOf(tx, userId)).map((b) => b.id)
  if (ids.length) {
    await tx.updateTable('shuttle_riders').set({ name: '已注销', relation: '—', companion_id: null }).where('booking_id', 'in', ids).execute()
    await tx.updateTable('shuttle_bookings').set({ train_no: null, train_at: null }).where('id', 'in', ids).execute()
  }
  await tx.updateTable('shuttle_waits').set({ riders: '[]', train_no: null, train_at: null }).where('user_id', '=', userId).execute()
}
