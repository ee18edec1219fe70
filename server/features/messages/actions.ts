// 消息中心: what happened to a person's requests, bookings, seats, sign-ups and shifts. Every message is also
// written to the outbox, which the dispatcher sends as a WeChat subscribe message when the person allowed its
// kind (channels, subscribed, setAllowed).
import { z } from 'zod'
import { defineDomain, mutation, query } from '../../../common/contract'
import { pageInput, type Page } from '../../../common/paging'
import { recordId } from '../../../common/schemas'

export interface MessageOut {
  id: number
  title: string
  body: string
  /** A page of the app to open, e.g. /features/hotline/pages/detail/index?id=3 */
  link: string | null
  createdAt: string
  read: boolean
}

/** The kinds of WeChat message a person may allow, one template each (kinds.ts says what each carries). */
export const NOTICE_KIND_NAMES = [
  'hotline', 'appointment_reminder', 'appointment', 'shuttle_reminder', 'shuttle', 'event_reminder', 'event', 'volunteer_reminder', 'volunteer',
] as const
export type NoticeKind = (typeof NOTICE_KIND_NAMES)[number]

/** A kind of WeChat message as 我的 → 消息通知 lists it, and what the app asks WeChat to allow before a tap. */
export interface ChannelOut {
  kind: NoticeKind
  group: string
  label: string
  hint: string
  /** The WeChat template to ask for; null when this server sends this kind to 消息中心 only. */
  templateId: string | null
  /** The person has not turned the kind off. */
  allowed: boolean
  /** Subscriptions the person allowed that no message has used yet: one WeChat message each. */
  remaining: number
}

/** What wx.requestSubscribeMessage answered for one template. */
export const SUBSCRIBE_ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const

export const messageActions = defineDomain('messages', {
  list: query<Page<MessageOut> & { unread: number }>()({ input: z.object(pageInput), access: 'user' }),
  unread: query<{ unread: number }>()({ input: z.object({}), access: 'user' }),
  markRead: mutation<{ unread: number }>()({
    input: z.object({
      ids: z.array(recordId('消息编号'), { error: '消息编号应为列表' }).max(100, '一次最多100条').optional(),
      all: z.boolean({ error: '参数无效' }).default(false),
    }),
    access: 'user',
  }),
  channels: query<{ channels: ChannelOut[] }>()({ input: z.object({}), access: 'user' }),
  /** What WeChat's prompt answered (template id → accept, reject, ban or filter); each accept is one message. */
  subscribed: mutation<{ channels: ChannelOut[] }>()({
    input: z.object({
      results: z
        .record(z.string().regex(/^[\w-]{1,128}$/, '模板编号无效'), z.enum(SUBSCRIBE_ANSWERS, { error: '订阅结果无效' }), { error: '订阅结果应为模板编号到结果的对应' })
        .refine((r) => Object.keys(r).length <= 3, '一次最多订阅3个模板'),
    }),
    access: 'user',
  }),
  setAllowed: mutation<{ channels: ChannelOut[] }>()({
    input: z.object({
      kind: z.string({ error: '请选择通知类别' }).min(1, '请选择通知类别').max(40, '通知类别无效'),
      allowed: z.boolean({ error: '请选择是否接收' }),
    }),
    access: 'user',
  }),
})
