// The timetable's rules, pure: which runs a weekly pattern gives on a Beijing-time day, when booking a seat opens,
// closes and may be cancelled (GTFS-Flex's prior-notice rules: N days ahead at a time of day; M minutes before the
// departure from the rider's stop, or for the first morning runs a time on the day before), and which departures
// fit a train. The server's own zone never enters: instants are built from the fixed UTC+8 day (common/time.ts).
import { addDays, atLocal, local, minutesOf, weekdayOf } from '../../../common/time'
import type { Direction } from './tables'

const MINUTE_MS = 60_000

export interface BookingRules {
  openDaysAhead: number
  openTime: string
  closeMinutes: number
  earlyBefore: string | null
  earlyCloseTime: string
  cancelMinutes: number
}

export interface Pattern {
  id: number
  departs: string
  weekdays: string
  seats: number
  driverId: number | null
}

export interface Run {
  patternId: number
  departsAt: string
  seats: number
  driverId: number | null
}

/** The runs a set of weekly patterns gives on a day, earliest first. */
export function runsOn(patterns: Pattern[], day: string): Run[] {
  const weekday = String(weekdayOf(day))
  return patterns
    .filter((p) => p.weekdays.includes(weekday))
    .map((p) => ({ patternId: p.id, departsAt: atLocal(day, p.departs), seats: p.seats, driverId: p.driverId }))
    .sort((a, b) => a.departsAt.localeCompare(b.departsAt))
}

/** When the bus leaves a stop `minutes` after leaving the first. */
export const atStop = (departsAt: string, minutes: number) => new Date(Date.parse(departsAt) + minutes * MINUTE_MS).toISOString()

export interface Window {
  opensAt: string
  closesAt: string
  cancelUntil: string
}

/**
 * The booking window of a departure for a rider boarding `stopMinutes` after the first stop. `day` is the day the
 * run belongs to (a run at 00:10 belongs to its own day, so its "day before" is the evening just past).
 */
export function windowOf(rules: BookingRules, day: string, departsAt: string, stopMinutes: number): Window {
  const leaves = Date.parse(atStop(departsAt, stopMinutes))
  const byMinutes = leaves - rules.closeMinutes * MINUTE_MS
  const clock = local(departsAt)
  const early = rules.earlyBefore !== null && clock.hour() * 60 + clock.minute() < minutesOf(rules.earlyBefore)
  const closes = early ? Math.min(byMinutes, Date.parse(atLocal(addDays(day, -1), rules.earlyCloseTime))) : byMinutes
  return {
    opensAt: atLocal(addDays(day, -rules.openDaysAhead), rules.openTime),
    closesAt: new Date(closes).toISOString(),
    cancelUntil: new Date(leaves - rules.cancelMinutes * MINUTE_MS).toISOString(),
  }
}

export type Phase = 'not_open' | 'open' | 'closed'

export function phaseOf(w: Window, now: Date): Phase {
  const t = now.getTime()
  if (t < Date.parse(w.opensAt)) return 'not_open'
  return t < Date.parse(w.closesAt) ? 'open' : 'closed'
}

/** A departure as the train finder sees it: when it leaves the first stop and when it is at the station. */
export interface Candidate {
  id: number
  departsAt: string
  /** At the station: arrival for a run to it, departure for a run from it. */
  stationAt: string
}

/**
 * 赶火车: for a train leaving 徐州东站 at `trainAt`, the latest run arriving at least `margin` minutes before it and
 * the one before that (latest first). 回家: for a train arriving at `trainAt`, the first run leaving the station at
 * least `margin` minutes after it and the one after that (earliest first).
 */
export function fitTrain(direction: Direction, candidates: Candidate[], trainAt: string, margin: number): Candidate[] {
  const t = Date.parse(trainAt)
  if (direction === 'to_station') {
    const latest = t - margin * MINUTE_MS
    return candidates
      .filter((c) => Date.parse(c.stationAt) <= latest)
      .sort((a, b) => b.stationAt.localeCompare(a.stationAt))
      .slice(0, 2)
  }
  const earliest = t + margin * MINUTE_MS
  return candidates
    .filter((c) => Date.parse(c.stationAt) >= earliest)
    .sort((a, b) => a.stationAt.localeCompare(b.stationAt))
    .slice(0, 2)
}
