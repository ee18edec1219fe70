// Tables the shared machinery keeps: the audit log, idempotency keys, the capacity ledger, uploaded files and
// the features' settings.
import type { ColumnType, Generated } from 'kysely'
import { declareTables, type Instant } from '../db/tables'

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

/** Someone waiting for places of a unit; the feature's own row points at it. */
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

export interface UploadTable {
  id: Generated<number>
  owner_id: number
  /** What it is for: a photo on a hotline request or reply, or an event's poster. */
  kind: 'hotline' | 'poster'
  storage: 'disk' | 'cloud'
  /** A path under the data folder (disk) or a cloud fileID (cloud). */
  path_or_file_id: string
  mime: string
  bytes: number
  created_at: Instant
  /**
   * Its content check (server/features/moderation/photos.ts): none (no checker set up), pending (with WeChat, or
   * waiting to be handed over), pass, review (可疑), risky, released (a staff member let it through), removed.
   */
  review: ColumnType<PhotoReview, PhotoReview | undefined, PhotoReview>
  review_trace: ColumnType<string | null, string | null | undefined, string | null>
  review_label: ColumnType<number | null, number | null | undefined, number | null>
  review_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>
  review_tries: ColumnType<number, number | undefined, number>
  removed_by: ColumnType<number | null, number | null | undefined, number | null>
  removed_reason: ColumnType<string | null, string | null | undefined, string | null>
}

export type PhotoReview = 'none' | 'pending' | 'pass' | 'review' | 'risky' | 'released' | 'removed'

/** One row per feature: its settings as JSON, read through the feature's schema (server/core/settings.ts). */
export interface SettingsTable {
  feature: string
  value: string
  updated_at: Instant
}

export interface CoreTables {
  audit_log: AuditTable
  idempotency_keys: IdempotencyTable
  capacity_units: CapacityUnitTable
  capacity_waiters: CapacityWaiterTable
  uploads: UploadTable
  settings: SettingsTable
}

export const coreTables = declareTables<CoreTables>({
  audit_log: { id: 'not null', actor_id: 'null', action: 'not null', target_type: 'not null', target_id: 'null', detail: 'null', at: 'not null' },
  idempotency_keys: { user_id: 'not null', key: 'not null', action: 'not null', fingerprint: 'null', response: 'null', created_at: 'not null' },
  capacity_units: { id: 'not null', scope: 'not null', ref: 'not null', owner_id: 'null', starts_at: 'null', places: 'not null', taken: 'not null' },
  capacity_waiters: {
    id: 'not null',
    unit_id: 'not null',
    user_id: 'not null',
    quantity: 'not null',
    state: 'not null',
    joined_at: 'not null',
    offered_at: 'null',
    offer_expires_at: 'null',
    settled_at: 'null',
  },
  uploads: {
    id: 'not null',
    owner_id: 'not null',
    kind: 'not null',
    storage: 'not null',
    path_or_file_id: 'not null',
    mime: 'not null',
    bytes: 'not null',
    created_at: 'not null',
    review: 'not null',
    review_trace: 'null',
    review_label: 'null',
    review_at: 'null',
    review_tries: 'not null',
    removed_by: 'null',
    removed_reason: 'null',
  },
  settings: { feature: 'not null', value: 'not null', updated_at: 'not null' },
})
