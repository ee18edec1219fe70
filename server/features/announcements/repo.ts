// SQL of announcements.
import type { Db } from '../../db/connect'
import type { AnnouncementTable } from './tables'
import type { Updateable } from 'kysely'

export async function page(db: Db, onlyPublished: boolean, page: number, pageSize: number) {
  let q = db.selectFrom('announcements')
  if (onlyPublished) q = q.where('status', '=', 'published')
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('pinned', 'desc')
      .orderBy(onlyPublished ? 'published_at' : 'updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

export async function byId(db: Db, id: number) {
  return db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst()
}

/** False when there is no such announcement. */
export async function update(db: Db, id: number, patch: Updateable<AnnouncementTable>): Promise<boolean> {
  const res = await db.updateTable('announcements').set(patch).where('id', '=', id).executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}

export async function insertDraft(db: Db, a: { title: string; body: string; pinned: number; authorId: number; now: string }): Promise<number> {
  const row = await db
    .insertInto('announcements')
    .values({ title: a.title, body: a.body, pinned: a.pinned, updated_at: a.now, status: 'draft', author_id: a.authorId, published_at: null, created_at: a.now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
