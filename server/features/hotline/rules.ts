// The hotline's state machine, written once: the service enforces it (in JavaScript before the write and in the
// WHERE clause of the write itself, so a concurrent change cannot slip between the two) and the detail's `can`
// flags are computed from it, so the client shows exactly the buttons that will work.
import type { Level, RequestState } from './actions'

export type Act = 'accept' | 'reply' | 'resolve' | 'escalate' | 'reassign' | 'takeOver' | 'rate' | 'reopen'

/** The capacity a person acts in on one request: the resident who asked, a grid worker of its grid, or staff. */
export type Capacity = 'owner' | 'worker' | 'staff'

export const OPEN_STATES = ['submitted', 'accepted', 'escalated', 'reopened'] as const satisfies readonly RequestState[]
export const WAITING_STATES = ['submitted', 'reopened'] as const satisfies readonly RequestState[]
export const DONE_STATES = ['resolved', 'closed'] as const satisfies readonly RequestState[]

interface Rule {
  /** Who may do it; the first capacity the caller holds is the one they act in (staff before grid worker). */
  by: readonly Capacity[]
  /** The states the act starts from, for each capacity. */
  from: Partial<Record<Capacity, readonly RequestState[]>>
  /** The state it leaves the request in; null keeps the state (a reply). */
  to: RequestState | null
  /**
   * What a grid worker's hold on the request must be: 'free' — nobody else holds it; 'own' — they hold it.
   * Grid workers act only at grid level: a request the community handles is staff's.
   */
  claim?: 'free' | 'own'
}

export const TRANSITIONS: Record<Act, Rule> = {
  accept: { by: ['staff', 'worker'], to: 'accepted', from: { worker: ['submitted', 'reopened'], staff: ['submitted', 'reopened', 'escalated'] }, claim: 'free' },
  reply: { by: ['staff', 'worker'], to: null, from: { worker: ['accepted', 'reopened'], staff: ['accepted', 'escalated', 'reopened'] }, claim: 'own' },
  resolve: { by: ['staff', 'worker'], to: 'resolved', from: { worker: ['accepted', 'reopened'], staff: ['accepted', 'escalated', 'reopened'] }, claim: 'own' },
  escalate: { by: ['worker'], to: 'escalated', from: { worker: ['submitted', 'accepted', 'reopened'] }, claim: 'free' },
  reassign: { by: ['staff'], to: 'submitted', from: { staff: OPEN_STATES } },
  takeOver: { by: ['staff'], to: 'accepted', from: { staff: OPEN_STATES } },
  rate: { by: ['owner'], to: 'closed', from: { owner: ['resolved'] } },
  reopen: { by: ['owner'], to: 'reopened', from: { owner: ['resolved'] } },
}

export interface Caller {
  userId: number
  staff: boolean
  worker: boolean
  gridIds: number[]
}

export interface Facts {
  residentId: number
  gridId: number
  level: Level
  state: RequestState
  assigneeId: number | null
  resolvedAt: string | null
  rated: boolean
}

export interface Refusal {
  code: 'FORBIDDEN' | 'CONFLICT'
  message: string
}

const ACT_LABEL: Record<Act, string> = {
  accept: '受理',
  reply: '回复',
  resolve: '办结',
  escalate: '上报社区',
  reassign: '转派',
  takeOver: '接手',
  rate: '评价',
  reopen: '重新打开',
}

const STATE_PHRASE: Record<RequestState, string> = {
  submitted: '还未受理',
  accepted: '正在办理',
  escalated: '已上报社区',
  resolved: '已办结',
  reopened: '已重新打开',
  closed: '已结案',
}

/** Messages that say more than "state X cannot do Y". */
function stateMessage(act: Act, cap: Capacity, f: Facts, caller: Caller): string {
  const state = f.state
  if (act === 'accept' && state === 'accepted') {
    if (f.assigneeId === caller.userId) return '您已受理该诉求'
    return f.level === 'grid' ? '已被其他网格员受理' : '已由社区工作人员受理'
  }
  if (state === 'closed' && f.rated) return act === 'rate' ? '您已评价过该诉求' : '该诉求已评价关闭'
  if (state === 'closed') return act === 'rate' ? '该诉求办结后未评价，已自动结案' : '该诉求已结案'
  if (act === 'rate' || act === 'reopen') return `该诉求${STATE_PHRASE[state]}，办结后才能${ACT_LABEL[act]}`
  if (state === 'resolved') return `该诉求已办结，不能再${ACT_LABEL[act]}`
  if (cap === 'worker' && state === 'escalated') return '该诉求已上报社区，由社区工作人员办理'
  if ((act === 'reply' || act === 'resolve') && state === 'submitted') return `该诉求还未受理，请先受理再${ACT_LABEL[act]}`
  return `该诉求${STATE_PHRASE[state]}，不能${ACT_LABEL[act]}`
}

export function capacityOf(act: Act, caller: Caller, f: Facts): Capacity | null {
  for (const cap of TRANSITIONS[act].by) {
    if (cap === 'owner' && f.residentId === caller.userId) return cap
    if (cap === 'staff' && caller.staff) return cap
    if (cap === 'worker' && caller.worker && (caller.gridIds.includes(f.gridId) || f.assigneeId === caller.userId)) return cap
  }
  return null
}

function forbidden(act: Act): Refusal {
  const rule = TRANSITIONS[act]
  if (rule.by.includes('owner')) return { code: 'FORBIDDEN', message: `只有提出诉求的居民可以${ACT_LABEL[act]}` }
  if (!rule.by.includes('worker')) return { code: 'FORBIDDEN', message: `只有社区工作人员可以${ACT_LABEL[act]}` }
  return { code: 'FORBIDDEN', message: '该诉求不在您负责的网格' }
}

/** Why the caller may not do the act now, or null when they may. */
export function refusal(act: Act, caller: Caller, f: Facts, now: Date, reopenDays: number): Refusal | null {
  const rule = TRANSITIONS[act]
  const cap = capacityOf(act, caller, f)
  if (!cap) return forbidden(act)
  if (!rule.from[cap]!.includes(f.state)) return { code: 'CONFLICT', message: stateMessage(act, cap, f, caller) }
  if (cap === 'worker') {
    if (f.level !== 'grid') return { code: 'CONFLICT', message: '该诉求已上报社区，由社区工作人员办理' }
    if (rule.claim === 'free' && f.assigneeId !== null && f.assigneeId !== caller.userId) return { code: 'CONFLICT', message: '已被其他网格员受理' }
    if (rule.claim === 'own' && f.assigneeId === null) return { code: 'CONFLICT', message: `请先受理该诉求再${ACT_LABEL[act]}` }
    if (rule.claim === 'own' && f.assigneeId !== caller.userId) return { code: 'CONFLICT', message: '该诉求由其他网格员办理' }
  }
  if (act === 'reopen' && f.resolvedAt && now.getTime() > reopenDeadline(f.resolvedAt, reopenDays).getTime()) {
    return { code: 'CONFLICT', message: `办结已超过${reopenDays}天，不能重新打开，请提交新的诉求` }
  }
  return null
}

export function reopenDeadline(resolvedAt: string, reopenDays: number): Date {
  return new Date(Date.parse(resolvedAt) + reopenDays * 86_400_000)
}

/**
 * The same rule as a condition for the UPDATE that performs the act: the row must still be in a state the act
 * starts from, and still held (or free) as the rule says, at the moment of writing.
 */
export interface Guard {
  states: readonly RequestState[]
  residentId?: number
  workerOf?: { userId: number; gridIds: number[]; claim: 'free' | 'own' }
  resolvedSince?: string
}

export function guardFor(act: Act, cap: Capacity, caller: Caller, now: Date, reopenDays: number): Guard {
  const rule = TRANSITIONS[act]
  const guard: Guard = { states: rule.from[cap]! }
  if (cap === 'owner') guard.residentId = caller.userId
  if (cap === 'worker') guard.workerOf = { userId: caller.userId, gridIds: caller.gridIds, claim: rule.claim ?? 'own' }
  if (act === 'reopen') guard.resolvedSince = new Date(now.getTime() - reopenDays * 86_400_000).toISOString()
  return guard
}

export const ACTS = Object.keys(TRANSITIONS) as Act[]
