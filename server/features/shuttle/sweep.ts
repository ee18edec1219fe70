// Every minute: places in the queue of runs whose booking has closed end, and their people are told that no seat
// freed up in time; two hours before a departure, everyone booked on it is reminded (messages/reminders.ts).
// Safe to run again at once and on several instances: each entry ends once (capacity.leave), each reminder is
// claimed once.
import type { Services } from '../../core/context'
import { sendReminders } from '../messages/reminders'
import { notify } from '../messages/service'
import { linesOf, windowFor } from './departures'
import { passLink, waitLink, when } from './present'
import * as repo from './repo'
import { promotionFor } from './seats'

/** How long before departure the reminder goes out. */
export const REMIND_HOURS_BEFORE = 2

export async function sweepShuttle(services: Services): Promise<{ lapsed: number; reminded: number }> {
  const lapsed = await lapseWaits(services)
  const reminded = await remind(services)
  return { lapsed, reminded }
}

function remind(services: Services): Promise<number> {
  const aheadMs = REMIND_HOURS_BEFORE * 3_600_000
  return sendReminders(services, {
    name: 'shuttle',
    due: ({ db }, now) =>
      db
        .selectFrom('shuttle_bookings as b')
        .innerJoin('shuttle_departures as d', 'd.id', 'b.departure_id')
        .innerJoin('shuttle_routes as r', 'r.id', 'd.route_id')
        .innerJoin('shuttle_stops as s', 's.id', 'b.stop_id')
        .select(['b.id', 'b.user_id as userId', 'b.code', 'b.seats', 'b.created_at as createdAt', 'd.departs_at as departsAt', 'r.name as route', 's.name as stop'])
        .where('b.state', '=', 'booked')
        .where('b.reminded_at', 'is', null)
        .where('d.state', '=', 'scheduled')
        .where('d.departs_at', '>', now.toISOString())
        .where('d.departs_at', '<=', new Date(now.getTime() + aheadMs).toISOString())
        .execute(),
    claim: async (tx, b, at) => {
      const res = await tx.updateTable('shuttle_bookings').set({ reminded_at: at }).where('id', '=', b.id).where('reminded_at', 'is', null).executeTakeFirst()
      return Number(res.numUpdatedRows) === 1
    },
    notice: (b) => {
      // Booked within the two hours: the pass they were just shown says it all.
      if (Date.parse(b.createdAt) >= Date.parse(b.departsAt) - aheadMs) return null
      return {
        userId: b.userId,
        title: '班车即将发车',
        body: `您预约的${when(b.departsAt)}「${b.route}」将在两小时内发车，请到${b.stop}候车，乘车码 ${b.code}（${b.seats}人）。`,
        link: passLink(b.id),
        template: 'shuttle_reminder',
        payload: { bookingId: b.id, route: b.route, departsAt: b.departsAt, stop: b.stop, seats: b.seats, code: b.code },
      }
    },
  })
}

async function lapseWaits(services: Services): Promise<number> {
  const { db } = services
  const now = services.clock()
  const routes = await repo.routes(db, false)
  const lines = await linesOf(db, routes)
  const open = await db
    .selectFrom('shuttle_departures as d')
    .selectAll('d')
    .where('d.state', '=', 'scheduled')
    .where((eb) => eb.exists(eb.selectFrom('shuttle_waits as w').innerJoin('capacity_waiters as q', 'q.id', 'w.waiter_id').select('w.id').whereRef('w.departure_id', '=', 'd.id').where('q.state', '=', 'waiting')))
    .execute()
  let lapsed = 0
  for (const d of open) {
    const line = lines.get(d.route_id)!
    if (now.getTime() < Date.parse(windowFor(line, d).closesAt)) continue
    await db.transaction().execute(async (tx) => {
      for (const w of await repo.waitingOn(tx, [d.id])) {
        if ((await services.capacity.leave(tx, w.waiter_id, promotionFor(services))) !== 'waiting') continue
        lapsed++
        await notify(tx, {
          userId: w.user_id,
          title: '候补未成功',
          body: `${when(d.departs_at)}「${line.route.name}」已截止预约，候补期间没有空出座位。`,
          link: waitLink(w.id),
          template: 'shuttle_wait_lapsed',
          payload: { waitId: w.id, route: line.route.name, departsAt: d.departs_at },
          now: now.toISOString(),
        })
      }
    })
  }
  return lapsed
}
