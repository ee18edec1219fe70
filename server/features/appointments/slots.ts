// Slots of a service, cut from its weekly plan on a Beijing-time day, less its closures. Pure: the server's own
// zone never enters (instants are built from the fixed UTC+8 day start), which the tests check under TZ=UTC.
import { clockOf, localDay, minutesOf, startOfLocalDay, weekdayOf } from '../../../common/time'

export interface Window {
  weekday: number
  starts: string
  ends: string
}

export interface Closure {
  /** Null: every service. */
  serviceId: number | null
  day: string
  starts: string | null
  ends: string | null
  reason: string
}

export interface Plan {
  durationMinutes: number
  hours: Window[]
  closures: Closure[]
}

export interface Slot {
  start: string
  end: string
  /** Minutes after local midnight. */
  from: number
  to: number
  label: string
}

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000


/** The whole-day closure of a day, if any (its reason is what residents see). */
export function closedAllDay(plan: Plan, day: string): Closure | undefined {
  return plan.closures.find((c) => c.day === day && c.starts === null)
}

/** Every slot of the plan on that day, ignoring closures: what the windows would offer. */
function planned(plan: Plan, day: string): Slot[] {
  const base = startOfLocalDay(day)
  if (!base) return []
  const weekday = weekdayOf(day)
  const starts = new Set<number>()
  for (const w of plan.hours) {
    if (w.weekday !== weekday) continue
    const end = minutesOf(w.ends)
    for (let m = minutesOf(w.starts); m + plan.durationMinutes <= end; m += plan.durationMinutes) starts.add(m)
  }
  return [...starts]
    .sort((a, b) => a - b)
    .map((from) => {
      const to = from + plan.durationMinutes
      return {
        start: new Date(base.getTime() + from * MINUTE_MS).toISOString(),
        end: new Date(base.getTime() + to * MINUTE_MS).toISOString(),
        from,
        to,
        label: clockOf(from),
      }
    })
}

/** The slots open on a day: the plan's, without those a closure touches. */
export function slotsOn(plan: Plan, day: string): Slot[] {
  if (closedAllDay(plan, day)) return []
  const partial = plan.closures.filter((c) => c.day === day && c.starts !== null && c.ends !== null)
  return planned(plan, day).filter((s) => !partial.some((c) => s.from < minutesOf(c.ends!) && minutesOf(c.starts!) < s.to))
}

/** The slot that starts at that instant on the plan, if the plan (with its closures) has one. */
export function slotAt(plan: Plan, start: string): Slot | undefined {
  const t = Date.parse(start)
  if (Number.isNaN(t)) return undefined
  return slotsOn(plan, localDay(t)).find((s) => Date.parse(s.start) === t)
}

/** The last day that may be booked `ahead` days out. */
export function lastBookableDay(now: Date, ahead: number): string {
  return localDay(startOfLocalDay(localDay(now))!.getTime() + ahead * DAY_MS)
}
