// Migrations are plain modules imported here (not read from disk), so the same list is bundled into every
// cloud function. Kysely's migrator takes a lock, so several instances starting at once are safe.
import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { Migrator, type Migration } from 'kysely/migration'
import * as m001 from './migrations/001_foundation'
import * as m002 from './migrations/002_hotline'
import * as m003 from './migrations/003_appointments'
import * as m005 from './migrations/005_idempotency_fingerprint'
import * as m006 from './migrations/006_capacity'

export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_hotline': m002,
  '003_appointments': m003,
  '005_idempotency_fingerprint': m005,
  '006_capacity': m006,
}

export async function columnTypes(db: Kysely<unknown>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  return {
    id: pg ? ('serial' as const) : ('integer' as const),
    instant: pg ? ('timestamptz' as const) : ('text' as const),
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  // On PostgreSQL the migrator is told its schema: otherwise it looks for its bookkeeping tables in every schema
  // of the database, finds another schema's, skips creating its own and then fails to read it.
  let migrationTableSchema: string | undefined
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
    migrationTableSchema = rows[0]?.schema ?? undefined
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Undoes every migration after `name`, newest first: tests use it to stand in for a database from back then. */
export async function migrateDownTo(db: Kysely<unknown>, name: string): Promise<string[]> {
  const later = Object.keys(migrations).sort().filter((m) => m > name).reverse()
  for (const m of later) {
    await migrations[m]!.down!(db)
    await db.deleteFrom('kysely_migration' as never).where('name' as never, '=', m as never).execute()
  }
  return later.reverse()
}
