import type { EventKind, RequestState } from '@server/features/hotline/actions'

export const STATE_LABELS: Record<RequestState, string> = {
  submitted: '待受理',
  accepted: '处理中',
  escalated: '社区处理中',
  resolved: '已办结',
  reopened: '重新打开',
  closed: '已评价',
}

export const EVENT_LABELS: Record<EventKind, string> = {
  submitted: '提交诉求',
  accepted: '已受理',
  reply: '回复',
  escalated: '上报社区',
  auto_escalated: '超时自动上报社区',
  reassigned: '转派',
  resolved: '已办结',
  reopened: '重新打开',
  rated: '评价',
  overdue: '超过响应时限',
  auto_closed: '自动结案',
}

/** The hint a text box gives about its minimum, taken from the action's schema so the two cannot drift apart. */
export const atLeast = (field: { minLength: number | null }): string => (field.minLength && field.minLength > 1 ? `（至少${field.minLength}个字）` : '')
