import type BetterSqlite3Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely'
import { claimingDialect } from './claiming'
import type { Database } from './schema'

export type Db = Kysely<Database>
export type Tx = Transaction<Database>
export type Engine = 'sqlite' | 'postgres'

export interface DbHandle {
  db: Db
  engine: Engine
  close(): Promise<void>
}

export interface DbOptions {
  /** postgres://… selects PostgreSQL; otherwise the SQLite file is used. */
  databaseUrl?: string
  sqliteFile?: string
  /** PostgreSQL schema to use (tests isolate themselves in one schema each). */
  pgSchema?: string
  pgPoolSize?: number
}

export async function openDb(opts: DbOptions): Promise<DbHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts)
  if (!opts.sqliteFile) throw new Error('openDb: either databaseUrl or sqliteFile is required')
  return openSqlite(opts.sqliteFile)
}

async function openSqlite(file: string): Promise<DbHandle> {
  // Loaded lazily: the native module is not bundled into cloud functions, which use PostgreSQL.
  const { default: BetterSqlite3 } = await import('better-sqlite3')
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new BetterSqlite3(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  const db = new Kysely<Database>({ dialect: claimingDialect(new SqliteDialect({ database: reusingStatements(sqlite) }), { beginImmediate: true }) })
  return { db, engine: 'sqlite', close: () => db.destroy() }
}

/** How many distinct statements one SQLite connection keeps prepared; the app issues a few hundred shapes. */
const STATEMENT_CACHE_SIZE = 1000

/**
 * Kysely prepares every SQLite statement anew; compiling the SQL is a good part of a short query's cost. The
 * queries are built from a fixed set of shapes with values bound as parameters, so a prepared statement can be
 * kept per SQL text and run again (better-sqlite3 statements are reusable; nothing here iterates one).
 */
function reusingStatements(sqlite: BetterSqlite3Database.Database): SqliteDatabase {
  const cache = new Map<string, ReturnType<typeof sqlite.prepare>>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = cache.get(text)
      if (!stmt) {
        stmt = sqlite.prepare(text)
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
        cache.set(text, stmt)
      }
      return stmt
    },
  }
}

async function openPostgres(url: string, opts: DbOptions): Promise<DbHandle> {
  const pg = await import('pg')
  const { Pool, types } = pg.default ?? pg
  // Instants come back as ISO strings in UTC, as they do from SQLite; counts and ids as numbers.
  const parsers = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === 1184 || oid === 1114) return pgInstantToIso
      if (oid === 20) return (v: string) => Number(v)
      return types.getTypeParser(oid, format)
    },
  }
  const pool = new Pool({
    connectionString: url,
    max: opts.pgPoolSize ?? 10,
    types: parsers as never,
    options: opts.pgSchema ? `-c search_path=${opts.pgSchema}` : undefined,
  })
  const db = new Kysely<Database>({ dialect: claimingDialect(new PostgresDialect({ pool })) })
  return { db, engine: 'postgres', close: () => db.destroy() }
}

/**
 * PostgreSQL prints a timestamptz in the session's time zone: '2026-01-01 08:00:00+08', '2025-12-31 19:00:00-05',
 * '…+05:30', even '…+08:05:43' for old dates. Date.parse does not read all of those, so the offset is applied here.
 */
export function pgInstantToIso(v: string): string {
  const s = v.replace(' ', 'T')
  const m = /([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(s)
  if (!m) return new Date(s.endsWith('Z') ? s : `${s}Z`).toISOString()
  const asUtc = Date.parse(`${s.slice(0, m.index)}Z`)
  const offsetMs = (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000
  return new Date(m[1] === '+' ? asUtc - offsetMs : asUtc + offsetMs).toISOString()
}
