// Staff's side of content security: what waits for a decision, letting a held photo through, taking one down,
// and marking a flagged text as looked at.
import { linkTo } from '../../../common/routes'
import { audit } from '../../core/audit'
import type { AuthedCtx } from '../../core/context'
import { conflict } from '../../core/errors'
import { uploadUrl } from '../../core/file-urls'
import type { FlaggedText, HeldPhoto, ModerationQueue, PhotoReviewState } from './actions'
import { shorten } from '../messages/keywords'
import { labelName } from './checker'
import { VERDICT_OVERDUE_MS } from './photos'
import * as repo from './repo'

/** The features' names as people know them, for saying where a text was written. */
const FEATURE_NAMES: Record<string, string> = {
  hotline: '服务热线',
  announcements: '社区公告',
  appointments: '办事预约',
  shuttle: '高铁站班车',
  events: '活动报名',
  volunteer: '志愿服务',
  account: '个人信息',
  community: '社区设置',
  people: '人员管理',
  moderation: '内容安全',
}

const RECENT_DAYS = 7
const LIMIT = 50


type PhotoRow = Awaited<ReturnType<typeof repo.heldPhotos>>[number]

function heldPhoto(ctx: AuthedCtx, r: PhotoRow): HeldPhoto {
  const now = ctx.clock().getTime()
  const where =
    r.requestId !== null
      ? { where: `诉求 #${r.requestId} · ${shorten(r.requestText ?? '', 13)}`, link: linkTo('hotlineDetail', { id: r.requestId }) }
      : r.eventId !== null
        ? { where: `活动海报 · ${r.eventTitle ?? ''}`, link: linkTo('event', { id: r.eventId }) }
        : { where: r.kind === 'poster' ? '尚未用于活动的海报' : '尚未提交的照片', link: null }
  const review = r.review as PhotoReviewState
  return {
    id: r.id,
    url: uploadUrl(ctx, r),
    review,
    reason: r.label !== null && r.label !== 100 ? labelName(r.label) : null,
    ...where,
    owner: r.owner ?? '已注销的用户',
    createdAt: r.createdAt,
    overdue: review === 'pending' && now - Date.parse(r.reviewAt ?? r.createdAt) > VERDICT_OVERDUE_MS,
  }
}

export async function queue(ctx: AuthedCtx): Promise<ModerationQueue> {
  const since = new Date(ctx.clock().getTime() - RECENT_DAYS * 86_400_000).toISOString()
  const [held, flags, recent] = await Promise.all([repo.heldPhotos(ctx.db, LIMIT), repo.openFlags(ctx.db, LIMIT), repo.recentShown(ctx.db, since, LIMIT)])
  const texts = flags.map(
    (f): FlaggedText => ({
      id: f.id,
      where: `${FEATURE_NAMES[f.action.split('.')[0]] ?? f.action} · ${f.fieldLabel}`,
      verdict: f.verdict,
      reason: f.verdict === 'review' ? `微信判定可疑（${labelName(f.label)}）` : '微信未能检测',
      excerpt: f.excerpt,
      who: f.who ?? '已注销的用户',
      createdAt: f.createdAt,
    }),
  )
  return { held: held.map((r) => heldPhoto(ctx, r)), texts, recent: recent.map((r) => heldPhoto(ctx, r)) }
}

export async function release(ctx: AuthedCtx, id: number): Promise<{ id: number }> {
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.setReview(tx, id, ['pending', 'review', 'risky'], { review: 'released', review_at: now }))) throw conflict('这张照片不在待处理之列，请刷新后再试')
    await audit(tx, { actorId: ctx.actor.userId, action: 'moderation.release', targetType: 'upload', targetId: id, at: now })
  })
  return { id }
}

export async function takeDown(ctx: AuthedCtx, id: number, reason: string): Promise<{ id: number }> {
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    const done = await repo.setReview(tx, id, ['none', 'pending', 'pass', 'review', 'risky', 'released'], { review: 'removed', review_at: now, removed_by: ctx.actor.userId, removed_reason: reason })
    if (!done) throw conflict('这张照片不存在或已撤下')
    await audit(tx, { actorId: ctx.actor.userId, action: 'moderation.takeDown', targetType: 'upload', targetId: id, detail: { reason }, at: now })
  })
  return { id }
}

export async function reviewed(ctx: AuthedCtx, id: number): Promise<{ id: number }> {
  if (!(await repo.markReviewed(ctx.db, id, ctx.actor.userId, ctx.clock().toISOString()))) throw conflict('这条记录不存在或已处理')
  return { id }
}
