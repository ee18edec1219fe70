// "Contains what the person typed", the same on both engines. SQLite's LIKE ignores the case of Latin letters and
// PostgreSQL's does not, so both sides are lowered. Typed % and _ are dropped rather than taken as wildcards.
import { sql, type Expression, type SqlBool } from 'kysely'

export function contains(column: string, typed: string): Expression<SqlBool> {
  const pattern = `%${typed.replace(/[%_\\]/g, '').toLowerCase()}%`
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern}`
}
