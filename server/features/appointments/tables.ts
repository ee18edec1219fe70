import type { ColumnType, Generated } from 'kysely'
import { declareTables, type Flag, type Instant } from '../../db/tables'

export type ApptServiceKind = 'general' | 'ticket'

export interface ApptServiceTable {
  id: Generated<number>
  name: string
  description: string
  /** JSON array of strings. */
  checklist: string
  kind: ApptServiceKind
  notice: string | null
  duration_minutes: number
  places: number
  book_ahead_days: number
  min_notice_minutes: number
  cancel_cutoff_minutes: number
  active: ColumnType<Flag, Flag | undefined, Flag>
  sort_order: ColumnType<number, number | undefined, number>
  created_at: Instant
  updated_at: Instant
}

export interface ApptHoursTable {
  id: Generated<number>
  service_id: number
  weekday: number
  starts: string
  ends: string
}

export interface ApptClosureTable {
  id: Generated<number>
  service_id: number | null
  day: string
  starts: string | null
  ends: string | null
  reason: string
  created_by: number | null
  created_at: Instant
}

export type BookingStatus = 'booked' | 'checked_in' | 'done' | 'no_show' | 'cancelled'
export type BookerRole = 'resident' | 'grid_worker' | 'staff'

export interface ApptBookingTable {
  id: Generated<number>
  code: string
  service_id: number
  resident_id: number
  booked_by: number | null
  booked_by_role: BookerRole
  day: string
  starts_at: Instant
  ends_at: Instant
  unit_id: number
  status: BookingStatus
  displaced_at: Instant | null
  cancel_reason: string | null
  cancelled_by_role: BookerRole | 'system' | null
  created_at: Instant
  updated_at: Instant
  cancelled_at: Instant | null
  checked_in_at: Instant | null
  finished_at: Instant | null
  reminded_at: Instant | null
}

export type TicketOutcome = 'issued' | 'unavailable'

export interface ApptTripTable {
  booking_id: number
  travel_date: string
  from_station: string
  to_station: string
  preference: string | null
  outcome: TicketOutcome | null
  outcome_text: string | null
  outcome_at: Instant | null
  outcome_by: number | null
  purge_after: string
  /** When the person booking agreed to the passengers' ID numbers being used for this purchase (null before 008). */
  id_card_consent_at: Instant | null
}

export interface ApptPassengerTable {
  id: Generated<number>
  booking_id: number
  position: number
  name: string
  id_card_sealed: string | null
  id_card_masked: string
  purged_at: Instant | null
}

export interface AppointmentsTables {
  appt_services: ApptServiceTable
  appt_hours: ApptHoursTable
  appt_closures: ApptClosureTable
  appt_bookings: ApptBookingTable
  appt_trips: ApptTripTable
  appt_passengers: ApptPassengerTable
}

export const appointmentsTables = declareTables<AppointmentsTables>({
  appt_services: {
    id: 'not null',
    name: 'not null',
    description: 'not null',
    checklist: 'not null',
    kind: 'not null',
    notice: 'null',
    duration_minutes: 'not null',
    places: 'not null',
    book_ahead_days: 'not null',
    min_notice_minutes: 'not null',
    cancel_cutoff_minutes: 'not null',
    active: 'not null',
    sort_order: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
  },
  appt_hours: { id: 'not null', service_id: 'not null', weekday: 'not null', starts: 'not null', ends: 'not null' },
  appt_closures: { id: 'not null', service_id: 'null', day: 'not null', starts: 'null', ends: 'null', reason: 'not null', created_by: 'null', created_at: 'not null' },
  appt_bookings: {
    id: 'not null',
    code: 'not null',
    service_id: 'not null',
    resident_id: 'not null',
    booked_by: 'null',
    booked_by_role: 'not null',
    day: 'not null',
    starts_at: 'not null',
    ends_at: 'not null',
    unit_id: 'not null',
    status: 'not null',
    displaced_at: 'null',
    cancel_reason: 'null',
    cancelled_by_role: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    cancelled_at: 'null',
    checked_in_at: 'null',
    finished_at: 'null',
    reminded_at: 'null',
  },
  appt_trips: {
    booking_id: 'not null',
    travel_date: 'not null',
    from_station: 'not null',
    to_station: 'not null',
    preference: 'null',
    outcome: 'null',
    outcome_text: 'null',
    outcome_at: 'null',
    outcome_by: 'null',
    purge_after: 'not null',
    id_card_consent_at: 'null',
  },
  appt_passengers: { id: 'not null', booking_id: 'not null', position: 'not null', name: 'not null', id_card_sealed: 'null', id_card_masked: 'not null', purged_at: 'null' },
})
