// npm run migrate, the deploy step that brings a database up to the code (the cloud function only checks), on
// both engines: from the environment alone, as a deploy machine runs it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { allMigrations } from '../server/db/migrate'
import { createPgSchema, dropPgSchema, engines, PROD_KEY, TEST_DATABASE_URL } from '../server/testing/harness'
import { describeTarget, migrateDatabase } from './migrate'

const names = Object.keys(allMigrations())

function withSchema(base: string, schema: string): string {
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return url.toString()
}

describe.each(engines())('npm run migrate on %s', (engine) => {
  let env: NodeJS.ProcessEnv
  let drop: () => Promise<void>
  beforeAll(async () => {
    if (engine === 'postgres') {
      const schema = await createPgSchema()
      // As the cloud deployment gives it: production, its own schema, and no ID_CARD_KEY on the deploy machine.
      env = { NODE_ENV: 'production', DATABASE_URL: withSchema(TEST_DATABASE_URL, schema) } as unknown as NodeJS.ProcessEnv
      drop = () => dropPgSchema(schema)
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-migrate-script-'))
      env = { NODE_ENV: 'production', ID_CARD_KEY: PROD_KEY, DATA_DIR: dir } as unknown as NodeJS.ProcessEnv
      drop = async () => fs.rmSync(dir, { recursive: true, force: true })
    }
  })
  afterAll(() => drop?.())

  test('check on a new database names every migration and applies none', async () => {
    expect(await migrateDatabase(env, { check: true })).toEqual({ engine, pending: names, applied: [], seeded: false })
    expect(await migrateDatabase(env, { check: true })).toMatchObject({ pending: names })
  })

  test('applies every migration and seeds the community once; a second run has nothing to do', async () => {
    expect(await migrateDatabase(env)).toEqual({ engine, pending: names, applied: names, seeded: true })
    expect(await migrateDatabase(env)).toEqual({ engine, pending: [], applied: [], seeded: false })
    expect(await migrateDatabase(env, { check: true })).toMatchObject({ pending: [] })
  })

  test('says where it goes, without the password', () => {
    expect(describeTarget(env)).toMatch(engine === 'postgres' ? /^PostgreSQL postgres:\/\// : /^SQLite .*guandao\.sqlite$/)
    expect(describeTarget({ DATABASE_URL: 'postgres://guandao:s3cret@127.0.0.1:5432/guandao' } as unknown as NodeJS.ProcessEnv)).toBe('PostgreSQL postgres://guandao:***@127.0.0.1:5432/guandao')
  })
})
