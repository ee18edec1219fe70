import { PostgresAdapter, type Kysely } from 'kysely'

/** Column types that differ between the engines: ids (serial on PostgreSQL) and instants (timestamptz). */
export async function columnTypes(db: Kysely<unknown>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  return {
    id: pg ? ('serial' as const) : ('integer' as const),
    instant: pg ? ('timestamptz' as const) : ('text' as const),
  }
}
