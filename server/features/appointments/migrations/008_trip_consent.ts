import type { Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

/** When the booker agreed to the passengers' ID numbers being used for the ticket (a consent of its own). */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema.alterTable('appt_trips').addColumn('id_card_consent_at', t.instant).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('appt_trips').dropColumn('id_card_consent_at').execute()
}
