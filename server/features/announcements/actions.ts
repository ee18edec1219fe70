import { z } from 'zod'
import { defineDomain, MAX_ID, mutation, query, STAFF_ROLES, userText } from '../../../common/contract'
import { pageInput, type Page } from '../../../common/paging'

export interface AnnouncementOut {
  id: number
  title: string
  body: string
  pinned: boolean
  status: 'draft' | 'published' | 'withdrawn'
  publishedAt: string | null
  updatedAt: string
}

const idInput = z.object({ id: z.number({ error: '缺少公告编号' }).int('公告编号无效').positive('公告编号无效').max(MAX_ID, '公告编号无效') })

export const announcementInput = z.object({
  id: z.number({ error: '公告编号无效' }).int('公告编号无效').positive('公告编号无效').max(MAX_ID, '公告编号无效').optional(),
  title: z.string({ error: '请填写标题' }).trim().min(2, '标题至少2个字').max(40, '标题不能超过40个字'),
  body: z.string({ error: '请填写正文' }).trim().min(5, '正文至少5个字').max(2000, '正文不能超过2000个字'),
  pinned: z.boolean({ error: '置顶应为是或否' }).default(false),
})

export const announcementActions = defineDomain('announcements', {
  /** Published announcements, pinned first, newest first. Readable before signing in. */
  list: query<Page<AnnouncementOut>>()({ input: z.object(pageInput), access: 'public' }),
  get: query<AnnouncementOut>()({ input: idInput, access: 'public' }),
  /** Everything, drafts and withdrawn too, for the staff who keep them. */
  manage: query<Page<AnnouncementOut>>()({ input: z.object(pageInput), access: STAFF_ROLES }),
  save: mutation<AnnouncementOut>()({
    input: announcementInput,
    access: STAFF_ROLES,
    content: {
      title: userText('标题', 'forum'),
      body: userText('正文', 'forum'),
    },
  }),
  publish: mutation<AnnouncementOut>()({ input: idInput, access: STAFF_ROLES }),
  withdraw: mutation<AnnouncementOut>()({ input: idInput, access: STAFF_ROLES }),
})
