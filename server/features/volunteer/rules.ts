// A shift's and a shift sign-up's state machines, written once as the events' rules.ts is: the services enforce
// them (refusal() before the write, the states they start from in the write's WHERE clause) and the `can` flags
// come from them, so the client shows exactly the buttons that will work. The arithmetic of service is here too,
// pure and at Beijing-time instants: overlaps, stretches in a row, minutes within a shift's bounds and within a
// year, and star levels.
import { local } from '../../../common/time'
import type { ShiftStatus } from './actions'
import type { ShiftSignupState, ShiftState } from './tables'

export type ShiftAct = 'cancel' | 'desk'
export type SignupAct = 'signOut'
/** The capacity someone acts in: staff for every team, a leader for their team, the volunteer for themselves. */
export type Capacity = 'staff' | 'leader' | 'owner'

export const SHIFT_TRANSITIONS: Record<ShiftAct, { by: readonly Capacity[]; from: readonly ShiftState[] }> = {
  cancel: { by: ['staff', 'leader'], from: ['published'] },
  desk: { by: ['staff', 'leader'], from: ['published'] },
}

export const SIGNUP_TRANSITIONS: Record<SignupAct, { by: readonly Capacity[]; from: readonly ShiftSignupState[] }> = {
  signOut: { by: ['owner', 'leader', 'staff'], from: ['signed'] },
}

/** Checking in opens this long before the start; the shift's code is accepted from then. */
export const CHECK_OPENS_MINUTES = 30
/** Checking out (and the shift's code) is accepted until this long after the end. */
export const CHECK_CLOSES_MINUTES = 60
/** Shifts less than this apart are one stretch of service. */
export const REST_MINUTES = 60
/** The reminder goes out this long before the start. */
export const REMINDER_MINUTES = 60

const MINUTE = 60_000

export interface Refusal {
  code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND'
  message: string
}

export interface Lead {
  userId: number
  staff: boolean
  /** The teams the person leads. */
  ledTeamIds: number[]
}

export interface ShiftFacts {
  state: ShiftState
  teamId: number
  startsAt: string
  endsAt: string
}

const at = (iso: string) => local(iso).format('M月D日 HH:mm')

function leads(who: Lead, teamId: number): Capacity | null {
  if (who.staff) return 'staff'
  return who.ledTeamIds.includes(teamId) ? 'leader' : null
}

export function shiftRefusal(act: ShiftAct, who: Lead, f: ShiftFacts, now: Date): Refusal | null {
  const cap = leads(who, f.teamId)
  if (!cap || !SHIFT_TRANSITIONS[act].by.includes(cap)) return { code: 'NOT_FOUND', message: '没有找到该班次' }
  if (!SHIFT_TRANSITIONS[act].from.includes(f.state)) return { code: 'CONFLICT', message: '该班次已取消' }
  if (act === 'cancel' && now.getTime() >= Date.parse(f.startsAt)) return { code: 'CONFLICT', message: '该班次已开始，不能取消' }
  return null
}

export function shiftAbilities(who: Lead | null, f: ShiftFacts, now: Date): Record<ShiftAct, boolean> {
  const ok = (act: ShiftAct) => who !== null && shiftRefusal(act, who, f, now) === null
  return { cancel: ok('cancel'), desk: ok('desk') }
}

export interface SignupFacts {
  state: ShiftSignupState
  userId: number
  teamId: number
  startsAt: string
  endsAt: string
  releaseHours: number
  /** The volunteer has checked in. */
  checkedIn: boolean
}

/** The instant until which a volunteer signs out themselves. */
export const releaseUntil = (startsAt: string, releaseHours: number) => new Date(Date.parse(startsAt) - releaseHours * 3_600_000).toISOString()

export function signupRefusal(act: SignupAct, who: Lead, f: SignupFacts, now: Date): Refusal | null {
  const cap: Capacity | null = leads(who, f.teamId) ?? (who.userId === f.userId ? 'owner' : null)
  if (!cap || !SIGNUP_TRANSITIONS[act].by.includes(cap)) return { code: 'NOT_FOUND', message: '没有找到该报名' }
  if (!SIGNUP_TRANSITIONS[act].from.includes(f.state)) return { code: 'CONFLICT', message: '您已不在该班次的名单中' }
  if (f.checkedIn) return { code: 'CONFLICT', message: '已签到的班次不能退出' }
  const t = now.getTime()
  if (t >= Date.parse(f.endsAt)) return { code: 'CONFLICT', message: '该班次已结束' }
  if (cap === 'owner' && t >= Date.parse(releaseUntil(f.startsAt, f.releaseHours))) {
    return { code: 'CONFLICT', message: `自行退出截止到${at(releaseUntil(f.startsAt, f.releaseHours))}，现在请联系队长` }
  }
  return null
}

export function shiftStatus(f: { state: ShiftState; startsAt: string; endsAt: string; placesLeft: number }, now: Date): ShiftStatus {
  if (f.state === 'cancelled') return 'cancelled'
  const t = now.getTime()
  if (t >= Date.parse(f.endsAt)) return 'ended'
  if (t >= Date.parse(f.startsAt)) return 'started'
  return f.placesLeft > 0 ? 'open' : 'full'
}

export interface Span {
  startsAt: string
  endsAt: string
  task: string
}

/**
 * Whether a person holding `held` may also take `next`: never two overlapping shifts, and never a stretch of
 * service (shifts less than REST_MINUTES apart) longer than `maxHours`. Null when they may.
 */
export function stretchRefusal(held: Span[], next: Span, maxHours: number): string | null {
  const s = Date.parse(next.startsAt)
  const e = Date.parse(next.endsAt)
  const clash = held.find((h) => Date.parse(h.startsAt) < e && Date.parse(h.endsAt) > s)
  if (clash) return `与您已报名的「${clash.task}」（${at(clash.startsAt)}）时间重叠`
  // Grow the stretch around the new shift until no held shift is within the rest of it.
  let from = s
  let to = e
  for (let grew = true; grew; ) {
    grew = false
    for (const h of held) {
      const hs = Date.parse(h.startsAt)
      const he = Date.parse(h.endsAt)
      if (hs < to + REST_MINUTES * MINUTE && he > from - REST_MINUTES * MINUTE && (hs < from || he > to)) {
        from = Math.min(from, hs)
        to = Math.max(to, he)
        grew = true
      }
    }
  }
  if (to - from > maxHours * 3_600_000) return `连续服务不能超过${maxHours}小时，班次之间请至少间隔${REST_MINUTES}分钟`
  return null
}

/** Minutes between check-in and check-out that fall within the shift. */
export function minutesWithin(inAt: string, outAt: string, startsAt: string, endsAt: string): number {
  const from = Math.max(Date.parse(inAt), Date.parse(startsAt))
  const to = Math.min(Date.parse(outAt), Date.parse(endsAt))
  return Math.max(0, Math.floor((to - from) / MINUTE))
}

/** The Beijing-time calendar year's bounds, as instants. */
export function yearBounds(year: number): { from: number; to: number } {
  return { from: Date.parse(`${year}-01-01T00:00:00+08:00`), to: Date.parse(`${year + 1}-01-01T00:00:00+08:00`) }
}

/**
 * Of a record's counted minutes, those within the Beijing-time year: a night shift across New Year's midnight
 * counts in both years, each its own part.
 */
export function minutesInYear(r: { checkedInAt: string; checkedOutAt: string; startsAt: string; endsAt: string }, year: number): number {
  const y = yearBounds(year)
  const from = Math.max(Date.parse(r.checkedInAt), Date.parse(r.startsAt), y.from)
  const to = Math.min(Date.parse(r.checkedOutAt), Date.parse(r.endsAt), y.to)
  return Math.max(0, Math.floor((to - from) / MINUTE))
}

/** Stars from cumulative minutes and the hours of each level. */
export function starsOf(minutes: number, starHours: number[]) {
  const hours = minutes / 60
  const stars = starHours.filter((h) => hours >= h).length
  const nextHours = starHours[stars]
  return {
    stars,
    next: nextHours === undefined ? null : { stars: stars + 1, hours: nextHours, minutesToGo: nextHours * 60 - minutes },
    thresholds: [...starHours],
  }
}

/** Whether a scan at `now` is within the shift's check window; the message when not. */
export function checkWindowRefusal(f: { startsAt: string; endsAt: string }, now: Date, did: 'in' | 'out'): string | null {
  const t = now.getTime()
  const opens = Date.parse(f.startsAt) - CHECK_OPENS_MINUTES * MINUTE
  if (t < opens) return `签到从${at(new Date(opens).toISOString())}开始`
  if (did === 'in' && t >= Date.parse(f.endsAt)) return '该班次已结束，不能再签到，请联系队长补录'
  if (t >= Date.parse(f.endsAt) + CHECK_CLOSES_MINUTES * MINUTE) return '已过签退时间，请联系队长更正时长'
  return null
}
