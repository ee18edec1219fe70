import { sql, type Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

// The places the community holds its events, as they are when the app first starts; staff pick one for each event.
// Kept here rather than imported so that the migration keeps doing what it did when it shipped.
const VENUES = [
  { name: '红石榴广场', latitude: 34.25185, longitude: 117.21842, address: '管道社区中心，便民服务亭北侧' },
  { name: '红石榴书屋', latitude: 34.25231, longitude: 117.21777, address: '社区党群服务中心一楼东侧' },
  { name: '红石榴家园', latitude: 34.25262, longitude: 117.21703, address: '社区党群服务中心二楼' },
  { name: '新思想讲习所', latitude: 34.25247, longitude: 117.21731, address: '社区党群服务中心三楼' },
  { name: '社区老年大学教室', latitude: 34.25298, longitude: 117.21655, address: '输油小区3号楼西侧平房' },
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema
    .createTable('event_venues')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('latitude', 'real', (c) => c.notNull())
    .addColumn('longitude', 'real', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('events')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('poster_upload_id', 'integer', (c) => c.unique().references('uploads.id'))
    .addColumn('venue_id', 'integer', (c) => c.notNull().references('event_venues.id'))
    .addColumn('room', 'text')
    .addColumn('starts_at', t.instant, (c) => c.notNull())
    .addColumn('ends_at', t.instant, (c) => c.notNull())
    .addColumn('places', 'integer', (c) => c.notNull().check(sql`places > 0`))
    .addColumn('grid_ids', 'text')
    .addColumn('min_age', 'integer')
    .addColumn('max_age', 'integer')
    .addColumn('signup_opens_at', t.instant, (c) => c.notNull())
    .addColumn('signup_closes_at', t.instant, (c) => c.notNull())
    .addColumn('cancel_until', t.instant, (c) => c.notNull())
    .addColumn('max_guests', 'integer', (c) => c.notNull())
    .addColumn('guest_mode', 'text', (c) => c.notNull())
    .addColumn('team_id', 'integer', (c) => c.references('volunteer_teams.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('capacity_units.id'))
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('published_at', t.instant)
    .execute()
  await db.schema.createIndex('events_coming').on('events').columns(['state', 'starts_at']).execute()
  await db.schema.createIndex('events_team').on('events').columns(['team_id', 'starts_at']).execute()

  await db.schema
    .createTable('event_sessions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('starts_at', t.instant, (c) => c.notNull())
    .addColumn('ends_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('event_sessions_position', ['event_id', 'position'])
    .execute()
  await db.schema.createIndex('event_sessions_start').on('event_sessions').columns(['starts_at']).execute()

  await db.schema
    .createTable('event_signups')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('walk_in_name', 'text')
    .addColumn('places', 'integer', (c) => c.notNull().check(sql`places >= 0`))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('from_wait_id', 'integer')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('cancelled_at', t.instant)
    .execute()
  // One live sign-up per person and event: two taps racing past the check are settled by the database.
  await sql`create unique index event_signups_one on event_signups (event_id, user_id) where state = 'signed'`.execute(db)
  await db.schema.createIndex('event_signups_user').on('event_signups').columns(['user_id', 'state']).execute()
  await db.schema.createIndex('event_signups_event').on('event_signups').columns(['event_id', 'state']).execute()

  await db.schema
    .createTable('event_guests')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('signup_id', 'integer', (c) => c.notNull().references('event_signups.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('companion_id', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('event_guests_signup').on('event_guests').columns(['signup_id', 'position']).execute()

  await db.schema
    .createTable('event_waits')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('waiter_id', 'integer', (c) => c.notNull().unique().references('capacity_waiters.id'))
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('named', 'text', (c) => c.notNull())
    .addColumn('guests', 'integer', (c) => c.notNull())
    .addColumn('signup_id', 'integer')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('event_waits_user').on('event_waits').columns(['user_id', 'event_id']).execute()

  await db.schema
    .createTable('event_attendance')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('signup_id', 'integer', (c) => c.notNull().references('event_signups.id').onDelete('cascade'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('event_sessions.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('by_id', 'integer', (c) => c.references('users.id'))
    // A code is used once per session: the second scan finds this row.
    .addUniqueConstraint('event_attendance_once', ['signup_id', 'session_id'])
    .execute()

  await db.schema
    .createTable('event_reminders')
    .addColumn('signup_id', 'integer', (c) => c.notNull().references('event_signups.id').onDelete('cascade'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('event_sessions.id').onDelete('cascade'))
    .addColumn('sent_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_reminders_pk', ['signup_id', 'session_id'])
    .execute()

  for (const [i, v] of VENUES.entries()) {
    await sql`insert into event_venues (name, latitude, longitude, address, sort_order)
      values (${v.name}, ${v.latitude}, ${v.longitude}, ${v.address}, ${i + 1})`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['event_reminders', 'event_attendance', 'event_waits', 'event_guests', 'event_signups', 'event_sessions', 'events', 'event_venues']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
