import type { Db } from '../../db/connect'

export async function insertNotification(db: Db, n: { userId: number; title: string; body: string; link: string | null; now: string }) {
  await db.insertInto('notifications').values({ user_id: n.userId, title: n.title, body: n.body, link: n.link, read_at: null, created_at: n.now }).execute()
}

export async function insertOutbox(db: Db, o: { userId: number; template: string; payload: unknown; now: string }) {
  await db
    .insertInto('outbox')
    .values({ user_id: o.userId, channel: 'wechat_subscribe', template: o.template, payload: JSON.stringify(o.payload), status: 'pending', created_at: o.now, next_at: o.now, sent_at: null })
    .execute()
}

export async function pageOf(db: Db, userId: number, page: number, pageSize: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
}

export async function counts(db: Db, userId: number): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('read_at', 'is', null).then(1).else(0).end()).as('unread'),
    ])
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return { total: Number(row.total), unread: Number(row.unread ?? 0) }
}

export async function ownedIds(db: Db, userId: number, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('notifications').select('id').where('user_id', '=', userId).where('id', 'in', ids).execute()
  return rows.map((r) => r.id)
}

export async function markRead(db: Db, userId: number, ids: number[] | 'all', now: string) {
  let q = db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids !== 'all') {
    if (ids.length === 0) return
    q = q.where('id', 'in', ids)
  }
  await q.execute()
}

/** Every message a person was sent, oldest first, for their data export. */
export async function allOf(db: Db, userId: number) {
  return db.selectFrom('notifications').select(['title', 'body', 'created_at', 'read_at']).where('user_id', '=', userId).orderBy('id').execute()
}

/** A person's messages and the outbox rows waiting to tell them, for the deletion of their account. */
export async function deleteAllOf(db: Db, userId: number) {
  await db.deleteFrom('notifications').where('user_id', '=', userId).execute()
  await db.deleteFrom('outbox').where('user_id', '=', userId).execute()
  await db.deleteFrom('message_subscriptions').where('user_id', '=', userId).execute()
  await db.deleteFrom('message_preferences').where('user_id', '=', userId).execute()
}
