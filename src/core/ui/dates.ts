// How days read on screen, for every feature's day pickers and lists (Beijing time).
import { local, localDay, startOfLocalDay } from '@common/time'

export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** 今天 / 明天 / 周三, for a Beijing-time day. */
export function dayName(day: string, now: Date = new Date()): string {
  const today = localDay(now)
  if (day === today) return '今天'
  if (day === localDay(startOfLocalDay(today)!.getTime() + 86_400_000)) return '明天'
  return local(startOfLocalDay(day)!).format('ddd')
}

/** 11/30 */
export const shortDate = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`
