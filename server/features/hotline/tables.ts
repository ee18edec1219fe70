import type { ColumnType, Generated, Selectable } from 'kysely'
import { declareTables, type Flag, type Instant } from '../../db/tables'

export interface HotlineCategoryTable {
  id: Generated<number>
  name: string
  active: Flag
  sort_order: number
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

export interface HotlineTables {
  hotline_categories: HotlineCategoryTable
  hotline_requests: HotlineRequestTable
  hotline_events: HotlineEventTable
  hotline_request_photos: HotlineRequestPhotoTable
  hotline_quick_replies: HotlineQuickReplyTable
}

export type HotlineRequestRow = Selectable<HotlineRequestTable>

export const hotlineTables = declareTables<HotlineTables>({
  hotline_categories: { id: 'not null', name: 'not null', active: 'not null', sort_order: 'not null' },
  hotline_requests: {
    id: 'not null',
    resident_id: 'not null',
    household_id: 'not null',
    submitted_grid_id: 'not null',
    grid_id: 'not null',
    category_id: 'not null',
    description: 'not null',
    state: 'not null',
    level: 'not null',
    assignee_id: 'null',
    created_at: 'not null',
    updated_at: 'not null',
    first_response_at: 'null',
    overdue_at: 'null',
    escalated_at: 'null',
    resolved_at: 'null',
    closed_at: 'null',
    reopen_count: 'not null',
    rating_stars: 'null',
    rating_comment: 'null',
    rated_at: 'null',
    resident_updated_at: 'null',
    resident_seen_at: 'null',
  },
  hotline_events: { id: 'not null', request_id: 'not null', kind: 'not null', actor_id: 'null', actor_role: 'not null', text: 'null', created_at: 'not null' },
  hotline_request_photos: { id: 'not null', request_id: 'not null', event_id: 'null', upload_id: 'not null' },
  hotline_quick_replies: { id: 'not null', user_id: 'not null', text: 'not null', created_at: 'not null' },
})
