// What a table's columns are, once at run time beside its Kysely type. The type checker holds the two together
// (a column in one and not the other, or nullable in one and not the other, does not compile), and
// server/db/tables.test.ts holds the run-time list against the columns a freshly migrated database really has.
import type { SelectType } from 'kysely'

/** Instants are ISO-8601 strings in UTC on both engines (timestamptz is read back to that form in connect.ts). */
export type Instant = string
/** Flags are integers 0/1 on both engines, so rows look the same on either. */
export type Flag = number

export type Nullability = 'null' | 'not null'

/** Each column of a table type, and whether it may hold null, as the type says. */
export type Columns<T> = { [K in keyof T & string]-?: null extends SelectType<T[K]> ? 'null' : 'not null' }

/** A group of tables (name → table type) with the run-time column list of each. */
export type TableColumns<D> = { [Name in keyof D & string]: Columns<D[Name]> }

/**
 * Declares the columns of a feature's tables. `D` is the feature's interface of tables; the argument must list
 * every column of every table in it, with the nullability its type gives, and nothing else.
 */
export function declareTables<D>(columns: TableColumns<D>): TableColumns<D> {
  return columns
}
