import type { Generated } from 'kysely'
import { declareTables, type Instant } from '../../db/tables'

/** A text WeChat did not clear outright: 可疑 (review), or not checked (unchecked: WeChat unreachable or refusing the call). */
export interface ContentFlagTable {
  id: Generated<number>
  user_id: number | null
  /** `<domain>.<action>` */
  action: string
  /** The input field's path and its Chinese name. */
  field: string
  field_label: string
  verdict: 'review' | 'unchecked'
  label: number | null
  /** Why it was not checked (WeChat's errcode and message). */
  reason: string | null
  /** The start of the text, enough to find and judge it. */
  excerpt: string
  created_at: Instant
  reviewed_at: Instant | null
  reviewed_by: number | null
}

export interface ModerationTables {
  content_flags: ContentFlagTable
}

export const moderationTables = declareTables<ModerationTables>({
  content_flags: {
    id: 'not null',
    user_id: 'null',
    action: 'not null',
    field: 'not null',
    field_label: 'not null',
    verdict: 'not null',
    label: 'null',
    reason: 'null',
    excerpt: 'not null',
    created_at: 'not null',
    reviewed_at: 'null',
    reviewed_by: 'null',
  },
})
