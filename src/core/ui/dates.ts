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

/** 今天 / 昨天 / 12月2日 周三 / 2025年12月2日 周二, for a Beijing-time day in the past (message lists). */
export function pastDayName(day: string, now: Date = new Date()): string {
  const today = localDay(now)
  if (day === today) return '今天'
  if (day === localDay(startOfLocalDay(today)!.getTime() - 86_400_000)) return '昨天'
  const d = local(startOfLocalDay(day)!)
  return d.format(day.slice(0, 4) === today.slice(0, 4) ? 'M月D日 ddd' : 'YYYY年M月D日 ddd')
}

/** Items in runs of one Beijing-time day each, in the order given. */
export function byDay<T>(items: readonly T[], instantOf: (item: T) => string): { day: string; items: T[] }[] {
  const out: { day: string; items: T[] }[] = []
  for (const item of items) {
    const day = localDay(instantOf(item))
    const last = out[out.length - 1]
    if (last?.day === day) last.items.push(item)
    else out.push({ day, items: [item] })
  }
  return out
}
