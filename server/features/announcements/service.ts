import type { z } from 'zod'
import type { AuthedCtx, Services } from '../../core/context'
import { notFound } from '../../core/errors'
import type { AnnouncementRow } from './tables'
import type { Page } from '../../../common/paging'
import type { AnnouncementOut, announcementInput } from './actions'

const toOut = (r: AnnouncementRow): AnnouncementOut => ({
  id: r.id,
  title: r.title,
  body: r.body,
  pinned: r.pinned === 1,
  status: r.status,
  publishedAt: r.published_at,
  updatedAt: r.updated_at,
})

export async function list({ db }: Services, page: number, pageSize: number, onlyPublished: boolean): Promise<Page<AnnouncementOut>> {
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
  const total = Number(count.n)
  return { items: rows.map(toOut), total, page, pageSize, hasMore: page * pageSize < total }
}

export async function get({ db }: Services, id: number, onlyPublished: boolean): Promise<AnnouncementOut> {
  const row = await db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row || (onlyPublished && row.status !== 'published')) throw notFound('公告不存在或已撤回')
  return toOut(row)
}

export async function save(ctx: AuthedCtx, input: z.output<typeof announcementInput>): Promise<AnnouncementOut> {
  const now = ctx.clock().toISOString()
  const fields = { title: input.title, body: input.body, pinned: input.pinned ? 1 : 0, updated_at: now }
  if (input.id) {
    const res = await ctx.db.updateTable('announcements').set(fields).where('id', '=', input.id).executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw notFound('公告不存在')
    return get(ctx, input.id, false)
  }
  const row = await ctx.db
    .insertInto('announcements')
    .values({ ...fields, status: 'draft', author_id: ctx.actor.userId, published_at: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return get(ctx, row.id, false)
}

export async function setStatus(ctx: AuthedCtx, id: number, status: 'published' | 'withdrawn'): Promise<AnnouncementOut> {
  const now = ctx.clock().toISOString()
  const current = await get(ctx, id, false)
  await ctx.db
    .updateTable('announcements')
    .set({ status, updated_at: now, published_at: status === 'published' ? now : current.publishedAt })
    .where('id', '=', id)
    .execute()
  return get(ctx, id, false)
}
