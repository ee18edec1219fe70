import { local, localDay, startOfLocalDay } from '@common/time'
import type { BookingStatus, TicketOutcome } from '@server/features/appointments/actions'

export const STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  checked_in: '已签到',
  done: '已办结',
  no_show: '未到场',
  cancelled: '已取消',
}

export const OUTCOME_LABELS: Record<TicketOutcome, string> = { issued: '已出票', unavailable: '未购得' }

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** 今天 / 明天 / 周三, for a Beijing-time day. */
export function dayName(day: string, now: Date = new Date()): string {
  const today = localDay(now)
  if (day === today) return '今天'
  if (day === localDay(startOfLocalDay(today)!.getTime() + 86_400_000)) return '明天'
  return local(startOfLocalDay(day)!).format('ddd')
}

/** 12月1日 周二 09:00–09:20 */
export function slotText(startsAt: string, endsAt?: string): string {
  const s = local(startsAt)
  return `${s.format('M月D日 ddd HH:mm')}${endsAt ? `–${local(endsAt).format('HH:mm')}` : ''}`
}

/** 11/30 */
export const shortDate = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`
