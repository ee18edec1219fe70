// Every few minutes: places in the queue of runs whose booking has closed end, and their people are told that no
// seat freed up in time. Safe to run again at once and on several instances: each entry ends once (capacity.leave).
import type { Services } from '../../core/context'
import { notify } from '../messages/service'
import { linesOf, windowFor } from './departures'
import { waitLink, when } from './present'
import * as repo from './repo'
import { promotionFor } from './seats'

export async function sweepShuttle(services: Services): Promise<{ lapsed: number }> {
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
  return { lapsed }
}
