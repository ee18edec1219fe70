// 高铁站班车: residents reserve seats on the community's bus to and from 徐州东站, drivers check them in at the
// door, staff keep the timetable. Seats are the shared capacity mechanism (server/core/capacity.ts) with its
// waiting list; the booking windows are timetable.ts; what each person may do to a booking is rules.ts.
import { z } from 'zod'
import { BUS_ROLES, defineDomain, mutation, query, STAFF_ROLES, userText } from '../../../common/contract'
import { codeSchema } from '../../../common/codes'
import { clockTime, localDate, recordId, text, wholeNumber } from '../../../common/schemas'
import type { WaiterState } from '../../core/capacity'
import type { Direction, RiderState, SeatState } from './tables'

export type { Direction, RiderState, SeatState, WaiterState }

/** Seats one booking may hold: the booker and up to three more, or up to four companions. */
export const MAX_SEATS = 4

/** What residents see of a departure: 未开放 · 可预约 · 已满 (可候补) · 已截止 · 已取消 · 已发车. */
export type DepartureStatus = 'not_open' | 'open' | 'full' | 'closed' | 'cancelled' | 'departed'

export interface StopOut {
  id: number
  position: number
  name: string
  minutes: number
  latitude: number
  longitude: number
  waitNote: string
}

export interface DepartureOut {
  id: number
  routeId: number
  routeName: string
  direction: Direction
  day: string
  /** From the first stop. */
  departsAt: string
  /** At 徐州东站: the arrival of a run to it, the departure of a run from it. */
  stationAt: string
  /** The time before staff moved it, if they did. */
  movedFrom: string | null
  seats: number
  seatsLeft: number
  status: DepartureStatus
  opensAt: string
  closesAt: string
  note: string | null
  /** Each stop with the time the bus is there. */
  stops: (StopOut & { at: string })[]
  /** The caller's own booking or place in the queue on it. */
  mine: { bookingId: number | null; waitId: number | null }
}

export interface RiderOut {
  id: number
  name: string
  relation: string
  state: RiderState
  checkedInAt: string | null
}

export interface SeatBookingOut {
  id: number
  code: string
  state: SeatState
  seats: number
  departure: DepartureOut
  /** Where the rider boards (to the station) or gets off (coming home), with the time the bus is there. */
  stop: StopOut & { at: string }
  riders: RiderOut[]
  trainNo: string | null
  trainAt: string | null
  cancelUntil: string
  cancelReason: string | null
  /** From the waiting list. */
  fromWaitingList: boolean
  can: { cancel: boolean; move: boolean; rebook: boolean }
}

export interface WaitOut {
  id: number
  state: WaiterState
  /** 1 for the head of the queue; null once it no longer waits. */
  position: number | null
  seats: number
  departure: DepartureOut
  stop: StopOut & { at: string }
  riders: { name: string; relation: string }[]
  trainNo: string | null
  bookingId: number | null
  can: { leave: boolean; rebook: boolean }
}

export interface ManifestRider extends RiderOut {
  bookingId: number
  code: string
  trainNo: string | null
  trainAt: string | null
}

export interface ManifestOut {
  departure: DepartureOut & { driverName: string | null; state: 'scheduled' | 'cancelled' | 'departed'; departedAt: string | null }
  /** Riders by the stop where they board (to the station) or get off (coming home), in stop order. */
  stops: { stop: StopOut & { at: string }; riders: ManifestRider[] }[]
  counts: { booked: number; boarded: number; noShow: number; waiting: number }
  can: { checkIn: boolean; depart: boolean }
}

export interface RouteAdminOut {
  id: number
  name: string
  direction: Direction
  active: boolean
  rules: BookingRulesOut
  stops: StopOut[]
  patterns: { id: number; departs: string; weekdays: number[]; seats: number; driverId: number | null; driverName: string | null; active: boolean }[]
}

export interface BookingRulesOut {
  openDaysAhead: number
  openTime: string
  closeMinutes: number
  earlyBefore: string | null
  earlyCloseTime: string
  cancelMinutes: number
}

export interface ShuttleSettingsOut {
  trainMarginMinutes: number
  arrivalGapMinutes: number
  noShowLimit: number
  noShowWindowDays: number
  noShowBlockDays: number
}

export interface BlockOut {
  until: string
  message: string
}

const trainNo = z
  .string({ error: '车次应为文字' })
  .trim()
  .toUpperCase()
  .regex(/^([GDCZTKYLS]\d{1,4}|\d{4})$/, '车次格式应为 G1234、D56 或 K1024')
const instant = (label: string) => z.iso.datetime({ error: `${label}无效，请重新选择`, offset: true })

/** Who rides: the booker themselves and/or people from 常用乘车人, 1 to 4 in all. */
const ridersInput = {
  self: z.boolean({ error: '请选择是否本人乘车' }),
  companionIds: z.array(recordId('常用乘车人'), { error: '常用乘车人应为列表' }).max(MAX_SEATS, `一次最多预约${MAX_SEATS}个座位`),
}

export const seatInput = z
  .object({
    departureId: recordId('班次'),
    stopId: recordId('上车站点'),
    ...ridersInput,
    trainNo: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), trainNo.optional()),
    trainAt: instant('火车时间').optional(),
  })
  .superRefine((v, ctx) => {
    const n = (v.self ? 1 : 0) + new Set(v.companionIds).size
    if (n === 0) ctx.addIssue({ code: 'custom', path: ['companionIds'], message: '请选择乘车人' })
    if (n > MAX_SEATS) ctx.addIssue({ code: 'custom', path: ['companionIds'], message: `一次最多预约${MAX_SEATS}个座位` })
    if (new Set(v.companionIds).size !== v.companionIds.length) ctx.addIssue({ code: 'custom', path: ['companionIds'], message: '乘车人重复' })
  })

const bookingId = z.object({ id: recordId('乘车预约') })
const departureId = z.object({ departureId: recordId('班次') })
const weekdays = z
  .array(wholeNumber('星期', 1, 7), { error: '请选择运行日' })
  .min(1, '请至少选择一个运行日')
  .max(7, '运行日无效')
  .refine((d) => new Set(d).size === d.length, '运行日重复')

export const routeInput = z.object({
  id: recordId('线路'),
  name: text('线路名称', 2, 30),
  active: z.boolean({ error: '启用应为是或否' }),
  openDaysAhead: wholeNumber('提前开放天数', 1, 30, '天'),
  openTime: clockTime('开放预约时间'),
  closeMinutes: wholeNumber('截止预约提前量', 0, 720, '分钟'),
  earlyBefore: clockTime('早班时间').nullable(),
  earlyCloseTime: clockTime('早班截止时间'),
  cancelMinutes: wholeNumber('取消截止提前量', 0, 1440, '分钟'),
  stops: z
    .array(
      z.object({
        id: recordId('站点').optional(),
        name: text('站点名称', 2, 20),
        minutes: wholeNumber('到站分钟', 0, 240, '分钟'),
        latitude: z.number({ error: '请填写纬度' }).min(-90, '纬度无效').max(90, '纬度无效'),
        longitude: z.number({ error: '请填写经度' }).min(-180, '经度无效').max(180, '经度无效'),
        waitNote: text('候车位置说明', 2, 60),
      }),
      { error: '请填写站点' },
    )
    .min(2, '线路至少有两个站点')
    .max(8, '线路最多8个站点'),
})

export const patternInput = z.object({
  id: recordId('班次规律').optional(),
  routeId: recordId('线路'),
  departs: clockTime('发车时间'),
  weekdays,
  seats: wholeNumber('座位数', 1, 60, '个'),
  driverId: recordId('司机').nullable(),
  active: z.boolean({ error: '启用应为是或否' }).default(true),
})

const note = (label: string, min: number) => text(label, min, 60)

export const shuttleActions = defineDomain('shuttle', {
  /** The coming departures of a direction on a day, and the days that can be looked at. */
  departures: query<{ days: string[]; departures: DepartureOut[]; block: BlockOut | null }>()({
    input: z.object({ direction: z.enum(['to_station', 'from_station'], { error: '请选择方向' }), day: localDate('日期').optional() }),
    access: 'user',
  }),
  departure: query<DepartureOut>()({ input: z.object({ id: recordId('班次') }), access: 'user' }),
  /** 赶火车 / 回家: the departures that fit a train leaving from (or arriving at) 徐州东站. */
  suggest: query<{ marginMinutes: number; departures: DepartureOut[] }>()({
    input: z.object({ direction: z.enum(['to_station', 'from_station'], { error: '请选择方向' }), trainAt: instant('火车时间') }),
    access: 'user',
  }),
  book: mutation<SeatBookingOut>()({ input: seatInput, access: ['resident'] }),
  wait: mutation<WaitOut>()({ input: seatInput, access: ['resident'] }),
  leaveWait: mutation<WaitOut>()({ input: z.object({ id: recordId('候补') }), access: ['resident'] }),
  /** Cancels the whole booking, or with riderIds those riders only (their seats are freed). */
  cancel: mutation<SeatBookingOut>()({
    input: bookingId.extend({ riderIds: z.array(recordId('乘车人'), { error: '乘车人应为列表' }).min(1, '请选择要取消的乘车人').max(MAX_SEATS, '乘车人无效').optional() }),
    access: 'user',
  }),
  /** The same party to another departure of the route: the new seats taken and the old freed, or nothing changes. */
  move: mutation<SeatBookingOut>()({ input: bookingId.extend({ departureId: recordId('新的班次') }), access: ['resident'] }),
  /** After staff cancelled a departure: the same party on another one, in one tap. */
  rebook: mutation<SeatBookingOut>()({
    input: z
      .object({ bookingId: recordId('乘车预约').optional(), waitId: recordId('候补').optional(), departureId: recordId('新的班次') })
      .refine((v) => (v.bookingId === undefined) !== (v.waitId === undefined), { message: '请选择要改乘的预约', path: ['bookingId'] }),
    access: ['resident'],
  }),
  /** The nearest departures of the same route that still have seats for the party. */
  alternatives: query<DepartureOut[]>()({
    input: z.object({ bookingId: recordId('乘车预约').optional(), waitId: recordId('候补').optional() }),
    access: ['resident'],
  }),
  mine: query<{ upcoming: SeatBookingOut[]; waits: WaitOut[]; past: SeatBookingOut[] }>()({ input: z.object({}), access: ['resident'] }),
  get: query<SeatBookingOut>()({ input: bookingId, access: 'user' }),
  getWait: query<WaitOut>()({ input: z.object({ id: recordId('候补') }), access: ['resident'] }),

  /** The day's departures: a driver's own, staff's all. */
  runs: query<(DepartureOut & { driverName: string | null; booked: number; boarded: number })[]>()({ input: z.object({ day: localDate('日期') }), access: BUS_ROLES }),
  manifest: query<ManifestOut>()({ input: departureId, access: BUS_ROLES }),
  checkIn: mutation<ManifestOut>()({ input: departureId.extend({ code: codeSchema('乘车码') }), access: BUS_ROLES }),
  board: mutation<ManifestOut>()({
    input: departureId.extend({ riderId: recordId('乘车人'), boarded: z.boolean({ error: '请选择上车或撤销' }) }),
    access: BUS_ROLES,
  }),
  depart: mutation<ManifestOut>()({ input: departureId, access: BUS_ROLES }),

  routes: query<RouteAdminOut[]>()({ input: z.object({}), access: STAFF_ROLES }),
  drivers: query<{ id: number; name: string }[]>()({ input: z.object({}), access: STAFF_ROLES }),
  saveRoute: mutation<RouteAdminOut[]>()({
    input: routeInput,
    access: STAFF_ROLES,
    content: {
      name: userText('线路名称', 'profile'),
      'stops.*.name': userText('站点名称', 'profile'),
      'stops.*.waitNote': userText('候车位置说明', 'forum'),
    },
  }),
  savePattern: mutation<{ routes: RouteAdminOut[]; kept: number }>()({ input: patternInput, access: STAFF_ROLES }),
  addRun: mutation<DepartureOut>()({
    input: z.object({
      routeId: recordId('线路'),
      day: localDate('日期'),
      departs: clockTime('发车时间'),
      seats: wholeNumber('座位数', 1, 60, '个'),
      driverId: recordId('司机').nullable(),
      note: note('加开说明', 2),
    }),
    access: STAFF_ROLES,
    content: { note: userText('说明', 'comment') },
  }),
  changeDeparture: mutation<DepartureOut>()({
    input: z.object({
      id: recordId('班次'),
      departs: clockTime('发车时间'),
      seats: wholeNumber('座位数', 1, 60, '个'),
      /** Left out: the driver stays. */
      driverId: recordId('司机').nullable().optional(),
      note: note('调整说明', 2).optional(),
    }),
    access: STAFF_ROLES,
    content: { note: userText('调整说明', 'comment') },
  }),
  cancelDeparture: mutation<DepartureOut>()({
    input: z.object({ id: recordId('班次'), note: note('取消原因', 2) }),
    access: STAFF_ROLES,
    content: {
      note: userText('取消说明', 'comment'),
    },
  }),
  settings: query<ShuttleSettingsOut>()({ input: z.object({}), access: STAFF_ROLES }),
  saveSettings: mutation<ShuttleSettingsOut>()({
    input: z.object({
      trainMarginMinutes: wholeNumber('赶火车预留时间', 10, 180, '分钟'),
      arrivalGapMinutes: wholeNumber('到站后等车时间', 0, 120, '分钟'),
      noShowLimit: wholeNumber('爽约次数上限', 1, 20, '次'),
      noShowWindowDays: wholeNumber('爽约统计天数', 7, 365, '天'),
      noShowBlockDays: wholeNumber('暂停预约天数', 1, 365, '天'),
    }),
    access: STAFF_ROLES,
  }),
})
