// A booking's state machine, written once, as the model for seats, sign-ups and shifts: the services enforce it
// (refusal() before the write, and the states it starts from in the WHERE clause of the write itself, so a
// concurrent change cannot slip between the two) and the detail's `can` flags are computed from it, so the client
// shows exactly the buttons that will work.
import { formatDate, local, localDay } from '../../../common/time'
import type { BookingStatus, ServiceKind } from './actions'

export type Act = 'cancel' | 'reschedule' | 'checkIn' | 'done' | 'noShow' | 'recordTicket' | 'revealIdCard'

/** The capacity a person acts in: the resident or whoever booked for them (代办), or staff at the window. */
export type Capacity = 'owner' | 'staff'

export const LIVE_STATES = ['booked', 'checked_in'] as const satisfies readonly BookingStatus[]

interface Rule {
  /** Who may do it; staff is tried first, so staff acting on their own booking keep staff's reach. */
  by: readonly Capacity[]
  /** The states the act starts from. */
  from: readonly BookingStatus[]
  /** The state it leaves the booking in; null keeps it (a reschedule, a ticket outcome). */
  to: BookingStatus | null
}

export const TRANSITIONS: Record<Act, Rule> = {
  cancel: { by: ['staff', 'owner'], from: ['booked'], to: 'cancelled' },
  reschedule: { by: ['staff', 'owner'], from: ['booked'], to: null },
  checkIn: { by: ['staff'], from: ['booked'], to: 'checked_in' },
  done: { by: ['staff'], from: ['booked', 'checked_in'], to: 'done' },
  noShow: { by: ['staff'], from: ['booked'], to: 'no_show' },
  recordTicket: { by: ['staff'], from: ['booked', 'checked_in', 'done', 'no_show'], to: null },
  revealIdCard: { by: ['staff'], from: ['booked', 'checked_in', 'done', 'no_show', 'cancelled'], to: null },
}

export interface Caller {
  userId: number
  staff: boolean
  worker: boolean
}

export interface Facts {
  status: BookingStatus
  kind: ServiceKind
  code: string
  residentId: number
  bookedById: number | null
  day: string
  startsAt: string
  cancelCutoffMinutes: number
  displacedAt: string | null
  checkedInAt: string | null
}

export interface Refusal {
  code: 'FORBIDDEN' | 'CONFLICT' | 'BAD_INPUT'
  message: string
}

const LABEL: Record<Act, string> = {
  cancel: '取消',
  reschedule: '改约',
  checkIn: '签到',
  done: '办结',
  noShow: '标记未到',
  recordTicket: '记录出票结果',
  revealIdCard: '查看身份证号',
}

/** Until when the resident (or their booker) may cancel or move it: the service's cut-off before the start. */
export const changeUntil = (f: Pick<Facts, 'startsAt' | 'cancelCutoffMinutes'>) => new Date(Date.parse(f.startsAt) - f.cancelCutoffMinutes * 60_000)

export function capacityOf(act: Act, caller: Caller, f: Facts): Capacity | null {
  for (const cap of TRANSITIONS[act].by) {
    if (cap === 'staff' && caller.staff) return cap
    if (cap === 'owner' && (f.residentId === caller.userId || f.bookedById === caller.userId)) return cap
  }
  return null
}

/** Messages that say more than "state X cannot do Y", as people at the window and at home need them. */
function stateMessage(act: Act, f: Facts): string {
  if (f.status === 'cancelled') return '该预约已取消'
  switch (act) {
    case 'checkIn':
      return f.status === 'checked_in' ? `${f.code} 已于 ${local(f.checkedInAt!).format('HH:mm')} 签到` : '该预约已结束'
    case 'noShow':
      return f.status === 'checked_in' ? '该居民已签到，不能标记未到' : '该预约已结束或已取消'
    case 'done':
      return '该预约已结束或已取消'
    default:
      return `该预约已${f.status === 'checked_in' ? '签到' : '结束'}，不能${LABEL[act]}`
  }
}

/** Why the caller may not do the act now, or null when they may. */
export function refusal(act: Act, caller: Caller, f: Facts, now: Date): Refusal | null {
  const cap = capacityOf(act, caller, f)
  if (!cap) return { code: 'FORBIDDEN', message: `只有社区工作人员可以${LABEL[act]}` }
  if (!TRANSITIONS[act].from.includes(f.status)) return { code: 'CONFLICT', message: stateMessage(act, f) }
  const today = localDay(now)
  switch (act) {
    case 'cancel':
    case 'reschedule': {
      // A booking the community displaced may be changed until its start, whatever the cut-off.
      const inTime = now < changeUntil(f) || (f.displacedAt !== null && now.getTime() < Date.parse(f.startsAt))
      if (cap === 'owner' && !inTime) {
        return { code: 'CONFLICT', message: `已过${LABEL[act]}截止时间（开始前${f.cancelCutoffMinutes}分钟），如需${LABEL[act]}请联系社区` }
      }
      return null
    }
    case 'checkIn':
      return f.day === today ? null : { code: 'CONFLICT', message: `该预约是${formatDate(f.startsAt)}的，不是今天` }
    case 'done':
      return f.day <= today ? null : { code: 'CONFLICT', message: '预约日还没到，不能办结' }
    case 'noShow':
      return now.getTime() >= Date.parse(f.startsAt) ? null : { code: 'CONFLICT', message: '预约时间还没到，不能标记未到' }
    case 'recordTicket':
      return f.kind === 'ticket' ? null : { code: 'BAD_INPUT', message: '该预约不是购票代办' }
    case 'revealIdCard':
      return f.kind === 'ticket' ? null : { code: 'BAD_INPUT', message: '该预约没有乘车人' }
  }
}

/** The `can` flags of a booking's detail. */
export function abilities(caller: Caller, f: Facts, now: Date): Record<Act, boolean> {
  return Object.fromEntries(ACTS.map((a) => [a, refusal(a, caller, f, now) === null])) as Record<Act, boolean>
}

/** The states the UPDATE performing the act requires, so a booking changed meanwhile is not overwritten. */
export const guardStates = (act: Act) => TRANSITIONS[act].from

export const ACTS = Object.keys(TRANSITIONS) as Act[]
