import type { Kysely } from 'kysely'
import { columnTypes } from '../column-types'

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)

  await db.schema
    .createTable('community')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('hotline', 'text', (c) => c.notNull())
    .addColumn('privacy_version', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('grids')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('buildings')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id'))
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('floors', 'integer', (c) => c.notNull())
    .addColumn('rooms_per_floor', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('buildings_grid').on('buildings').column('grid_id').execute()

  await db.schema
    .createTable('households')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
    .addColumn('unit', 'integer', (c) => c.notNull())
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('households_address', ['building_id', 'unit', 'room'])
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('openid', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('work_phone', 'text')
    .addColumn('elder_mode', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_version', 'text')
    .addColumn('consented_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('deleted_at', t.instant)
    .execute()
  await db.schema.createIndex('users_household').on('users').column('household_id').execute()

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'integer')
    .addColumn('granted_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute()

  await db.schema
    .createTable('grid_workers')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id'))
    .addPrimaryKeyConstraint('grid_workers_pk', ['user_id', 'grid_id'])
    .execute()
  await db.schema.createIndex('grid_workers_grid').on('grid_workers').column('grid_id').execute()

  await db.schema
    .createTable('volunteer_teams')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('focus', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('volunteer_members')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('volunteer_teams.id'))
    .addColumn('is_leader', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('consents')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('consented_at', t.instant, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('announcements')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('announcements_feed').on('announcements').columns(['status', 'published_at']).execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'idempotency_keys', 'audit_log', 'announcements', 'consents', 'sessions', 'volunteer_members',
    'volunteer_teams', 'grid_workers', 'user_roles', 'users', 'households', 'buildings', 'grids', 'community',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
