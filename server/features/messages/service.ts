import { toPage, type Page } from '../../../common/paging'
import type { AuthedCtx, Services } from '../../core/context'
import { badInput, notFound } from '../../core/errors'
import type { Db } from '../../db/connect'
import type { MessageOut } from './actions'
import * as repo from './repo'
import type { TemplatedPayload } from './templates'

/** The message, and the subscribe-message template with what it needs as data rather than text (templates.ts). */
export type Notice = {
  userId: number
  title: string
  body: string
  link: string | null
  now: string
} & TemplatedPayload

/**
 * Tells a person something: one row in the in-app message centre and one pending row in the outbox.
 * Callers pass their transaction, so the message exists exactly when the change it reports does.
 */
export async function notify(db: Db, n: Notice): Promise<void> {
  await repo.insertNotification(db, n)
  await repo.insertOutbox(db, { userId: n.userId, template: n.template, payload: { ...n.payload, title: n.title, body: n.body, link: n.link }, now: n.now })
}

export async function list({ db }: Services, userId: number, page: number, pageSize: number): Promise<Page<MessageOut> & { unread: number }> {
  const [rows, { total, unread }] = await Promise.all([repo.pageOf(db, userId, page, pageSize), repo.counts(db, userId)])
  const items = rows.map((r) => ({ id: r.id, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, read: r.read_at !== null }))
  return { ...toPage(items, total, page, pageSize), unread }
}

export async function unread({ db }: Services, userId: number): Promise<{ unread: number }> {
  return { unread: (await repo.counts(db, userId)).unread }
}

export async function markRead(ctx: AuthedCtx, input: { ids?: number[]; all: boolean }): Promise<{ unread: number }> {
  const { db, actor } = ctx
  const now = ctx.clock().toISOString()
  if (input.all) {
    await repo.markRead(db, actor.userId, 'all', now)
  } else {
    if (!input.ids) throw badInput({ ids: '请选择要标记为已读的消息' })
    const wanted = [...new Set(input.ids)]
    // Someone else's message is answered like a missing one: its existence is not the caller's business.
    const owned = await repo.ownedIds(db, actor.userId, wanted)
    if (owned.length !== wanted.length) throw notFound('消息不存在或已删除')
    await repo.markRead(db, actor.userId, owned, now)
  }
  return unread(ctx, actor.userId)
}
