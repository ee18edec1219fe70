import type { Kysely } from 'kysely'

/** What a key was first used with, so that the same key sent with other data is refused instead of answered. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').addColumn('fingerprint', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').dropColumn('fingerprint').execute()
}
