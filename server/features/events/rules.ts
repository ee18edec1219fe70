// An event's and a sign-up's state machines, written once as the shuttle's rules.ts is: the services enforce them
// (refusal() before the write, the states they start from in the write's WHERE clause) and the `can` flags come
// from them, so the client shows exactly the buttons that will work. Who may sign up (grids, an age band) and
// the status residents see are here too: the server decides both, at Beijing-time instants.
import { local } from '../../../common/time'
import type { EventStatus } from './actions'
import type { EventState, SignupState } from './tables'

export type EventAct = 'edit' | 'publish' | 'cancel' | 'checkIn' | 'roster'
export type SignupAct = 'cancel'

/** The capacity someone acts in on an event: staff for every event, a leader for their team's. */
export type Capacity = 'staff' | 'leader' | 'owner'

export const EVENT_TRANSITIONS: Record<EventAct, { by: readonly Capacity[]; from: readonly EventState[] }> = {
  edit: { by: ['staff', 'leader'], from: ['draft', 'published'] },
  publish: { by: ['staff', 'leader'], from: ['draft'] },
  cancel: { by: ['staff', 'leader'], from: ['draft', 'published'] },
  checkIn: { by: ['staff', 'leader'], from: ['published'] },
  roster: { by: ['staff', 'leader'], from: ['published', 'cancelled'] },
}

export const SIGNUP_TRANSITIONS: Record<SignupAct, { by: readonly Capacity[]; from: readonly SignupState[]; event: readonly EventState[] }> = {
  cancel: { by: ['owner', 'staff'], from: ['signed'], event: ['published'] },
}

/** The door opens this long before each session starts and closes when it ends. */
export const DOOR_OPENS_MINUTES = 60

export interface Organiser {
  userId: number
  staff: boolean
  /** The 红石榴 teams the person leads. */
  ledTeamIds: number[]
}

export interface EventFacts {
  state: EventState
  teamId: number | null
  startsAt: string
  endsAt: string
}

export interface Refusal {
  code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND'
  message: string
}

const at = (iso: string) => local(iso).format('M月D日 HH:mm')

function capacityOf(act: EventAct, who: Organiser, f: Pick<EventFacts, 'teamId'>): Capacity | null {
  for (const cap of EVENT_TRANSITIONS[act].by) {
    if (cap === 'staff' && who.staff) return cap
    if (cap === 'leader' && f.teamId !== null && who.ledTeamIds.includes(f.teamId)) return cap
  }
  return null
}

const STATE_PHRASE: Record<EventState, string> = { draft: '还是草稿', published: '已发布', cancelled: '已取消' }

export function eventRefusal(act: EventAct, who: Organiser, f: EventFacts, now: Date): Refusal | null {
  if (!capacityOf(act, who, f)) return { code: 'NOT_FOUND', message: '没有找到该活动' }
  if (!EVENT_TRANSITIONS[act].from.includes(f.state)) return { code: 'CONFLICT', message: `该活动${STATE_PHRASE[f.state]}` }
  if ((act === 'edit' || act === 'cancel' || act === 'publish') && now.getTime() >= Date.parse(f.endsAt)) return { code: 'CONFLICT', message: '该活动已结束' }
  return null
}

export function eventAbilities(who: Organiser | null, f: EventFacts, now: Date): Record<EventAct, boolean> {
  const ok = (act: EventAct) => who !== null && eventRefusal(act, who, f, now) === null
  return { edit: ok('edit'), publish: ok('publish'), cancel: ok('cancel'), checkIn: ok('checkIn'), roster: ok('roster') }
}

/** The session whose door is open at `now` (from an hour before it starts until it ends), if any. */
export function doorSession<S extends { startsAt: string; endsAt: string }>(sessions: S[], now: Date): S | null {
  const t = now.getTime()
  return sessions.find((s) => t >= Date.parse(s.startsAt) - DOOR_OPENS_MINUTES * 60_000 && t < Date.parse(s.endsAt)) ?? null
}

export interface SignupFacts {
  state: SignupState
  userId: number | null
  eventState: EventState
  cancelUntil: string
  startsAt: string
}

export function signupRefusal(act: SignupAct, caller: { userId: number; staff: boolean }, f: SignupFacts, now: Date): Refusal | null {
  const owner = f.userId === caller.userId
  if (!owner && !caller.staff) return { code: 'NOT_FOUND', message: '没有找到该报名' }
  const rule = SIGNUP_TRANSITIONS[act]
  if (!rule.event.includes(f.eventState)) return { code: 'CONFLICT', message: `该活动${STATE_PHRASE[f.eventState]}` }
  if (!rule.from.includes(f.state)) return { code: 'CONFLICT', message: '该报名已取消' }
  if (owner && now.getTime() >= Date.parse(f.cancelUntil)) return { code: 'CONFLICT', message: `已过取消截止时间（${at(f.cancelUntil)}），如需取消请联系社区` }
  if (!owner && now.getTime() >= Date.parse(f.startsAt)) return { code: 'CONFLICT', message: '活动已开始' }
  return null
}

export const signupGuard = (act: SignupAct) => SIGNUP_TRANSITIONS[act].from
export const eventGuard = (act: EventAct) => EVENT_TRANSITIONS[act].from

export interface Window {
  signupOpensAt: string
  signupClosesAt: string
  endsAt: string
}

/** What residents see of an event now. */
export function statusOf(state: EventState, w: Window, placesLeft: number, now: Date): EventStatus {
  if (state === 'draft') return 'draft'
  if (state === 'cancelled') return 'cancelled'
  const t = now.getTime()
  if (t >= Date.parse(w.endsAt)) return 'ended'
  if (t < Date.parse(w.signupOpensAt)) return 'not_open'
  if (t >= Date.parse(w.signupClosesAt)) return 'closed'
  return placesLeft > 0 ? 'open' : 'full'
}

/** Why a sign-up or a place in the queue is refused now by the window, or null while it is open. */
export function windowRefusal(state: EventState, w: Window, now: Date): string | null {
  if (state === 'cancelled') return '该活动已取消'
  if (state !== 'published') return '该活动尚未发布'
  const t = now.getTime()
  if (t < Date.parse(w.signupOpensAt)) return `${at(w.signupOpensAt)}开始报名`
  if (t >= Date.parse(w.signupClosesAt)) return `报名已于${at(w.signupClosesAt)}截止`
  return null
}

export interface Audience {
  gridIds: number[]
  minAge: number | null
  maxAge: number | null
}

export interface Person {
  gridId: number | null
  birthYear: number | null
}

/** An age band in words: 60岁及以上, 18岁以下, 18至35岁. */
export function ageBand(a: Pick<Audience, 'minAge' | 'maxAge'>): string | null {
  if (a.minAge !== null && a.maxAge !== null) return `${a.minAge}至${a.maxAge}岁`
  if (a.minAge !== null) return `${a.minAge}岁及以上`
  if (a.maxAge !== null) return `${a.maxAge}岁及以下`
  return null
}

/**
 * Whether the person may sign up by who they are. Age is counted by year in Beijing time in the year the event
 * starts (a resident born in 1966 is 60 at any 2026 event), as the community's own age bands are.
 */
export function eligibility(a: Audience, p: Person, gridNames: (ids: number[]) => string, startsAt: string): { ok: boolean; reason: string | null; needsBirthYear: boolean } {
  if (a.gridIds.length > 0 && (p.gridId === null || !a.gridIds.includes(p.gridId))) {
    return { ok: false, reason: `本活动仅限${gridNames(a.gridIds)}居民报名`, needsBirthYear: false }
  }
  const band = ageBand(a)
  if (band) {
    if (p.birthYear === null) return { ok: false, reason: `本活动限${band}居民报名，请先填写出生年份`, needsBirthYear: true }
    const age = local(startsAt).year() - p.birthYear
    if ((a.minAge !== null && age < a.minAge) || (a.maxAge !== null && age > a.maxAge)) return { ok: false, reason: `本活动限${band}居民报名`, needsBirthYear: false }
  }
  return { ok: true, reason: null, needsBirthYear: false }
}
