import { sql, type Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema
    .createTable('volunteer_applications')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('volunteer_teams.id'))
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', t.instant)
    .addColumn('decline_reason', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute()
  // One open application per person: two taps racing are settled by the database.
  await sql`create unique index volunteer_applications_open on volunteer_applications (user_id) where state = 'pending'`.execute(db)
  await db.schema.createIndex('volunteer_applications_team').on('volunteer_applications').columns(['team_id', 'state']).execute()

  await db.schema
    .createTable('volunteer_qualifications')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('volunteer_qualifications_one', ['user_id', 'kind'])
    .execute()

  await db.schema
    .createTable('volunteer_shifts')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('team_id', 'integer', (c) => c.notNull().references('volunteer_teams.id'))
    .addColumn('event_id', 'integer', (c) => c.references('events.id'))
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_at', t.instant, (c) => c.notNull())
    .addColumn('ends_at', t.instant, (c) => c.notNull())
    .addColumn('places', 'integer', (c) => c.notNull().check(sql`places > 0`))
    .addColumn('qualification', 'text')
    .addColumn('release_hours', 'integer', (c) => c.notNull())
    .addColumn('open_to_all', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('capacity_units.id'))
    .addColumn('check_code', 'text', (c) => c.notNull().unique())
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('volunteer_shifts_coming').on('volunteer_shifts').columns(['state', 'starts_at']).execute()
  await db.schema.createIndex('volunteer_shifts_team').on('volunteer_shifts').columns(['team_id', 'starts_at']).execute()
  await db.schema.createIndex('volunteer_shifts_event').on('volunteer_shifts').columns(['event_id']).execute()

  await db.schema
    .createTable('shift_signups')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('shift_id', 'integer', (c) => c.notNull().references('volunteer_shifts.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('starts_at', t.instant, (c) => c.notNull())
    .addColumn('ends_at', t.instant, (c) => c.notNull())
    .addColumn('released_by', 'integer', (c) => c.references('users.id'))
    .addColumn('released_at', t.instant)
    .addColumn('reminded_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute()
  await sql`create unique index shift_signups_one on shift_signups (shift_id, user_id) where state = 'signed'`.execute(db)
  await db.schema.createIndex('shift_signups_user').on('shift_signups').columns(['user_id', 'state', 'starts_at']).execute()
  await db.schema.createIndex('shift_signups_shift').on('shift_signups').columns(['shift_id', 'state']).execute()

  await db.schema
    .createTable('volunteer_hours')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('signup_id', 'integer', (c) => c.notNull().unique().references('shift_signups.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('shift_id', 'integer', (c) => c.notNull().references('volunteer_shifts.id'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('volunteer_teams.id'))
    .addColumn('checked_in_at', t.instant, (c) => c.notNull())
    .addColumn('checked_out_at', t.instant)
    .addColumn('in_via', 'text', (c) => c.notNull())
    .addColumn('out_via', 'text')
    .addColumn('in_by', 'integer', (c) => c.references('users.id'))
    .addColumn('out_by', 'integer', (c) => c.references('users.id'))
    .addColumn('minutes', 'integer')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('volunteer_hours_user').on('volunteer_hours').columns(['user_id', 'checked_in_at']).execute()
  await db.schema.createIndex('volunteer_hours_team').on('volunteer_hours').columns(['team_id', 'checked_in_at']).execute()

  await db.schema
    .createTable('volunteer_hour_corrections')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('hours_id', 'integer', (c) => c.notNull().references('volunteer_hours.id'))
    .addColumn('checked_in_at', t.instant, (c) => c.notNull())
    .addColumn('checked_out_at', t.instant, (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('volunteer_hour_corrections_hours').on('volunteer_hour_corrections').columns(['hours_id', 'id']).execute()

  await db.schema
    .createTable('volunteer_clearances')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('by_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('volunteer_clearances_user').on('volunteer_clearances').columns(['user_id', 'at']).execute()

  await db.schema
    .createTable('volunteer_certificates')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('id_masked', 'text')
    .addColumn('content', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_at', t.instant, (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', t.instant)
    .addColumn('decline_reason', 'text')
    .execute()
  await db.schema.createIndex('volunteer_certificates_user').on('volunteer_certificates').columns(['user_id', 'requested_at']).execute()
  await db.schema.createIndex('volunteer_certificates_state').on('volunteer_certificates').columns(['state', 'requested_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'volunteer_certificates',
    'volunteer_clearances',
    'volunteer_hour_corrections',
    'volunteer_hours',
    'shift_signups',
    'volunteer_shifts',
    'volunteer_qualifications',
    'volunteer_applications',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
