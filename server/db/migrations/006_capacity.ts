import { sql, type Kysely } from 'kysely'
import { columnTypes } from '../column-types'

/**
 * Capacity units say what they belong to and when it starts in columns of their own, so a plan change finds a
 * service's future slots (or a timetable change a route's departures) by an index instead of by ranges of
 * strings; and the waiting list becomes one shared table beside them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema.alterTable('capacity_units').addColumn('owner_id', 'integer').execute()
  await db.schema.alterTable('capacity_units').addColumn('starts_at', t.instant).execute()
  // Appointment slots were named `<serviceId>@<slot start>`: that is what they belong to and when they start.
  const units = await sql<{ id: number; ref: string }>`select id, ref from capacity_units where scope = 'appointment'`.execute(db)
  for (const u of units.rows) {
    const at = u.ref.indexOf('@')
    const ownerId = Number(u.ref.slice(0, at))
    const startsAt = new Date(u.ref.slice(at + 1))
    if (at < 1 || !Number.isInteger(ownerId) || Number.isNaN(startsAt.getTime())) continue
    await sql`update capacity_units set owner_id = ${ownerId}, starts_at = ${startsAt.toISOString()} where id = ${u.id}`.execute(db)
  }
  await db.schema.createIndex('capacity_units_owner').on('capacity_units').columns(['scope', 'owner_id', 'starts_at']).execute()

  // Whoever waits for places of a unit, oldest first. A feature's own row (a seat, a sign-up) points at its entry.
  await db.schema
    .createTable('capacity_waiters')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('capacity_units.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('joined_at', t.instant, (c) => c.notNull())
    .addColumn('offered_at', t.instant)
    .addColumn('offer_expires_at', t.instant)
    .addColumn('settled_at', t.instant)
    .execute()
  // One place in a unit's queue per person; once promoted, declined or gone they may queue again.
  await db.schema
    .createIndex('capacity_waiters_one')
    .on('capacity_waiters')
    .columns(['unit_id', 'user_id'])
    .unique()
    .where(sql.ref('state'), 'in', sql`('waiting', 'offered')`)
    .execute()
  await db.schema.createIndex('capacity_waiters_queue').on('capacity_waiters').columns(['unit_id', 'state', 'id']).execute()
  await db.schema.createIndex('capacity_waiters_offers').on('capacity_waiters').columns(['state', 'offer_expires_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('capacity_waiters').ifExists().execute()
  await db.schema.dropIndex('capacity_units_owner').ifExists().execute()
  await db.schema.alterTable('capacity_units').dropColumn('starts_at').execute()
  await db.schema.alterTable('capacity_units').dropColumn('owner_id').execute()
}
