// The declared tables (each feature's tables.ts, server/core/tables.ts) against a freshly migrated database on
// both engines: every table and column a migration creates is declared with the nullability it really has, and
// nothing is declared that no migration creates.
import { sql } from 'kysely'
import { coreTables } from '../core/tables'
import { moduleList } from '../features'
import { engines, startBackend, type TestBackend } from '../testing/harness'
import type { Nullability } from './tables'

type Shape = Record<string, Record<string, Nullability>>

function declared(): Shape {
  const out: Shape = {}
  for (const [owner, tables] of [['core', coreTables], ...moduleList.map((m) => [m.contract.domain, m.tables] as const)] as const) {
    for (const [name, columns] of Object.entries(tables)) {
      if (out[name]) throw new Error(`${owner} declares ${name}, which another module declares too`)
      out[name] = columns
    }
  }
  return out
}

async function actual(t: TestBackend): Promise<Shape> {
  const out: Shape = {}
  if (t.engine === 'postgres') {
    const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select table_name, column_name, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(t.db)
    for (const r of rows) (out[r.table_name] ??= {})[r.column_name] = r.is_nullable === 'YES' ? 'null' : 'not null'
    return out
  }
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(t.db)
  for (const { name } of tables) {
    const { rows } = await sql<{ name: string; notnull: number; pk: number }>`select name, "notnull", pk from pragma_table_info(${name})`.execute(t.db)
    // A primary-key column never holds null here (the app writes none, and an integer key is the rowid).
    for (const c of rows) (out[name] ??= {})[c.name] = c.notnull || c.pk ? 'not null' : 'null'
  }
  return out
}

/** Every mismatch, one line each, so a failure names the table and column. */
function differences(want: Shape, have: Shape): string[] {
  const out: string[] = []
  for (const table of new Set([...Object.keys(want), ...Object.keys(have)])) {
    if (!want[table]) out.push(`${table}: created by a migration but not declared`)
    else if (!have[table]) out.push(`${table}: declared but no migration creates it`)
    else {
      for (const column of new Set([...Object.keys(want[table]), ...Object.keys(have[table])])) {
        const w = want[table][column]
        const h = have[table][column]
        if (!w) out.push(`${table}.${column}: in the database but not declared`)
        else if (!h) out.push(`${table}.${column}: declared but not in the database`)
        else if (w !== h) out.push(`${table}.${column}: declared ${w}, is ${h}`)
      }
    }
  }
  return out.sort()
}

describe.each(engines())('declared tables on %s', (engine) => {
  let t: TestBackend
  beforeAll(async () => {
    t = await startBackend(engine)
  })
  afterAll(() => t?.close())

  test('match the columns a fresh database has, table by table', async () => {
    const have = await actual(t)
    expect(Object.keys(have).length).toBeGreaterThan(25)
    expect(differences(declared(), have)).toEqual([])
  })

  test('a column added but not declared, or declared but never created, is caught', async () => {
    await t.db.schema.alterTable('grids').addColumn('colour', 'text').execute()
    try {
      const want = declared()
      const wrong: Shape = { ...want, grids: { ...want.grids, area: 'null' }, hotline_events: { ...want.hotline_events, mood: 'null' }, shuttle_trips: { id: 'not null' } }
      expect(differences(wrong, await actual(t))).toEqual([
        'grids.area: declared null, is not null',
        'grids.colour: in the database but not declared',
        'hotline_events.mood: declared but not in the database',
        'shuttle_trips: declared but no migration creates it',
      ])
    } finally {
      await t.db.schema.alterTable('grids').dropColumn('colour').execute()
    }
  })
})
