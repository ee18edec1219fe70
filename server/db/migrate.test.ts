// What a start does with the schema, on both engines: the HTTP server's default applies and seeds; a start that
// only verifies (the cloud function's) reads the recorded migration names and refuses, writing nothing, when the
// database lacks one; 'skip' touches nothing.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { createBackend } from '../app'
import { openDb, type DbHandle, type DbOptions } from './connect'
import { sql } from 'kysely'
import { allMigrations, DatabaseBehindError, migrateDownTo, migrateToLatest, pendingMigrations } from './migrate'
import { createPgSchema, dropPgSchema, engines, testConfig, TEST_DATABASE_URL, type EngineName } from '../testing/harness'

const silent = pino({ level: 'silent' })
const names = Object.keys(allMigrations())
const latest = names[names.length - 1]

/** An empty database of its own: a new SQLite file or a new PostgreSQL schema. */
async function emptyDatabase(engine: EngineName): Promise<{ options: DbOptions; drop: () => Promise<void> }> {
  if (engine === 'postgres') {
    const schema = await createPgSchema()
    return { options: { databaseUrl: TEST_DATABASE_URL, pgSchema: schema, pgPoolSize: 2 }, drop: () => dropPgSchema(schema) }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-migrate-'))
  return { options: { sqliteFile: path.join(dir, 'guandao.sqlite') }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** The tables in this database (on PostgreSQL, in its own schema only). */
async function tableNames(handle: DbHandle): Promise<string[]> {
  if (handle.engine === 'sqlite') return (await handle.db.introspection.getTables()).map((t) => t.name)
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(handle.db)
  return rows.map((r) => r.name)
}

/** Rows in the tables a start or a first call would write to. */
async function footprint(handle: DbHandle) {
  const count = async (table: string) => Number((await handle.db.selectFrom(table as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  return { migrations: await count('kysely_migration'), community: await count('community'), users: await count('users'), settings: await count('settings') }
}

describe.each(engines())('migrations at start on %s', (engine) => {
  let db: Awaited<ReturnType<typeof emptyDatabase>>
  let handle: DbHandle
  beforeAll(async () => {
    db = await emptyDatabase(engine)
    handle = await openDb(db.options)
  })
  afterAll(async () => {
    await handle?.close()
    await db?.drop()
  })

  const start = (migrate: 'apply' | 'verify' | 'skip') => createBackend({ config: testConfig({ SEED_DEMO: 'false' }), log: silent, db: db.options, migrate })

  test('a database never migrated lacks every migration; a verifying start refuses it without creating a table', async () => {
    expect(await pendingMigrations(handle.db as never)).toEqual(names)
    const err = await start('verify').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DatabaseBehindError)
    expect((err as DatabaseBehindError).pending).toEqual(names)
    expect(await tableNames(handle)).toEqual([])
  })

  test('the default start applies every migration and seeds the community; then nothing is pending', async () => {
    const b = await start('apply')
    await b.close()
    expect(await pendingMigrations(handle.db as never)).toEqual([])
    expect(await footprint(handle)).toMatchObject({ migrations: names.length, community: 1 })
    const b2 = await start('verify')
    expect((await b2.dispatch('community', { action: 'info' }, null)).envelope).toMatchObject({ ok: true, data: { name: '管道社区' } })
    await b2.close()
  })

  test('a database that lacks the latest migration: a verifying start refuses, names it in Chinese and English, and writes nothing', async () => {
    // As deployed before the latest migration shipped: undone, not only forgotten.
    expect(await migrateDownTo(handle.db as never, names[names.length - 2])).toEqual([latest])
    const before = await footprint(handle)

    const err = (await start('verify').catch((e: unknown) => e)) as DatabaseBehindError
    expect(err).toBeInstanceOf(DatabaseBehindError)
    expect(err.pending).toEqual([latest])
    expect(err.message).toContain(`未执行的迁移：${latest}`)
    expect(err.message).toContain(`The database is behind this code: 1 migration(s) not applied (${latest})`)
    expect(err.message).toContain('npm run migrate')
    expect(await footprint(handle)).toEqual(before)

    // 'skip' starts without looking; applying brings the database back.
    await (await start('skip')).close()
    expect(await footprint(handle)).toEqual(before)
    expect(await migrateToLatest(handle.db as never)).toEqual([latest])
    expect(await pendingMigrations(handle.db as never)).toEqual([])
  })

  test('a database that recorded a migration this code does not know is not behind', async () => {
    await handle.db.insertInto('kysely_migration' as never).values({ name: '999_from_a_newer_version', timestamp: new Date().toISOString() } as never).execute()
    expect(await pendingMigrations(handle.db as never)).toEqual([])
    await (await start('verify')).close()
  })
})
