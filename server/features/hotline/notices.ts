// The hotline's notices (消息中心 and subscribe messages) and the payload each carries.
import type { EventKind } from './actions'
import type { HotlineState } from './tables'

interface HotlineStep {
  requestId: number
  category: string
  event: EventKind
  state: HotlineState
  at: string
}

export interface HotlineNotices {
  /** The resident hears what was done on their request. */
  hotline_progress: HotlineStep
  /** The handler hears the resident's answer (rating, reopening). */
  hotline_feedback: HotlineStep
}
