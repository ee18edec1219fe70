// 办事预约's notices (消息中心 and subscribe messages) and the payload each carries.
import type { TicketOutcome } from './tables'

export interface AppointmentNotices {
  appointment_booked: { bookingId: number; service: string; startsAt: string }
  appointment_changed: { bookingId: number; service: string; startsAt: string; change: 'cancelled' | 'rescheduled' | 'no_show' | 'displaced' }
  appointment_reminder: { bookingId: number; service: string; startsAt: string; code: string }
  ticket_outcome: { bookingId: number; outcome: TicketOutcome; text: string }
}
