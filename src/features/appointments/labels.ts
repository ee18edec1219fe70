import { local } from '@common/time'
import type { BookingStatus, TicketOutcome } from '@server/features/appointments/actions'

export const STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  checked_in: '已签到',
  done: '已办结',
  no_show: '未到场',
  cancelled: '已取消',
}

export const OUTCOME_LABELS: Record<TicketOutcome, string> = { issued: '已出票', unavailable: '未购得' }

export { WEEKDAYS, dayName, shortDate } from '@/core/ui/dates'

/** 12月1日 周二 09:00–09:20 */
export function slotText(startsAt: string, endsAt?: string): string {
  const s = local(startsAt)
  return `${s.format('M月D日 ddd HH:mm')}${endsAt ? `–${local(endsAt).format('HH:mm')}` : ''}`
}
