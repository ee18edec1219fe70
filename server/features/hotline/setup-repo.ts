// SQL of what staff and handlers keep: the categories residents choose from and each handler's quick replies.
import type { Db } from '../../db/connect'

export async function categories(db: Db, includeInactive: boolean) {
  let q = db.selectFrom('hotline_categories').selectAll()
  if (!includeInactive) q = q.where('active', '=', 1)
  return q.orderBy('sort_order').orderBy('id').execute()
}

export async function categoryById(db: Db, id: number) {
  return db.selectFrom('hotline_categories').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function categoryByName(db: Db, name: string) {
  return db.selectFrom('hotline_categories').selectAll().where('name', '=', name).executeTakeFirst()
}

export async function insertCategory(db: Db, name: string, active: boolean) {
  const last = await db.selectFrom('hotline_categories').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst()
  await db
    .insertInto('hotline_categories')
    .values({ name, active: active ? 1 : 0, sort_order: Number(last?.n ?? 0) + 1 })
    .execute()
}

export async function updateCategory(db: Db, id: number, name: string, active: boolean) {
  await db.updateTable('hotline_categories').set({ name, active: active ? 1 : 0 }).where('id', '=', id).execute()
}

export async function countActiveCategories(db: Db): Promise<number> {
  const row = await db.selectFrom('hotline_categories').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).executeTakeFirstOrThrow()
  return Number(row.n)
}

// ---------------------------------------------------------------- quick replies

export async function quickReplies(db: Db, userId: number) {
  return db.selectFrom('hotline_quick_replies').select(['id', 'text']).where('user_id', '=', userId).orderBy('id').execute()
}

export async function insertQuickReply(db: Db, userId: number, text: string, now: string) {
  await db
    .insertInto('hotline_quick_replies')
    .values({ user_id: userId, text, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'text']).doNothing())
    .execute()
}

export async function deleteQuickReply(db: Db, userId: number, id: number): Promise<boolean> {
  const res = await db.deleteFrom('hotline_quick_replies').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  return Number(res.numDeletedRows) > 0
}

export async function deleteQuickRepliesOf(db: Db, userId: number) {
  await db.deleteFrom('hotline_quick_replies').where('user_id', '=', userId).execute()
}

