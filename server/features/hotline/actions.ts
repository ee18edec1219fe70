// 服务热线: a resident's request goes to the grid of their building; the grid answers in a thread, resolves it or
// escalates it to the community. 「小事不出网格，大事不出社区」.
import { z } from 'zod'
import type { PhotoOut } from '../moderation/actions'
import { defineDomain, MAX_ID, mutation, query, HANDLER_ROLES, STAFF_ROLES, userText } from '../../../common/contract'
import { pageInput, type Page } from '../../../common/paging'
import { localDate, recordId, text } from '../../../common/schemas'

export const REQUEST_STATES = ['submitted', 'accepted', 'escalated', 'resolved', 'reopened', 'closed'] as const
export type RequestState = (typeof REQUEST_STATES)[number]

/** submitted → accepted → resolved → (rated: closed) | reopened → accepted …; grid → community by escalation. */
export type Level = 'grid' | 'community'

export const EVENT_KINDS = [
  'submitted', 'accepted', 'reply', 'escalated', 'auto_escalated', 'reassigned', 'resolved', 'reopened', 'rated', 'overdue', 'auto_closed',
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export interface CategoryOut {
  id: number
  name: string
  active: boolean
}

export type { PhotoOut } from '../moderation/actions'

export interface EventOut {
  id: number
  kind: EventKind
  at: string
  /** Who did it, as residents may see it: 网格员 赵晓燕, 社区工作人员, 系统. */
  by: string
  text: string | null
  photos: PhotoOut[]
}

export interface RequestSummary {
  id: number
  category: string
  excerpt: string
  state: RequestState
  level: Level
  gridName: string
  handler: string | null
  createdAt: string
  /** First response is due by then (service level); null once answered. */
  dueAt: string | null
  overdue: boolean
  unreadForResident: boolean
  /** Closed with the resident's stars; a request left unrated is closed by the sweep once it can no longer be reopened. */
  rated: boolean
}

export interface RequestDetail extends RequestSummary {
  description: string
  photos: PhotoOut[]
  /** For grid workers and staff: the resident, phone masked. Residents get null. */
  resident: { name: string; address: string; phone: string } | null
  rating: { stars: number; comment: string | null; at: string } | null
  reopenUntil: string | null
  events: EventOut[]
  /**
   * What the caller may do now, so the client shows only the buttons that will work. `callResident`: the
   * resident block is shown and the resident has a phone, so `residentPhone` will answer with the number.
   */
  can: {
    accept: boolean
    reply: boolean
    resolve: boolean
    escalate: boolean
    reassign: boolean
    rate: boolean
    reopen: boolean
    callResident: boolean
  }
}

export interface InboxCounts {
  new: number
  inProgress: number
  overdue: number
  escalated: number
}

export interface BoardRow {
  key: string
  name: string
  requests: number
  medianFirstResponseMinutes: number | null
  resolvedShare: number | null
  reopenRate: number | null
  averageStars: number | null
  ratings: number
}

export interface Board {
  from: string
  to: string
  grids: BoardRow[]
  workers: BoardRow[]
}

export interface ServiceLevels {
  firstResponseHours: number
  autoEscalateHours: number
  reopenDays: number
}

const requestId = z.object({ id: recordId('诉求编号') })

export const submitInput = z.object({
  categoryId: z.number({ error: '请选择诉求类别' }).int('诉求类别无效').positive('诉求类别无效').max(MAX_ID, '诉求类别无效'),
  description: text('诉求内容', 5, 1000),
  photoIds: z.array(recordId('照片'), { error: '照片应为列表' }).max(3, '最多上传3张照片').default([]),
})

export const hotlineActions = defineDomain('hotline', {
  categories: query<CategoryOut[]>()({ input: z.object({ all: z.boolean({ error: '参数无效' }).default(false) }), access: 'user' }),
  submit: mutation<RequestDetail>()({ input: submitInput, access: ['resident'], content: { description: userText('诉求内容', 'forum') } }),
  mine: query<Page<RequestSummary>>()({ input: z.object(pageInput), access: ['resident'] }),
  get: query<RequestDetail>()({ input: requestId, access: 'user' }),
  rate: mutation<RequestDetail>()({
    input: requestId.extend({
      stars: z.number({ error: '请选择星级' }).int('星级应为1到5').min(1, '星级应为1到5').max(5, '星级应为1到5'),
      comment: z.string({ error: '评价内容应为文字' }).trim().max(200, '评价不能超过200个字').optional(),
    }),
    access: ['resident'],
    content: { comment: userText('评价', 'comment') },
  }),
  reopen: mutation<RequestDetail>()({
    input: requestId.extend({ reason: text('重新打开的原因', 5, 300) }),
    access: ['resident'],
    content: {
      reason: userText('重新打开的原因', 'comment'),
    },
  }),

  inbox: query<Page<RequestSummary> & { counts: InboxCounts }>()({
    input: z.object({
      view: z.enum(['open', 'escalated', 'done', 'all'], { error: '列表类型无效' }).default('open'),
      gridId: recordId('网格').optional(),
      ...pageInput,
    }),
    access: HANDLER_ROLES,
  }),
  accept: mutation<RequestDetail>()({ input: requestId, access: HANDLER_ROLES }),
  reply: mutation<RequestDetail>()({
    input: requestId.extend({
      text: text('回复内容', 1, 500),
      photoIds: z.array(recordId('照片'), { error: '照片应为列表' }).max(3, '最多上传3张照片').default([]),
    }),
    access: HANDLER_ROLES,
    content: { text: userText('回复内容', 'comment') },
  }),
  resolve: mutation<RequestDetail>()({
    input: requestId.extend({ summary: text('办结说明', 5, 500) }),
    access: HANDLER_ROLES,
    content: {
      summary: userText('办结说明', 'comment'),
    },
  }),
  escalate: mutation<RequestDetail>()({
    input: requestId.extend({ reason: text('上报原因', 5, 300) }),
    access: ['grid_worker'],
    content: {
      reason: userText('上报原因', 'comment'),
    },
  }),
  reassign: mutation<RequestDetail>()({
    input: requestId.extend({ gridId: recordId('网格').optional(), takeOver: z.boolean({ error: '参数无效' }).default(false) }),
    access: STAFF_ROLES,
  }),
  /**
   * Tap-to-call: the resident's whole number, for whoever sees the resident on the request. A mutation because
   * every read is written to the audit log; `repeatable` keeps the number out of the idempotency table.
   */
  residentPhone: mutation<{ phone: string }>()({ input: requestId, access: HANDLER_ROLES, repeatable: true }),

  quickReplies: query<{ id: number; text: string }[]>()({ input: z.object({}), access: HANDLER_ROLES }),
  saveQuickReply: mutation<{ id: number; text: string }[]>()({
    input: z.object({ text: text('常用回复', 2, 200) }),
    access: HANDLER_ROLES,
    content: {
      text: userText('常用回复', 'comment'),
    },
  }),
  deleteQuickReply: mutation<{ id: number; text: string }[]>()({ input: z.object({ id: recordId('常用回复') }), access: HANDLER_ROLES }),

  board: query<Board>()({ input: z.object({ from: localDate('开始日期'), to: localDate('结束日期') }), access: STAFF_ROLES }),
  saveCategory: mutation<CategoryOut[]>()({
    input: z.object({ id: recordId('类别').optional(), name: text('类别名称', 2, 12), active: z.boolean({ error: '启用应为是或否' }).default(true) }),
    access: STAFF_ROLES,
    content: { name: userText('类别名称', 'profile') },
  }),
  serviceLevels: query<ServiceLevels>()({ input: z.object({}), access: STAFF_ROLES }),
  setServiceLevels: mutation<ServiceLevels>()({
    input: z.object({
      firstResponseHours: z.number({ error: '首次响应时限应为小时数' }).int('首次响应时限应为整数小时').min(1, '首次响应时限至少1小时').max(168, '首次响应时限不超过168小时'),
      autoEscalateHours: z.number({ error: '自动上报时限应为小时数' }).int('自动上报时限应为整数小时').min(2, '自动上报时限至少2小时').max(336, '自动上报时限不超过336小时'),
    }),
    access: ['admin'],
  }),
})
