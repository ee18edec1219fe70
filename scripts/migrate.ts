// npm run migrate — brings the database at DATABASE_URL (or, without it, the SQLite file the server uses) up to
// this code's schema and seeds the community into an empty one. The cloud function never migrates at a cold
// start, it only checks (createBackend's migrate: 'verify'), so this runs at deploy time: npm run deploy:cloud
// runs it before uploading, and a self-hosted deployment may run it before starting the new version (the HTTP
// server also migrates as it starts). Safe to run twice and from two machines at once: the migrator takes a
// lock and the seed claims the community row.
//
//   npm run migrate               apply what is missing, seed an empty database
//   npm run migrate -- --check    only say what is missing; exit status 1 when the database is behind
import { randomBytes } from 'node:crypto'
import { systemClock } from '../common/time'
import { loadConfig } from '../server/core/config'
import { openDb } from '../server/db/connect'
import { migrateToLatest, pendingMigrations } from '../server/db/migrate'
import { seedIfEmpty } from '../server/db/seed'

export interface MigrateResult {
  engine: 'sqlite' | 'postgres'
  /** Migrations missing before this run (all of them on a new database). */
  pending: string[]
  /** What this run applied (nothing with check). */
  applied: string[]
  /** Whether this run seeded an empty database with the community. */
  seeded: boolean
}

/** Where the database is, by the same rules as the server: DATABASE_URL, else SQLITE_FILE or DATA_DIR. */
function configOf(env: NodeJS.ProcessEnv) {
  // Migrations and the seed seal no ID-card number; the key is asked for only because the server needs one in
  // production, so a deploy machine need not hold it.
  return loadConfig({ ...env, ID_CARD_KEY: env.ID_CARD_KEY || randomBytes(32).toString('base64'), ID_CARD_PREVIOUS_KEYS: undefined })
}

/** Where the run goes, for the log: the URL without its password, or the SQLite file. */
export function describeTarget(env: NodeJS.ProcessEnv): string {
  const config = configOf(env)
  if (!config.DATABASE_URL) return `SQLite ${config.sqliteFile}`
  const url = new URL(config.DATABASE_URL)
  if (url.password) url.password = '***'
  return `PostgreSQL ${url.toString()}`
}

export async function migrateDatabase(env: NodeJS.ProcessEnv = process.env, opts: { check?: boolean } = {}): Promise<MigrateResult> {
  const config = configOf(env)
  const handle = await openDb({ databaseUrl: config.DATABASE_URL, sqliteFile: config.sqliteFile, pgPoolSize: 2 })
  try {
    const pending = await pendingMigrations(handle.db as never)
    if (opts.check) return { engine: handle.engine, pending, applied: [], seeded: false }
    const applied = await migrateToLatest(handle.db as never)
    const seeded = await seedIfEmpty(handle.db, systemClock, config.demo)
    return { engine: handle.engine, pending, applied, seeded }
  } finally {
    await handle.close()
  }
}

async function run() {
  const check = process.argv.includes('--check')
  console.log(`${check ? 'checking' : 'migrating'} ${describeTarget(process.env)}`)
  const r = await migrateDatabase(process.env, { check })
  if (check) {
    if (r.pending.length) {
      console.error(`behind: ${r.pending.length} migration(s) not applied: ${r.pending.join(', ')} — run npm run migrate`)
      process.exitCode = 1
    } else console.log('up to date')
    return
  }
  console.log(r.applied.length ? `applied ${r.applied.length}: ${r.applied.join(', ')}` : 'already up to date')
  if (r.seeded) console.log('empty database: seeded the community (grids, buildings, volunteer teams)')
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
