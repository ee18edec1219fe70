// 活动报名: events (one-off or a series of sessions), the places they are held, sign-ups with their named guests,
// waiting-list entries beside the shared capacity queue (server/core/capacity.ts), attendance per session and the
// morning reminders already sent.
import type { Generated, Selectable } from 'kysely'
import { declareTables, type Instant } from '../../db/tables'

export const CATEGORIES = ['演出', '老年大学', '培训', '读书会', '讲座', '民族节日', '议事会'] as const
export type Category = (typeof CATEGORIES)[number]
export type EventState = 'draft' | 'published' | 'cancelled'
export type SignupState = 'signed' | 'cancelled'
/** How companions are given: by name from 常用乘车人, or only how many come. */
export type GuestMode = 'named' | 'count'
export type AttendanceState = 'present' | 'absent'

export interface EventVenueTable {
  id: Generated<number>
  name: string
  latitude: number
  longitude: number
  address: string
  sort_order: number
}

export interface EventTable {
  id: Generated<number>
  title: string
  category: Category
  description: string
  poster_upload_id: number | null
  venue_id: number
  /** Where within the place: 二楼多功能厅. */
  room: string | null
  /** The first session's start and the last one's end. */
  starts_at: Instant
  ends_at: Instant
  places: number
  /** JSON array of grid ids, or null for every grid. */
  grid_ids: string | null
  min_age: number | null
  max_age: number | null
  signup_opens_at: Instant
  signup_closes_at: Instant
  cancel_until: Instant
  max_guests: number
  guest_mode: GuestMode
  /** The 红石榴 team that runs it, whose leaders may change it; null for the community's own. */
  team_id: number | null
  state: EventState
  /** Made when it is first published. */
  unit_id: number | null
  cancel_reason: string | null
  created_by: number
  created_at: Instant
  updated_at: Instant
  published_at: Instant | null
}

export interface EventSessionTable {
  id: Generated<number>
  event_id: number
  position: number
  starts_at: Instant
  ends_at: Instant
}

export interface EventSignupTable {
  id: Generated<number>
  code: string
  event_id: number
  /** Null for a walk-in who is not in the app. */
  user_id: number | null
  /** A walk-in's name as the desk typed it. */
  walk_in_name: string | null
  /** The person and everyone they bring. */
  places: number
  state: SignupState
  cancel_reason: string | null
  from_wait_id: number | null
  created_at: Instant
  updated_at: Instant
  cancelled_at: Instant | null
}

export interface EventGuestTable {
  id: Generated<number>
  signup_id: number
  position: number
  /** The 常用乘车人 it came from (they may be deleted later; the name stays). */
  companion_id: number | null
  name: string
  relation: string
}

export interface EventWaitTable {
  id: Generated<number>
  waiter_id: number
  event_id: number
  user_id: number
  /** JSON: [{ companionId, name, relation }], named guests; `guests` counts the unnamed ones. */
  named: string
  guests: number
  signup_id: number | null
  created_at: Instant
}

export interface EventAttendanceTable {
  id: Generated<number>
  signup_id: number
  session_id: number
  state: AttendanceState
  at: Instant
  /** Who checked them in; null for an absence the sweep recorded. */
  by_id: number | null
}

export interface EventReminderTable {
  signup_id: number
  session_id: number
  sent_at: Instant
}

export interface EventTables {
  event_venues: EventVenueTable
  events: EventTable
  event_sessions: EventSessionTable
  event_signups: EventSignupTable
  event_guests: EventGuestTable
  event_waits: EventWaitTable
  event_attendance: EventAttendanceTable
  event_reminders: EventReminderTable
}

export type VenueRow = Selectable<EventVenueTable>
export type EventRow = Selectable<EventTable>
export type SessionRow = Selectable<EventSessionTable>
export type SignupRow = Selectable<EventSignupTable>
export type GuestRow = Selectable<EventGuestTable>
export type WaitRow = Selectable<EventWaitTable>

export const eventTables = declareTables<EventTables>({
  event_venues: { id: 'not null', name: 'not null', latitude: 'not null', longitude: 'not null', address: 'not null', sort_order: 'not null' },
  events: {
    id: 'not null',
    title: 'not null',
    category: 'not null',
    description: 'not null',
    poster_upload_id: 'null',
    venue_id: 'not null',
    room: 'null',
    starts_at: 'not null',
    ends_at: 'not null',
    places: 'not null',
    grid_ids: 'null',
    min_age: 'null',
    max_age: 'null',
    signup_opens_at: 'not null',
    signup_closes_at: 'not null',
    cancel_until: 'not null',
    max_guests: 'not null',
    guest_mode: 'not null',
    team_id: 'null',
    state: 'not null',
    unit_id: 'null',
    cancel_reason: 'null',
    created_by: 'not null',
    created_at: 'not null',
    updated_at: 'not null',
    published_at: 'null',
  },
  event_sessions: { id: 'not null', event_id: 'not null', position: 'not null', starts_at: 'not null', ends_at: 'not null' },
  event_signups: {
    id: 'not null',
    code: 'not null',
    event_id: 'not null',
    user_id: 'null',
    walk_in_name: 'null',
    places: 'not null',
    state: 'not null',
    cancel_reason: 'null',
    from_wait_id: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    cancelled_at: 'null',
  },
  event_guests: { id: 'not null', signup_id: 'not null', position: 'not null', companion_id: 'null', name: 'not null', relation: 'not null' },
  event_waits: { id: 'not null', waiter_id: 'not null', event_id: 'not null', user_id: 'not null', named: 'not null', guests: 'not null', signup_id: 'null', created_at: 'not null' },
  event_attendance: { id: 'not null', signup_id: 'not null', session_id: 'not null', state: 'not null', at: 'not null', by_id: 'null' },
  event_reminders: { signup_id: 'not null', session_id: 'not null', sent_at: 'not null' },
})
