// A resident's part of the data: what export includes, and what deleting the account erases.
import { auditOf } from '../../core/audit'
import type { Services } from '../../core/context'
import type { Db } from '../../db/connect'
import { bookedByOf } from './present'
import * as repo from './repo'
import { LIVE_STATES } from './rules'

export async function exportOf(db: Db, residentId: number) {
  const ids = await repo.bookingIdsOfResident(db, residentId)
  const out = []
  for (const id of ids) {
    const b = (await repo.bookingById(db, id))!
    const trip = await repo.tripOf(db, id)
    const views = trip ? await auditOf(db, 'appointments.revealIdCard', 'appt_passenger', trip.passengers.map((p) => p.id)) : []
    out.push({
      code: b.code,
      service: b.serviceName,
      startsAt: b.startsAt,
      status: b.status,
      bookedBy: bookedByOf(b),
      createdAt: b.createdAt,
      trip: trip
        ? {
            travelDate: trip.trip.travel_date,
            from: trip.trip.from_station,
            to: trip.trip.to_station,
            passengers: trip.passengers.map((p) => ({
              name: p.name,
              idCard: p.id_card_masked,
              // Each time community staff opened the whole number, and why.
              idCardViews: views
                .filter((v) => v.targetId === String(p.id))
                .map((v) => ({ at: v.at, purpose: v.detail ? ((JSON.parse(v.detail) as { purpose?: string }).purpose ?? null) : null })),
            })),
            outcome: trip.trip.outcome,
            outcomeText: trip.trip.outcome_text,
          }
        : null,
    })
  }
  return out
}

/** A deleted account holds no places and keeps no passengers' ID numbers. */
export async function forgetResident(ctx: Services, tx: Db, residentId: number, nowIso: string) {
  for (const b of await repo.liveBookingsOfResident(tx, residentId)) {
    await repo.setStatus(tx, b.id, LIVE_STATES, { status: 'cancelled', cancelled_at: nowIso, cancel_reason: '居民已注销', cancelled_by_role: 'system' }, nowIso)
    await ctx.capacity.release(tx, b.unitId, 1)
  }
  const ids = await repo.bookingIdsOfResident(tx, residentId)
  await repo.purgeIdCards(tx, { bookingIds: ids }, nowIso)
  await repo.deletePassengers(tx, ids)
}
