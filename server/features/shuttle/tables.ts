// 高铁站班车: routes with their stops, weekly patterns, departures (from a pattern or extra runs), seat bookings
// with their riders, and waiting-list entries beside the shared capacity queue (server/core/capacity.ts).
import type { Generated, Selectable } from 'kysely'
import { declareTables, type Flag, type Instant } from '../../db/tables'

export type Direction = 'to_station' | 'from_station'
export type DepartureState = 'scheduled' | 'cancelled' | 'departed'
export type SeatState = 'booked' | 'cancelled' | 'done'
export type RiderState = 'booked' | 'cancelled' | 'boarded' | 'no_show'

export interface ShuttleRouteTable {
  id: Generated<number>
  name: string
  direction: Direction
  active: Flag
  sort_order: number
  /** Booking opens this many days before the departure's day, at `open_time` (Beijing). */
  open_days_ahead: number
  open_time: string
  /** Booking closes this many minutes before the departure from the rider's stop… */
  close_minutes: number
  /** …except for departures before `early_before` (from the first stop), which close at `early_close_time` the day before. */
  early_before: string | null
  early_close_time: string
  /** Residents may cancel until this many minutes before the departure from their stop. */
  cancel_minutes: number
  updated_at: Instant
}

export interface ShuttleStopTable {
  id: Generated<number>
  route_id: number
  position: number
  name: string
  /** Minutes after the departure from the first stop. */
  minutes: number
  latitude: number
  longitude: number
  /** Where exactly to wait, in a line. */
  wait_note: string
}

export interface ShuttlePatternTable {
  id: Generated<number>
  route_id: number
  /** Beijing clock time of the departure from the first stop. */
  departs: string
  /** ISO weekdays it runs on, e.g. "12345" or "1234567". */
  weekdays: string
  seats: number
  driver_id: number | null
  active: Flag
}

export interface ShuttleDepartureTable {
  id: Generated<number>
  route_id: number
  /** Null for an extra run. */
  pattern_id: number | null
  /** The Beijing-time day it runs on. */
  day: string
  departs_at: Instant
  seats: number
  driver_id: number | null
  state: DepartureState
  /** Why it was cancelled, moved or added (holidays, 春运). */
  note: string | null
  unit_id: number
  /** The time it had before staff moved it, for the notice and the record. */
  moved_from: Instant | null
  departed_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

export interface ShuttleBookingTable {
  id: Generated<number>
  code: string
  departure_id: number
  user_id: number
  stop_id: number
  seats: number
  train_no: string | null
  /** The train's departure from (or arrival at) 徐州东站, as the resident gave it. */
  train_at: Instant | null
  state: SeatState
  cancel_reason: string | null
  created_at: Instant
  updated_at: Instant
  cancelled_at: Instant | null
  /** When the seats came from the waiting list. */
  from_wait_id: number | null
  /** The booking this one's party was rebooked onto after its departure was cancelled. */
  rebooked_as: number | null
  /** When the reminder two hours before departure was written. */
  reminded_at: Instant | null
}

export interface ShuttleRiderTable {
  id: Generated<number>
  booking_id: number
  position: number
  /** Null for the booker themselves; a companion's id otherwise (they may be deleted later; the name stays). */
  companion_id: number | null
  name: string
  relation: string
  state: RiderState
  checked_in_at: Instant | null
  checked_in_by: number | null
}

export interface ShuttleWaitTable {
  id: Generated<number>
  /** The capacity_waiters entry holding the place in the queue. */
  waiter_id: number
  departure_id: number
  user_id: number
  stop_id: number
  train_no: string | null
  train_at: Instant | null
  /** JSON: [{ companionId: number | null, name, relation }], the riders the seats are for. */
  riders: string
  booking_id: number | null
  created_at: Instant
}

export interface ShuttleTables {
  shuttle_routes: ShuttleRouteTable
  shuttle_stops: ShuttleStopTable
  shuttle_patterns: ShuttlePatternTable
  shuttle_departures: ShuttleDepartureTable
  shuttle_bookings: ShuttleBookingTable
  shuttle_riders: ShuttleRiderTable
  shuttle_waits: ShuttleWaitTable
}

export type RouteRow = Selectable<ShuttleRouteTable>
export type StopRow = Selectable<ShuttleStopTable>
export type PatternRow = Selectable<ShuttlePatternTable>
export type DepartureRow = Selectable<ShuttleDepartureTable>
export type BookingRow = Selectable<ShuttleBookingTable>
export type RiderRow = Selectable<ShuttleRiderTable>
export type WaitRow = Selectable<ShuttleWaitTable>

export const shuttleTables = declareTables<ShuttleTables>({
  shuttle_routes: {
    id: 'not null',
    name: 'not null',
    direction: 'not null',
    active: 'not null',
    sort_order: 'not null',
    open_days_ahead: 'not null',
    open_time: 'not null',
    close_minutes: 'not null',
    early_before: 'null',
    early_close_time: 'not null',
    cancel_minutes: 'not null',
    updated_at: 'not null',
  },
  shuttle_stops: { id: 'not null', route_id: 'not null', position: 'not null', name: 'not null', minutes: 'not null', latitude: 'not null', longitude: 'not null', wait_note: 'not null' },
  shuttle_patterns: { id: 'not null', route_id: 'not null', departs: 'not null', weekdays: 'not null', seats: 'not null', driver_id: 'null', active: 'not null' },
  shuttle_departures: {
    id: 'not null',
    route_id: 'not null',
    pattern_id: 'null',
    day: 'not null',
    departs_at: 'not null',
    seats: 'not null',
    driver_id: 'null',
    state: 'not null',
    note: 'null',
    unit_id: 'not null',
    moved_from: 'null',
    departed_at: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  shuttle_bookings: {
    id: 'not null',
    code: 'not null',
    departure_id: 'not null',
    user_id: 'not null',
    stop_id: 'not null',
    seats: 'not null',
    train_no: 'null',
    train_at: 'null',
    state: 'not null',
    cancel_reason: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    cancelled_at: 'null',
    from_wait_id: 'null',
    rebooked_as: 'null',
    reminded_at: 'null',
  },
  shuttle_riders: { id: 'not null', booking_id: 'not null', position: 'not null', companion_id: 'null', name: 'not null', relation: 'not null', state: 'not null', checked_in_at: 'null', checked_in_by: 'null' },
  shuttle_waits: {
    id: 'not null',
    waiter_id: 'not null',
    departure_id: 'not null',
    user_id: 'not null',
    stop_id: 'not null',
    train_no: 'null',
    train_at: 'null',
    riders: 'not null',
    booking_id: 'null',
    created_at: 'not null',
  },
})
