/**
 * A place in a waiting list (a shuttle run's, an event's), in the words residents see, for each state of the shared
 * queue (server/core/capacity.ts WaiterState; a state added there fails the type check where these are read).
 */
export const WAIT_LABELS = {
  waiting: '候补中',
  offered: '待确认',
  promoted: '已候补成功',
  declined: '已放弃',
  expired: '已失效',
  left: '已退出',
} as const
