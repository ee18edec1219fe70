// Days, slots and timetables live in Beijing time; instants are stored in UTC. Everything that formats or
// groups by day goes through these helpers so a wrong zone shows up in tests (which run with TZ=UTC).
//
// Asia/Shanghai has been UTC+8 without daylight saving since 1991, so community time is a fixed offset.
// We use dayjs' utc plugin with that offset rather than the timezone plugin because the timezone plugin
// needs full Intl time-zone data, which some WeChat JS engines lack; on the server both give the same answer
// (a test checks this against Intl).
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.locale('zh-cn')

export const COMMUNITY_TZ = 'Asia/Shanghai'
export const COMMUNITY_UTC_OFFSET_MINUTES = 8 * 60

export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/**
 * A clock that starts at `start` and then runs at the pace of the real one: development and the end-to-end
 * tests use it to live through a month's first day, Beijing midnight or a Sunday on purpose.
 */
export function clockStartingAt(start: string | Date | number, real: () => number = Date.now): Clock {
  const offset = new Date(start).getTime() - real()
  return () => new Date(real() + offset)
}

/** A dayjs in community time for an instant (ISO string, Date or epoch ms). */
export function local(instant: string | Date | number) {
  return dayjs(instant).utcOffset(COMMUNITY_UTC_OFFSET_MINUTES)
}

/** 2026-11-27 20:05 in Beijing time. */
export function formatDateTime(instant: string | Date | number): string {
  return local(instant).format('YYYY-MM-DD HH:mm')
}

/** 12月8日（周二）07:10 in Beijing time: how notices name a moment. */
export function formatWhen(instant: string | Date | number): string {
  return local(instant).format('M月D日（ddd）HH:mm')
}

/** 2026年11月27日 in Beijing time. */
export function formatDate(instant: string | Date | number): string {
  return local(instant).format('YYYY年M月D日')
}

/** 2026-11-27: the Beijing-time day an instant falls on. */
export function localDay(instant: string | Date | number): string {
  return local(instant).format('YYYY-MM-DD')
}

/** The instant a Beijing-time day (2026-11-27) begins; invalid days (2026-02-30) give null. */
export function startOfLocalDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const utcMidnight = Date.UTC(y, mo - 1, d)
  const check = new Date(utcMidnight)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null
  return new Date(utcMidnight - COMMUNITY_UTC_OFFSET_MINUTES * 60_000)
}

const DAY_MS = 86_400_000

/** Minutes after local midnight of a clock time (07:10 → 430). */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** The clock time of minutes after local midnight (430 → 07:10). */
export const clockOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/** ISO weekday (1 Monday … 7 Sunday) of a calendar day; the day is a date, so its UTC reading is its own. */
export function weekdayOf(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

/** The Beijing-time day `n` days after `day` (before it when negative). */
export function addDays(day: string, n: number): string {
  return localDay(startOfLocalDay(day)!.getTime() + n * DAY_MS)
}

/** The instant of a clock time on a Beijing-time day (2026-12-01 07:10 → 2026-11-30T23:10:00.000Z). */
export function atLocal(day: string, hhmm: string): string {
  return new Date(startOfLocalDay(day)!.getTime() + minutesOf(hhmm) * 60_000).toISOString()
}

/** Today and the following `ahead` days, in Beijing time. */
export function daysFrom(now: Date, ahead: number): string[] {
  const today = localDay(now)
  return Array.from({ length: ahead + 1 }, (_, i) => addDays(today, i))
}

export { dayjs }
