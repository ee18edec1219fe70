// 高铁站班车's notices (消息中心 and subscribe messages) and the payload each carries.
export interface ShuttleNotices {
  /** Two hours before departure. */
  shuttle_reminder: { bookingId: number; route: string; departsAt: string; stop: string; seats: number; code: string }
  /** Staff moved or cancelled the departure of a booking or a place in the queue. */
  shuttle_changed: { bookingId: number | null; waitId: number | null; route: string; departsAt: string; change: 'cancelled' | 'moved'; note: string | null }
  /** Seats came from the waiting list. */
  shuttle_promoted: { bookingId: number; route: string; departsAt: string; seats: number; code: string }
  /** Booking closed before seats freed up. */
  shuttle_wait_lapsed: { waitId: number; route: string; departsAt: string }
}
