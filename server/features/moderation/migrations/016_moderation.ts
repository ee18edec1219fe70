import type { Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

// Content security: each upload's check (WeChat's trace id and verdict, or a staff member's decision), and the
// texts WeChat could not clear outright (可疑, or not checked at all), kept for staff to look at.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema.alterTable('uploads').addColumn('review', 'text', (c) => c.notNull().defaultTo('none')).execute()
  await db.schema.alterTable('uploads').addColumn('review_trace', 'text').execute()
  await db.schema.alterTable('uploads').addColumn('review_label', 'integer').execute()
  await db.schema.alterTable('uploads').addColumn('review_at', t.instant).execute()
  await db.schema.alterTable('uploads').addColumn('review_tries', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('uploads').addColumn('removed_by', 'integer').execute()
  await db.schema.alterTable('uploads').addColumn('removed_reason', 'text').execute()
  await db.schema.createIndex('uploads_review_trace').on('uploads').column('review_trace').execute()
  await db.schema.createIndex('uploads_review').on('uploads').columns(['review', 'created_at']).execute()

  await db.schema
    .createTable('content_flags')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('field_label', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('label', 'integer')
    .addColumn('reason', 'text')
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('reviewed_at', t.instant)
    .addColumn('reviewed_by', 'integer')
    .execute()
  await db.schema.createIndex('content_flags_open').on('content_flags').columns(['reviewed_at', 'created_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('content_flags').ifExists().execute()
  await db.schema.dropIndex('uploads_review').ifExists().execute()
  await db.schema.dropIndex('uploads_review_trace').ifExists().execute()
  for (const column of ['removed_reason', 'removed_by', 'review_tries', 'review_at', 'review_label', 'review_trace', 'review']) {
    await db.schema.alterTable('uploads').dropColumn(column).execute()
  }
}
