import type { Kysely } from 'kysely'
import { columnTypes } from '../../../db/column-types'

/** 常用乘车人: the people a resident often books for, picked as shuttle riders, ticket passengers and companions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await columnTypes(db)
  await db.schema
    .createTable('companions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('companions_one_name', ['user_id', 'name'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('companions').ifExists().execute()
}
