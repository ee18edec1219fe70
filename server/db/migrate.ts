// Migrations are plain modules imported here and from each domain's module (not read from disk), so the same
// list is bundled into the cloud function. The HTTP server applies them as it starts; the cloud function only
// checks them (pendingMigrations, one query) and a deploy step applies them (scripts/migrate.ts). Kysely's
// migrator takes a lock, so several processes migrating at once are safe. Names are what databases have
// recorded: never rename one.
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
 * The bundled migrations the database has not recorded, in name order: one query, and nothing written. A database
 * that has recorded more than this code knows (a newer deployment migrated it first) is not behind.
 */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  let applied: Set<string>
  try {
    // Unqualified, like every other table the backend reads: found through the connection's search_path.
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    applied = new Set(rows.map((r) => r.name))
  } catch (err) {
    if (!isMissingTable(err)) throw err
    applied = new Set()
  }
  return Object.keys(allMigrations()).filter((name) => !applied.has(name))
}

/** The migrator's table is not there yet: a database never migrated. */
function isMissingTable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown }
  // PostgreSQL's undefined_table; SQLite says it in words.
  return e?.code === '42P01' || (typeof e?.message === 'string' && /no such table: kysely_migration/.test(e.message))
}

/** Thrown by a start that only checks the schema (createBackend's migrate: 'verify') when migrations are missing. */
export class DatabaseBehindError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `数据库结构落后于代码，未执行的迁移：${pending.join('、')}。请先对该 DATABASE_URL 运行 npm run migrate（npm run deploy:cloud 会先运行它），再部署。 ` +
        `The database is behind this code: ${pending.length} migration(s) not applied (${pending.join(', ')}). ` +
        'Run npm run migrate against this DATABASE_URL (npm run deploy:cloud does it first), then deploy. Nothing was written.',
    )
    this.name = 'DatabaseBehindError'
  }
}

/** Refuses, writing nothing, when the database lacks a migration this code needs. */
export async function assertMigrated(db: Kysely<unknown>): Promise<void> {
  const pending = await pendingMigrations(db)
  if (pending.length) throw new DatabaseBehindError(pending)
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
