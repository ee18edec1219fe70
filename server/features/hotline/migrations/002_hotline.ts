import { sql, type Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

/** Kept here rather than imported from the seed: a migration must keep doing what it did when it shipped. */
const CATEGORIES = ['证照咨询', '就业帮扶', '民族事务', '矛盾纠纷', '设施报修', '环境卫生', '其他']

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)

  // SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('community').addColumn('first_response_hours', 'integer', (c) => c.notNull().defaultTo(24)).execute()
  await db.schema.alterTable('community').addColumn('auto_escalate_hours', 'integer', (c) => c.notNull().defaultTo(48)).execute()
  await db.schema.alterTable('community').addColumn('reopen_days', 'integer', (c) => c.notNull().defaultTo(7)).execute()

  await db.schema
    .createTable('hotline_categories')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('uploads')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('path_or_file_id', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('uploads_owner').on('uploads').columns(['owner_id', 'kind']).execute()

  await db.schema
    .createTable('hotline_requests')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('resident_id', 'integer', (c) => c.notNull().references('users.id'))
    // Where the resident lived when asking: a later move does not move the request.
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('submitted_grid_id', 'integer', (c) => c.notNull().references('grids.id'))
    // The grid answering now; staff may reassign it.
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('hotline_categories.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('first_response_at', t.instant)
    .addColumn('overdue_at', t.instant)
    .addColumn('escalated_at', t.instant)
    .addColumn('resolved_at', t.instant)
    .addColumn('closed_at', t.instant)
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating_stars', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', t.instant)
    .addColumn('resident_updated_at', t.instant)
    .addColumn('resident_seen_at', t.instant)
    .execute()
  await db.schema.createIndex('hotline_requests_grid').on('hotline_requests').columns(['grid_id', 'level', 'state']).execute()
  await db.schema.createIndex('hotline_requests_level').on('hotline_requests').columns(['level', 'state']).execute()
  await db.schema.createIndex('hotline_requests_assignee').on('hotline_requests').columns(['assignee_id', 'state']).execute()
  await db.schema.createIndex('hotline_requests_resident').on('hotline_requests').columns(['resident_id', 'created_at']).execute()
  // The sweep looks for unanswered requests by age; the board reads a period by creation time.
  await db.schema.createIndex('hotline_requests_unanswered').on('hotline_requests').columns(['first_response_at', 'state', 'created_at']).execute()
  await db.schema.createIndex('hotline_requests_created').on('hotline_requests').column('created_at').execute()

  await db.schema
    .createTable('hotline_events')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('hotline_requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    // The capacity the person acted in then (resident, grid_worker, staff, system); roles change later.
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('hotline_events_request').on('hotline_events').columns(['request_id', 'id']).execute()
  // A grid worker keeps sight of the requests they worked on, even after they left the grid's queue.
  await db.schema.createIndex('hotline_events_actor').on('hotline_events').columns(['actor_id', 'request_id']).execute()

  await db.schema
    .createTable('hotline_request_photos')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('hotline_requests.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => c.references('hotline_events.id').onDelete('cascade'))
    // One photo belongs to one request or reply; the constraint settles two submits racing for it.
    .addColumn('upload_id', 'integer', (c) => c.notNull().unique().references('uploads.id'))
    .execute()
  await db.schema.createIndex('hotline_request_photos_request').on('hotline_request_photos').columns(['request_id', 'event_id']).execute()

  await db.schema
    .createTable('hotline_quick_replies')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('hotline_quick_replies_text', ['user_id', 'text'])
    .execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('read_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute()
  await db.schema.createIndex('notifications_unread').on('notifications').columns(['user_id', 'read_at']).execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('sent_at', t.instant)
    .execute()
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'id']).execute()

  // A database seeded before this migration gets the categories here; an empty one gets them from the seed.
  const { rows: community } = await sql<{ n: number }>`select count(*) as n from community`.execute(db)
  const { rows: existing } = await sql<{ n: number }>`select count(*) as n from hotline_categories`.execute(db)
  if (Number(community[0]?.n ?? 0) > 0 && Number(existing[0]?.n ?? 0) === 0) {
    for (const [i, name] of CATEGORIES.entries()) {
      await sql`insert into hotline_categories (name, active, sort_order) values (${name}, 1, ${i + 1})`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox', 'notifications', 'hotline_quick_replies', 'hotline_request_photos', 'hotline_events', 'hotline_requests',
    'uploads', 'hotline_categories',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  for (const column of ['reopen_days', 'auto_escalate_hours', 'first_response_hours']) {
    await db.schema.alterTable('community').dropColumn(column).execute()
  }
}
