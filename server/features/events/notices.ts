// 活动报名's notices (消息中心 and subscribe messages) and the payload each carries.
export interface EventNotices {
  /** Organisers changed the time or place of an event the person signed up or waits for, or cancelled it. */
  event_changed: { eventId: number; signupId: number | null; waitId: number | null; title: string; startsAt: string; place: string; change: 'changed' | 'cancelled'; note: string | null }
  /** A place came from the waiting list. */
  event_promoted: { eventId: number; signupId: number; title: string; startsAt: string; places: number; code: string }
  /** Sign-up closed before a place freed up. */
  event_wait_lapsed: { eventId: number; waitId: number; title: string; startsAt: string }
  /** The morning of a session. */
  event_reminder: { eventId: number; signupId: number; title: string; startsAt: string; place: string; code: string }
}
