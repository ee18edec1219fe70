// SQL of content security: the uploads' check columns (server/core/tables.ts) and content_flags.
import type { Insertable } from 'kysely'
import type { Db } from '../../db/connect'
import type { PhotoReview } from '../../core/tables'
import type { ContentFlagTable } from './tables'

export async function openidOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('openid').where('id', '=', userId).executeTakeFirst()
  return row?.openid ?? null
}

export async function flag(db: Db, row: Insertable<ContentFlagTable>) {
  await db.insertInto('content_flags').values(row).execute()
}

export async function openFlags(db: Db, limit: number) {
  return db
    .selectFrom('content_flags')
    .leftJoin('users', 'users.id', 'content_flags.user_id')
    .select(['content_flags.id', 'action', 'field_label as fieldLabel', 'verdict', 'label', 'reason', 'excerpt', 'content_flags.created_at as createdAt', 'users.name as who'])
    .where('reviewed_at', 'is', null)
    .orderBy('content_flags.id', 'desc')
    .limit(limit)
    .execute()
}

export async function markReviewed(db: Db, id: number, by: number, now: string): Promise<boolean> {
  const r = await db.updateTable('content_flags').set({ reviewed_at: now, reviewed_by: by }).where('id', '=', id).where('reviewed_at', 'is', null).executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Uploads with where they appear: a hotline request (and its title) or an event whose poster they are. */
function uploadsWithPlace(db: Db) {
  return db
    .selectFrom('uploads')
    .leftJoin('users', 'users.id', 'uploads.owner_id')
    .leftJoin('hotline_request_photos', 'hotline_request_photos.upload_id', 'uploads.id')
    .leftJoin('hotline_requests', 'hotline_requests.id', 'hotline_request_photos.request_id')
    .leftJoin('events', 'events.poster_upload_id', 'uploads.id')
    .select([
      'uploads.id as id',
      'uploads.kind as kind',
      'uploads.storage as storage',
      'uploads.path_or_file_id as ref',
      'uploads.review as review',
      'uploads.review_label as label',
      'uploads.review_at as reviewAt',
      'uploads.created_at as createdAt',
      'users.name as owner',
      'hotline_requests.id as requestId',
      'hotline_requests.description as requestText',
      'events.id as eventId',
      'events.title as eventTitle',
    ])
}

/** Photos not shown to everyone and not refused for good: waiting for WeChat or for staff, and the risky ones staff may overrule. */
export async function heldPhotos(db: Db, limit: number) {
  return uploadsWithPlace(db).where('uploads.review', 'in', ['pending', 'review', 'risky']).orderBy('uploads.id', 'desc').limit(limit).execute()
}

export async function recentShown(db: Db, since: string, limit: number) {
  return uploadsWithPlace(db)
    .where('uploads.review', 'in', ['none', 'pass', 'released'])
    .where('uploads.created_at', '>=', since)
    // Photos picked and never sent are nobody's to see.
    .where((eb) => eb.or([eb('hotline_requests.id', 'is not', null), eb('events.id', 'is not', null)]))
    .orderBy('uploads.id', 'desc')
    .limit(limit)
    .execute()
}

export async function setReview(db: Db, id: number, from: readonly PhotoReview[], to: { review: PhotoReview; review_at: string; removed_by?: number; removed_reason?: string }): Promise<boolean> {
  const r = await db.updateTable('uploads').set(to).where('id', '=', id).where('review', 'in', [...from]).executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** WeChat's verdict on a photo handed over under `trace`: written once, only while it is still pending. */
export async function verdict(db: Db, trace: string, to: { review: 'pass' | 'review' | 'risky'; label: number | null; now: string }): Promise<number | null> {
  const row = await db
    .updateTable('uploads')
    .set({ review: to.review, review_label: to.label, review_at: to.now })
    .where('review_trace', '=', trace)
    .where('review', '=', 'pending')
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

/** Pending photos never handed over (WeChat unreachable at upload), for another try. */
export async function unsubmitted(db: Db, maxTries: number, limit: number) {
  return db
    .selectFrom('uploads')
    .select(['id', 'owner_id as ownerId', 'kind', 'storage', 'path_or_file_id as ref', 'review_tries as tries'])
    .where('review', '=', 'pending')
    .where('review_trace', 'is', null)
    .where('review_tries', '<', maxTries)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function submitted(db: Db, id: number, result: { trace: string | null; now: string }) {
  await db
    .updateTable('uploads')
    .set((eb) => ({ review_trace: result.trace, review_at: result.now, review_tries: eb('review_tries', '+', 1) }))
    .where('id', '=', id)
    .where('review', '=', 'pending')
    .execute()
}

export async function deleteFlagsOf(db: Db, userId: number) {
  await db.deleteFrom('content_flags').where('user_id', '=', userId).execute()
}

export async function flagsOf(db: Db, userId: number) {
  return db.selectFrom('content_flags').select(['action', 'field_label', 'verdict', 'excerpt', 'created_at']).where('user_id', '=', userId).orderBy('id').execute()
}

/** Flagged texts staff looked at before `before`: their excerpts are not kept longer than needed. */
export async function dropReviewedFlags(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('content_flags').where('reviewed_at', 'is not', null).where('reviewed_at', '<', before).executeTakeFirst()
  return Number(r.numDeletedRows)
}
