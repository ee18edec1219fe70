import { sql, type Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

// Delivery of the outbox as WeChat subscribe messages: each row's attempts, its claim by one dispatcher, the
// reason it failed; the one-time subscriptions people allowed, counted per template; and the kinds of message
// each person does not want through WeChat.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema.alterTable('outbox').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('outbox').addColumn('next_at', t.instant).execute()
  await db.schema.alterTable('outbox').addColumn('claim', 'text').execute()
  await db.schema.alterTable('outbox').addColumn('claimed_at', t.instant).execute()
  await db.schema.alterTable('outbox').addColumn('holds_quota', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('outbox').addColumn('error_code', 'text').execute()
  await db.schema.alterTable('outbox').addColumn('error', 'text').execute()
  await sql`update outbox set next_at = created_at`.execute(db)
  await db.schema.dropIndex('outbox_pending').execute()
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_at']).execute()

  await db.schema
    .createTable('message_subscriptions')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull().check(sql`remaining >= 0`))
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('message_subscriptions_pk', ['user_id', 'template_id'])
    .execute()

  await db.schema
    .createTable('message_preferences')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('allowed', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('message_preferences_pk', ['user_id', 'kind'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_preferences').ifExists().execute()
  await db.schema.dropTable('message_subscriptions').ifExists().execute()
  await db.schema.dropIndex('outbox_due').ifExists().execute()
  for (const column of ['error', 'error_code', 'holds_quota', 'claimed_at', 'claim', 'next_at', 'attempts']) {
    await db.schema.alterTable('outbox').dropColumn(column).execute()
  }
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'id']).execute()
}
