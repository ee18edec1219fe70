// What the shuttle's tests share: signed-in demo people, a departure by its Beijing clock time, and seat bookings.
import { atLocal } from '../../../common/time'
import type { TestBackend } from '../../testing/harness'
import type { DepartureOut, Direction } from './actions'

export const PEOPLE = ['resident', 'resident2', 'volunteer', 'driver', 'driver2', 'staff', 'admin'] as const
export type Who = (typeof PEOPLE)[number]

export async function shuttleWorld(t: TestBackend) {
  const tk = {} as Record<Who, string>
  for (const who of PEOPLE) tk[who] = await t.signIn(who)

  async function departure(direction: Direction, day: string, hhmm: string, who: Who = 'resident'): Promise<DepartureOut> {
    const list = await t.ok('shuttle', 'departures', { direction, day }, { token: tk[who] })
    const d = list.departures.find((x) => x.departsAt === atLocal(day, hhmm))
    if (!d) throw new Error(`no ${direction} run at ${day} ${hhmm}: ${list.departures.map((x) => x.departsAt).join(', ')}`)
    return d
  }
  const firstStop = (d: DepartureOut) => d.stops[0]!.id
  const lastStop = (d: DepartureOut) => d.stops[d.stops.length - 1]!.id
  /** Where a rider names their stop: the first stop going to the station, the last coming home. */
  const riderStop = (d: DepartureOut) => (d.direction === 'to_station' ? firstStop(d) : lastStop(d))

  async function companion(who: Who, name: string, relation = '配偶'): Promise<number> {
    const list = await t.ok('account', 'saveCompanion', { name, relation }, { token: tk[who] })
    return list.find((c) => c.name === name)!.id
  }

  const seat = (who: Who, d: DepartureOut, riders: { self?: boolean; companionIds?: number[] } = {}, extra: object = {}) =>
    t.call('shuttle', 'book', { departureId: d.id, stopId: riderStop(d), self: riders.self ?? true, companionIds: riders.companionIds ?? [], ...extra }, { token: tk[who] })

  const waitFor = (who: Who, d: DepartureOut, riders: { self?: boolean; companionIds?: number[] } = {}) =>
    t.call('shuttle', 'wait', { departureId: d.id, stopId: riderStop(d), self: riders.self ?? true, companionIds: riders.companionIds ?? [] }, { token: tk[who] })

  /** Staff set a run's seats, time kept. */
  async function seatsOf(d: DepartureOut, seats: number) {
    const hhmm = new Date(Date.parse(d.departsAt) + 8 * 3_600_000).toISOString().slice(11, 16)
    await t.ok('shuttle', 'changeDeparture', { id: d.id, departs: hhmm, seats }, { token: tk.staff })
  }

  const messages = async (who: Who) => (await t.ok('messages', 'list', {}, { token: tk[who] })).items
  const unit = async (d: DepartureOut) => {
    const row = await t.db.selectFrom('shuttle_departures').innerJoin('capacity_units', 'capacity_units.id', 'shuttle_departures.unit_id').select(['places', 'taken']).where('shuttle_departures.id', '=', d.id).executeTakeFirstOrThrow()
    return row
  }
  return { tk, departure, firstStop, lastStop, riderStop, companion, seat, waitFor, seatsOf, messages, unit }
}
