// 内容安全: photos held back until WeChat's check clears them, texts WeChat could not clear outright, and staff's
// decisions on both (server/features/moderation).
import { z } from 'zod'
import { defineDomain, mutation, query, STAFF_ROLES, userText } from '../../../common/contract'
import { recordId, text } from '../../../common/schemas'

/**
 * A photo as a viewer gets it: shown; checking (WeChat has not answered yet, or staff are to decide) — its
 * uploader and staff see it, others a placeholder; refused (WeChat found it risky) — only its uploader and staff
 * see that it was.
 */
export type PhotoState = 'shown' | 'checking' | 'refused'

export interface PhotoOut {
  id: number
  /** Where the client fetches the image (a signed, expiring URL over HTTP; a cloud fileID on weapp cloud); null while it is held from this viewer. */
  url: string | null
  state: PhotoState
}

export type PhotoReviewState = 'pending' | 'review' | 'risky' | 'pass' | 'released' | 'none'

export interface HeldPhoto {
  id: number
  url: string
  review: PhotoReviewState
  /** WeChat's reason in words (广告, 色情 …), when it gave one. */
  reason: string | null
  /** Where it appears: 诉求 #12 · 路灯不亮, 活动海报 · 重阳节包饺子. */
  where: string
  link: string | null
  owner: string
  createdAt: string
  /** Handed to WeChat longer ago than a verdict usually takes. */
  overdue: boolean
}

export interface FlaggedText {
  id: number
  /** The feature and the field: 服务热线 · 诉求内容. */
  where: string
  verdict: 'review' | 'unchecked'
  reason: string
  excerpt: string
  who: string
  createdAt: string
}

export interface ModerationQueue {
  held: HeldPhoto[]
  texts: FlaggedText[]
  /** Photos shown to everyone in the last days, for a take-down after the fact. */
  recent: HeldPhoto[]
}

const photoId = z.object({ id: recordId('照片') })

export const moderationActions = defineDomain('moderation', {
  queue: query<ModerationQueue>()({ input: z.object({}), access: STAFF_ROLES }),
  /** Lets a held photo through: staff have looked at it. */
  release: mutation<{ id: number }>()({ input: photoId, access: STAFF_ROLES }),
  /** Takes a photo down for everyone, with the reason kept. */
  takeDown: mutation<{ id: number }>()({
    input: photoId.extend({ reason: text('撤下原因', 2, 60) }),
    access: STAFF_ROLES,
    content: { reason: userText('撤下原因', 'comment') },
  }),
  /** Marks a flagged text as looked at. */
  reviewed: mutation<{ id: number }>()({ input: z.object({ id: recordId('记录') }), access: STAFF_ROLES }),
})
