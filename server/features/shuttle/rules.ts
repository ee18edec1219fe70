// A seat booking's and a departure's state machines, written once as the appointments' rules.ts is: the services
// enforce them (refusal() before the write, the states they start from in the write's WHERE clause) and the `can`
// flags come from them, so the client shows exactly the buttons that will work.
import { local } from '../../../common/time'
import type { DepartureState, SeatState } from './tables'

export type SeatAct = 'cancel' | 'move' | 'rebook'
export type RunAct = 'checkIn' | 'depart'

/** The capacity a person acts in: the booker, a driver of the departure, or staff. */
export type Capacity = 'owner' | 'driver' | 'staff'

export const SEAT_TRANSITIONS: Record<SeatAct, { by: readonly Capacity[]; from: readonly SeatState[]; departure: readonly DepartureState[] }> = {
  cancel: { by: ['staff', 'owner'], from: ['booked'], departure: ['scheduled'] },
  move: { by: ['owner'], from: ['booked'], departure: ['scheduled'] },
  // A booking ended by a cancelled departure is taken to another one, riders and stop kept.
  rebook: { by: ['owner'], from: ['cancelled'], departure: ['cancelled'] },
}

export const RUN_TRANSITIONS: Record<RunAct, { by: readonly Capacity[]; from: readonly DepartureState[] }> = {
  checkIn: { by: ['staff', 'driver'], from: ['scheduled'] },
  depart: { by: ['staff', 'driver'], from: ['scheduled'] },
}

export interface Caller {
  userId: number
  staff: boolean
}

export interface SeatFacts {
  state: SeatState
  userId: number
  departureState: DepartureState
  departsAt: string
  /** Until when the owner may cancel or move: the route's cut-off before the bus leaves their stop. */
  cancelUntil: string
}

export interface RunFacts {
  state: DepartureState
  driverId: number | null
  day: string
  departsAt: string
}

export interface Refusal {
  code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND'
  message: string
}

const SEAT_LABEL: Record<SeatAct, string> = { cancel: '取消', move: '改乘', rebook: '改乘' }

function seatCapacity(act: SeatAct, caller: Caller, f: SeatFacts): Capacity | null {
  for (const cap of SEAT_TRANSITIONS[act].by) {
    if (cap === 'staff' && caller.staff) return cap
    if (cap === 'owner' && f.userId === caller.userId) return cap
  }
  return null
}

export function seatRefusal(act: SeatAct, caller: Caller, f: SeatFacts, now: Date): Refusal | null {
  const cap = seatCapacity(act, caller, f)
  if (!cap) return { code: 'FORBIDDEN', message: `只有预约人可以${SEAT_LABEL[act]}` }
  const rule = SEAT_TRANSITIONS[act]
  if (f.departureState === 'departed') return { code: 'CONFLICT', message: '班车已发车' }
  if (act === 'rebook') {
    if (f.state !== 'cancelled' || f.departureState !== 'cancelled') return { code: 'CONFLICT', message: '只有被取消班次的预约可以改乘' }
    return null
  }
  if (!rule.departure.includes(f.departureState)) return { code: 'CONFLICT', message: '该班次已取消' }
  if (!rule.from.includes(f.state)) return { code: 'CONFLICT', message: f.state === 'cancelled' ? '该预约已取消' : '该预约已结束' }
  if (cap === 'owner' && now.getTime() >= Date.parse(f.cancelUntil)) {
    return { code: 'CONFLICT', message: `已过${SEAT_LABEL[act]}截止时间（${local(f.cancelUntil).format('M月D日 HH:mm')}），如需${SEAT_LABEL[act]}请联系社区` }
  }
  if (cap === 'staff' && now.getTime() >= Date.parse(f.departsAt)) return { code: 'CONFLICT', message: '班车已到发车时间' }
  return null
}

export function seatAbilities(caller: Caller, f: SeatFacts, now: Date): Record<SeatAct, boolean> {
  return { cancel: seatRefusal('cancel', caller, f, now) === null, move: seatRefusal('move', caller, f, now) === null, rebook: seatRefusal('rebook', caller, f, now) === null }
}

function runCapacity(act: RunAct, caller: Caller, f: RunFacts): Capacity | null {
  for (const cap of RUN_TRANSITIONS[act].by) {
    if (cap === 'staff' && caller.staff) return cap
    if (cap === 'driver' && f.driverId === caller.userId) return cap
  }
  return null
}

/** Whether the caller may see the departure's manifest at all: its driver, or staff. */
export const seesRun = (caller: Caller, f: RunFacts) => caller.staff || f.driverId === caller.userId

/**
 * The door opens this long before the bus leaves its first stop: a window, not the calendar day, so the 00:10 run
 * is boarded from 22:10 the evening before.
 */
export const DOOR_OPENS_MINUTES = 120

export function runRefusal(act: RunAct, caller: Caller, f: RunFacts, now: Date): Refusal | null {
  if (!runCapacity(act, caller, f)) return { code: 'NOT_FOUND', message: '没有找到该班次' }
  if (!RUN_TRANSITIONS[act].from.includes(f.state)) return { code: 'CONFLICT', message: f.state === 'cancelled' ? '该班次已取消' : '该班次已发车' }
  if (now.getTime() < Date.parse(f.departsAt) - DOOR_OPENS_MINUTES * 60_000) {
    return { code: 'CONFLICT', message: `该班次${local(f.departsAt).format('M月D日 HH:mm')}发车，发车前${DOOR_OPENS_MINUTES / 60}小时起可核验乘车码` }
  }
  return null
}

export function runAbilities(caller: Caller, f: RunFacts, now: Date): Record<RunAct, boolean> {
  return { checkIn: runRefusal('checkIn', caller, f, now) === null, depart: runRefusal('depart', caller, f, now) === null }
}

/** The states the UPDATE performing a seat act requires, so a booking changed meanwhile is not overwritten. */
export const seatGuard = (act: SeatAct) => SEAT_TRANSITIONS[act].from
export const runGuard = (act: RunAct) => RUN_TRANSITIONS[act].from
