import { sql } from 'kysely'
import { createBackend } from '../app'
import { pgInstantToIso } from './connect'
import { DEMO_PEOPLE } from './seed'
import { engines, startBackend, testConfig, type TestBackend } from '../testing/harness'
import pino from 'pino'

describe('pgInstantToIso', () => {
  test.each([
    ['2026-01-01 00:00:00+00', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01 08:00:00+08', '2026-01-01T00:00:00.000Z'],
    ['2025-12-31 19:00:00-05', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01 05:30:00+05:30', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01 00:00:00.123456+00', '2026-01-01T00:00:00.123Z'],
    ['1900-01-01 08:05:43+08:05:43', '1900-01-01T00:00:00.000Z'],
    ['2026-01-01 00:00:00', '2026-01-01T00:00:00.000Z'],
  ])('%s → %s', (pgText, iso) => {
    expect(pgInstantToIso(pgText)).toBe(iso)
  })
})

describe.each(engines())('database on %s', (engine) => {
  let t: TestBackend
  beforeAll(async () => {
    t = await startBackend(engine)
  })
  afterAll(() => t?.close())

  test('instants come back as the same UTC ISO strings that went in', async () => {
    const at = '2026-12-31T16:30:00.123Z'
    await t.db.insertInto('audit_log').values({ actor_id: null, action: 'test.instant', target_type: 'test', target_id: null, detail: null, at }).execute()
    const row = await t.db.selectFrom('audit_log').select('at').where('action', '=', 'test.instant').executeTakeFirstOrThrow()
    expect(row.at).toBe(at)
  })

  test('ids and counts are numbers on both engines', async () => {
    const row = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(row.n).toBe(DEMO_PEOPLE.length)
    const user = await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    expect(typeof user.id).toBe('number')
  })

  if (engine === 'postgres') {
    test.each(['America/New_York', 'Asia/Shanghai', 'Asia/Kolkata', 'UTC'])(
      'instants are read correctly whatever the session time zone (%s)',
      async (zone) => {
        const rows = await t.db.transaction().execute(async (tx) => {
          await sql`select set_config('TimeZone', ${zone}, true)`.execute(tx)
          return sql<{ at: string }>`select ${'2026-01-01T00:00:00.000Z'}::timestamptz as at`.execute(tx)
        })
        expect(rows.rows[0].at).toBe('2026-01-01T00:00:00.000Z')
      },
    )
  }

  test('starting again on the same database neither migrates nor seeds twice', async () => {
    const db = engine === 'postgres' ? { databaseUrl: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test', pgSchema: t.pgSchema } : undefined
    const sqliteFile = engine === 'sqlite' ? (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(t.db)).rows[0].file : undefined
    const again = await createBackend({ config: testConfig(), log: pino({ level: 'silent' }), clock: t.clock.fn, db: db ?? { sqliteFile } })
    try {
      const n = await again.services.db.selectFrom('grids').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(n.n)).toBe(10)
      const people = await again.services.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(people.n)).toBeGreaterThanOrEqual(DEMO_PEOPLE.length)
    } finally {
      await again.close()
    }
  })
})
