import type { Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

// The reminder two hours before a departure, written once per booking.
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema.alterTable('shuttle_bookings').addColumn('reminded_at', t.instant).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('shuttle_bookings').dropColumn('reminded_at').execute()
}
