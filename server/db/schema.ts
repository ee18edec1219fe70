// Table types for Kysely. Instants are ISO-8601 strings in UTC on both engines (PostgreSQL's timestamptz is
// parsed back to that form in connect.ts). Flags are integers 0/1 on both engines so rows look the same.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Role } from '../../common/contract'

type Instant = string
type Flag = number

export interface CommunityTable {
  id: number
  name: string
  street: string
  address: string
  hotline: string
  privacy_version: string
  updated_at: Instant
  /** Service levels of the hotline. */
  first_response_hours: ColumnType<number, number | undefined, number>
  auto_escalate_hours: ColumnType<number, number | undefined, number>
  reopen_days: ColumnType<number, number | undefined, number>
  /** Rules of the service windows. */
  no_show_limit: ColumnType<number, number | undefined, number>
  no_show_window_days: ColumnType<number, number | undefined, number>
  no_show_block_days: ColumnType<number, number | undefined, number>
  id_purge_days: ColumnType<number, number | undefined, number>
}

export interface GridTable {
  id: Generated<number>
  code: string
  name: string
  area: string
}

export interface BuildingTable {
  id: Generated<number>
  name: string
  grid_id: number
  units: number
  floors: number
  rooms_per_floor: number
}

export interface HouseholdTable {
  id: Generated<number>
  building_id: number
  unit: number
  room: string
  created_at: Instant
}

export interface UserTable {
  id: Generated<number>
  openid: string
  name: string | null
  phone: string | null
  household_id: number | null
  work_phone: string | null
  elder_mode: ColumnType<Flag, Flag | undefined, Flag>
  consent_version: string | null
  consented_at: Instant | null
  created_at: Instant
  updated_at: Instant
  deleted_at: Instant | null
}

export interface UserRoleTable {
  user_id: number
  role: Role
  granted_by: number | null
  granted_at: Instant
}

export interface GridWorkerTable {
  user_id: number
  grid_id: number
}

export interface VolunteerTeamTable {
  id: Generated<number>
  name: string
  focus: string
}

export interface VolunteerMemberTable {
  user_id: number
  team_id: number
  is_leader: Flag
}

export interface SessionTable {
  token_hash: string
  user_id: number
  created_at: Instant
  expires_at: Instant
}

export interface ConsentTable {
  id: Generated<number>
  user_id: number
  version: string
  consented_at: Instant
}

export interface AnnouncementTable {
  id: Generated<number>
  title: string
  body: string
  pinned: Flag
  status: 'draft' | 'published' | 'withdrawn'
  author_id: number | null
  published_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

export interface AuditTable {
  id: Generated<number>
  actor_id: number | null
  action: string
  target_type: string
  target_id: string | null
  detail: string | null
  at: Instant
}

export interface IdempotencyTable {
  user_id: number
  key: string
  action: string
  /** Hash of the action and its input; null on keys from before it was kept. */
  fingerprint: ColumnType<string | null, string | null | undefined, string | null>
  response: string | null
  created_at: Instant
}

export interface HotlineCategoryTable {
  id: Generated<number>
  name: string
  active: Flag
  sort_order: number
}

export interface UploadTable {
  id: Generated<number>
  owner_id: number
  kind: 'hotline'
  storage: 'disk' | 'cloud'
  /** A path under the data folder (disk) or a cloud fileID (cloud). */
  path_or_file_id: string
  mime: string
  bytes: number
  created_at: Instant
}

export type HotlineState = 'submitted' | 'accepted' | 'escalated' | 'resolved' | 'reopened' | 'closed'
export type HotlineLevel = 'grid' | 'community'

export interface HotlineRequestTable {
  id: Generated<number>
  resident_id: number
  household_id: number
  submitted_grid_id: number
  grid_id: number
  category_id: number
  description: string
  state: HotlineState
  level: HotlineLevel
  assignee_id: number | null
  created_at: Instant
  updated_at: Instant
  first_response_at: Instant | null
  /** Set once by the sweep when the first response came too late, so the 'overdue' event is written once. */
  overdue_at: Instant | null
  escalated_at: Instant | null
  resolved_at: Instant | null
  closed_at: Instant | null
  reopen_count: ColumnType<number, number | undefined, number>
  rating_stars: number | null
  rating_comment: string | null
  rated_at: Instant | null
  /** Last change the resident has to hear about, and when the resident last opened the request. */
  resident_updated_at: Instant | null
  resident_seen_at: Instant | null
}

export type HotlineActorRole = 'resident' | 'grid_worker' | 'staff' | 'system'

export interface HotlineEventTable {
  id: Generated<number>
  request_id: number
  kind: string
  actor_id: number | null
  actor_role: HotlineActorRole
  text: string | null
  created_at: Instant
}

export interface HotlineRequestPhotoTable {
  id: Generated<number>
  request_id: number
  event_id: number | null
  upload_id: number
}

export interface HotlineQuickReplyTable {
  id: Generated<number>
  user_id: number
  text: string
  created_at: Instant
}

export interface NotificationTable {
  id: Generated<number>
  user_id: number
  title: string
  body: string
  link: string | null
  read_at: Instant | null
  created_at: Instant
}

export interface OutboxTable {
  id: Generated<number>
  user_id: number
  channel: 'wechat_subscribe'
  template: string
  /** JSON text. */
  payload: string
  status: 'pending' | 'sent' | 'failed'
  created_at: Instant
  sent_at: Instant | null
}

/** One thing with places; see server/core/capacity.ts. */
export interface CapacityUnitTable {
  id: Generated<number>
  scope: string
  ref: string
  /** What the unit belongs to in its feature; null only on units from before it was kept. */
  owner_id: number | null
  starts_at: Instant | null
  places: number
  taken: ColumnType<number, number | undefined, number>
}

export interface CapacityWaiterTable {
  id: Generated<number>
  unit_id: number
  user_id: number
  quantity: number
  state: string
  joined_at: Instant
  offered_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>
  offer_expires_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>
  settled_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>
}

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

export interface Database {
  community: CommunityTable
  grids: GridTable
  buildings: BuildingTable
  households: HouseholdTable
  users: UserTable
  user_roles: UserRoleTable
  grid_workers: GridWorkerTable
  volunteer_teams: VolunteerTeamTable
  volunteer_members: VolunteerMemberTable
  sessions: SessionTable
  consents: ConsentTable
  announcements: AnnouncementTable
  audit_log: AuditTable
  idempotency_keys: IdempotencyTable
  hotline_categories: HotlineCategoryTable
  uploads: UploadTable
  hotline_requests: HotlineRequestTable
  hotline_events: HotlineEventTable
  hotline_request_photos: HotlineRequestPhotoTable
  hotline_quick_replies: HotlineQuickReplyTable
  notifications: NotificationTable
  outbox: OutboxTable
  capacity_units: CapacityUnitTable
  capacity_waiters: CapacityWaiterTable
  appt_services: ApptServiceTable
  appt_hours: ApptHoursTable
  appt_closures: ApptClosureTable
  appt_bookings: ApptBookingTable
  appt_trips: ApptTripTable
  appt_passengers: ApptPassengerTable
}

export type UserRow = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserPatch = Updateable<UserTable>
export type AnnouncementRow = Selectable<AnnouncementTable>
export type HotlineRequestRow = Selectable<HotlineRequestTable>
