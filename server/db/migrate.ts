// Migrations are plain modules imported here and from each domain's module (not read from disk), so the same
// list is bundled into every cloud function. Kysely's migrator takes a lock, so several instances starting at
// once are safe. Names are what databases have recorded: never rename one.
import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { Migrator, type Migration } from 'kysely/migration'
import { moduleList } from '../features'
import * as m001 from './migrations/001_foundation'
import * as m004 from './migrations/004_settings'
import * as m005 from './migrations/005_idempotency_fingerprint'
import * as m006 from './migrations/006_capacity'

export { columnTypes } from './column-types'

/** The platform's own migrations: the foundation (people, community, audit, idempotency), settings, capacity. */
const PLATFORM: Record<string, Migration> = {
  '001_foundation': m001,
  '004_settings': m004,
  '005_idempotency_fingerprint': m005,
  '006_capacity': m006,
}

/** Every migration, the platform's and each module's, in name order. */
export function allMigrations(modules: readonly { migrations: Record<string, Migration> }[] = moduleList): Record<string, Migration> {
  const out: Record<string, Migration> = { ...PLATFORM }
  for (const m of modules) {
    for (const [name, migration] of Object.entries(m.migrations)) {
      if (out[name]) throw new Error(`two migrations are named ${name}`)
      out[name] = migration
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  // On PostgreSQL the migrator is told its schema: otherwise it looks for its bookkeeping tables in every schema
  // of the database, finds another schema's, skips creating its own and then fails to read it.
  let migrationTableSchema: string | undefined
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
    migrationTableSchema = rows[0]?.schema ?? undefined
  }
  const migrations = allMigrations()
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema,
    // A module's migration may land after a later-numbered one has run (two domains built side by side, or a
    // domain rolled back and forward again); it still runs, and the rest keep their name order.
    allowUnorderedMigrations: true,
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * Undoes every migration after `name`, newest first, and returns them in the order they run again: tests use it
 * to stand in for a database deployed back then.
 */
export async function migrateDownTo(db: Kysely<unknown>, name: string): Promise<string[]> {
  const migrations = allMigrations()
  const later = Object.keys(migrations).filter((m) => m > name).reverse()
  for (const m of later) {
    await migrations[m]!.down!(db)
    await db.deleteFrom('kysely_migration' as never).where('name' as never, '=', m as never).execute()
  }
  return later.reverse()
}
