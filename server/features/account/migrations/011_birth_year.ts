import type { Kysely } from 'kysely'

/** A resident's birth year, for events open to an age band (老年大学); asked only then, and optional. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('birth_year', 'integer').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('birth_year').execute()
}
