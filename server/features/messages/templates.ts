// The subscribe-message templates features send, each with the payload it carries. The future WeChat sender
// maps a template to its template id and formats the payload for WeChat's field limits; typing them here keeps
// a feature from sending a payload its template does not expect. A new feature adds its templates here.
import type { TicketOutcome } from '../appointments/tables'
import type { EventKind } from '../hotline/actions'
import type { HotlineState } from '../hotline/tables'

interface HotlineStep {
  requestId: number
  category: string
  event: EventKind
  state: HotlineState
  at: string
}

export interface NoticeTemplates {
  /** The resident hears what was done on their request. */
  hotline_progress: HotlineStep
  /** The handler hears the resident's answer (rating, reopening). */
  hotline_feedback: HotlineStep
  appointment_booked: { bookingId: number; service: string; startsAt: string }
  appointment_changed: { bookingId: number; service: string; startsAt: string; change: 'cancelled' | 'rescheduled' | 'no_show' | 'displaced' }
  appointment_reminder: { bookingId: number; service: string; startsAt: string; code: string }
  ticket_outcome: { bookingId: number; outcome: TicketOutcome; text: string }
}

export type NoticeTemplate = keyof NoticeTemplates

/** A template together with a payload that fits it. */
export type TemplatedPayload = { [K in NoticeTemplate]: { template: K; payload: NoticeTemplates[K] } }[NoticeTemplate]
