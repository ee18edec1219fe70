import { sql, type Kysely } from 'kysely'
import { columnTypes } from '../column-types'

/**
 * Each feature's settings move from columns of `community` to a row of their own in `settings`. The old columns
 * stay (002 and 003 drop them on the way down) but nothing reads them any more. Copied only when the community
 * exists: a new database reads the defaults of each feature's schema.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema
    .createTable('settings')
    .addColumn('feature', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute()

  const { rows } = await sql<Record<string, number | string>>`select * from community where id = 1`.execute(db)
  const c = rows[0]
  if (!c) return
  const now = new Date().toISOString()
  const hotline = { firstResponseHours: Number(c.first_response_hours), autoEscalateHours: Number(c.auto_escalate_hours), reopenDays: Number(c.reopen_days) }
  const appointments = {
    noShowLimit: Number(c.no_show_limit),
    noShowWindowDays: Number(c.no_show_window_days),
    noShowBlockDays: Number(c.no_show_block_days),
    idPurgeDays: Number(c.id_purge_days),
  }
  for (const [feature, value] of [['hotline', hotline], ['appointments', appointments]] as const) {
    await sql`insert into settings (feature, value, updated_at) values (${feature}, ${JSON.stringify(value)}, ${now})`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The values go back where the earlier version reads them.
  const { rows } = await sql<{ feature: string; value: string }>`select feature, value from settings`.execute(db)
  for (const r of rows) {
    const v = JSON.parse(r.value) as Record<string, number>
    if (r.feature === 'hotline') {
      await sql`update community set first_response_hours = ${v.firstResponseHours}, auto_escalate_hours = ${v.autoEscalateHours}, reopen_days = ${v.reopenDays}`.execute(db)
    }
    if (r.feature === 'appointments') {
      await sql`update community set no_show_limit = ${v.noShowLimit}, no_show_window_days = ${v.noShowWindowDays}, no_show_block_days = ${v.noShowBlockDays}, id_purge_days = ${v.idPurgeDays}`.execute(db)
    }
  }
  await db.schema.dropTable('settings').execute()
}
