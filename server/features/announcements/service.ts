import type { z } from 'zod'
import { toPage, type Page } from '../../../common/paging'
import type { AuthedCtx, Services } from '../../core/context'
import { notFound } from '../../core/errors'
import type { AnnouncementOut, announcementInput } from './actions'
import * as repo from './repo'
import type { AnnouncementRow } from './tables'

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
  const { rows, total } = await repo.page(db, onlyPublished, page, pageSize)
  return toPage(rows.map(toOut), total, page, pageSize)
}

export async function get({ db }: Services, id: number, onlyPublished: boolean): Promise<AnnouncementOut> {
  const row = await repo.byId(db, id)
  if (!row || (onlyPublished && row.status !== 'published')) throw notFound('公告不存在或已撤回')
  return toOut(row)
}

export async function save(ctx: AuthedCtx, input: z.output<typeof announcementInput>): Promise<AnnouncementOut> {
  const now = ctx.clock().toISOString()
  const pinned = input.pinned ? 1 : 0
  if (input.id) {
    if (!(await repo.update(ctx.db, input.id, { title: input.title, body: input.body, pinned, updated_at: now }))) throw notFound('公告不存在')
    return get(ctx, input.id, false)
  }
  const id = await repo.insertDraft(ctx.db, { title: input.title, body: input.body, pinned, authorId: ctx.actor.userId, now })
  return get(ctx, id, false)
}

export async function setStatus(ctx: AuthedCtx, id: number, status: 'published' | 'withdrawn'): Promise<AnnouncementOut> {
  const now = ctx.clock().toISOString()
  const current = await get(ctx, id, false)
  await repo.update(ctx.db, id, { status, updated_at: now, published_at: status === 'published' ? now : current.publishedAt })
  return get(ctx, id, false)
}
