import type { Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

/** When each session was last used, so that staff sessions left idle on a desk computer end on their own. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema.alterTable('sessions').addColumn('last_seen_at', t.instant).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute()
}
