// 消息中心: what happened to a person's requests (replies, state changes) and, later, bookings and sign-ups.
// Every message is also written to an outbox so a WeChat subscribe-message sender can be attached later.
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
})
