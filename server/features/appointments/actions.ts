// 办事预约: residents book a slot at the community's service windows (证照, 社保卡, 车票代购, 免费体检); staff keep
// each service's plan and run the day at the window. Places are the shared capacity mechanism (server/core/capacity).
import { z } from 'zod'
import { defineDomain, mutation, query, userText } from '../../../common/contract'
import { pageInput, type Page } from '../../../common/paging'
import { idCardNumber, personName } from '../../../common/personal'
import { clockTime, localDate, recordId, text, wholeNumber } from '../../../common/schemas'
import { codeSchema } from '../../../common/codes'

export type ServiceKind = 'general' | 'ticket'
export type BookingStatus = 'booked' | 'checked_in' | 'done' | 'no_show' | 'cancelled'
export type TicketOutcome = 'issued' | 'unavailable'

export interface OpeningHours {
  /** 1 Monday … 7 Sunday. */
  weekday: number
  starts: string
  ends: string
}

export interface ServiceOut {
  id: number
  name: string
  description: string
  checklist: string[]
  kind: ServiceKind
  /** A short line residents must not miss: 「仅上午 · 需空腹」. */
  notice: string | null
  durationMinutes: number
  places: number
  bookAheadDays: number
  minNoticeMinutes: number
  cancelCutoffMinutes: number
  active: boolean
}

export interface ServiceAdminOut extends ServiceOut {
  hours: OpeningHours[]
}

export interface DayOut {
  day: string
  /** Closed all day (no opening hours that weekday, or a closure). */
  closed: boolean
  closedReason: string | null
  /** Places still free in slots that can be booked now; 0 with `closed` false means 已满. */
  left: number
}

export type SlotState = 'open' | 'full' | 'closed' | 'past'

export interface SlotOut {
  start: string
  end: string
  /** 09:00, in Beijing time. */
  label: string
  places: number
  left: number
  state: SlotState
}

export interface PassengerOut {
  id: number
  name: string
  /** Always masked: 3201**********1234. */
  idCard: string
  purged: boolean
}

export interface TripOut {
  travelDate: string
  from: string
  to: string
  preference: string | null
  passengers: PassengerOut[]
  outcome: TicketOutcome | null
  outcomeText: string | null
  outcomeAt: string | null
}

export interface BookingSummary {
  id: number
  code: string
  serviceId: number
  serviceName: string
  kind: ServiceKind
  day: string
  startsAt: string
  endsAt: string
  status: BookingStatus
  /** The plan changed and this slot no longer exists: the resident should pick another; staff will call. */
  displaced: boolean
  /** 代办: who booked on the resident's behalf, e.g. 「网格员 赵晓燕代办」; null when the resident booked. */
  bookedBy: string | null
  ticketOutcome: TicketOutcome | null
}

export interface BookingDetail extends BookingSummary {
  checklist: string[]
  notice: string | null
  /** The person the booking is for, for staff and the booking grid worker; residents get null. */
  resident: { name: string; phone: string; address: string } | null
  trip: TripOut | null
  createdAt: string
  checkedInAt: string | null
  finishedAt: string | null
  cancelledAt: string | null
  cancelReason: string | null
  /** Cancelling and rescheduling are possible until then. */
  changeUntil: string
  can: { cancel: boolean; reschedule: boolean; checkIn: boolean; finish: boolean; noShow: boolean; recordTicket: boolean; revealIdCard: boolean }
}

export interface DeskBooking {
  id: number
  code: string
  status: BookingStatus
  residentName: string
  phone: string
  bookedBy: string | null
  displaced: boolean
  trip: { route: string; travelDate: string; passengers: number; outcome: TicketOutcome | null } | null
}

export interface DeskSlot {
  start: string
  label: string
  places: number
  /** Bookings in a slot the plan no longer has are shown under the time they were made for. */
  inPlan: boolean
  bookings: DeskBooking[]
}

export interface DeskDay {
  day: string
  service: { id: number; name: string; kind: ServiceKind }
  slots: DeskSlot[]
  counts: { booked: number; checkedIn: number; done: number; noShow: number }
}

export interface BlockOut {
  /** Bookings are refused until then. */
  until: string
  noShows: number
}

export interface Rules {
  noShowLimit: number
  noShowWindowDays: number
  noShowBlockDays: number
  idPurgeDays: number
}

export interface ResidentOut {
  id: number
  name: string
  phone: string
  address: string
}

export interface ClosureOut {
  id: number
  serviceId: number | null
  serviceName: string | null
  day: string
  starts: string | null
  ends: string | null
  reason: string
}

const bookingId = z.object({ id: recordId('预约编号') })
const instant = (label: string) => z.iso.datetime({ error: `${label}无效，请重新选择`, offset: true })

/** Booking codes are typed from a screen by staff: eight of the characters that cannot be mistaken for others. */
export const bookingCode = codeSchema('预约码')

export const tripInput = z.object({
  travelDate: localDate('出行日期'),
  from: text('出发站', 2, 20),
  to: text('到达站', 2, 20),
  preference: z.string({ error: '车次偏好应为文字' }).trim().max(100, '车次偏好不能超过100个字').optional(),
  passengers: z
    .array(z.object({ name: personName('乘车人姓名'), idCard: idCardNumber('乘车人身份证号') }), { error: '请填写乘车人' })
    .min(1, '请至少填写一位乘车人')
    .max(5, '一次最多代购5位乘车人'),
  /**
   * ID numbers are sensitive personal data: the person booking agrees to their use for this purchase on its own,
   * apart from the privacy notice accepted once (个人信息保护法 art. 29), each time they give them.
   */
  idCardConsent: z.literal(true, { error: '请阅读并勾选同意使用乘车人身份证号购票' }),
})

export const bookInput = z.object({
  serviceId: recordId('服务项目'),
  start: instant('预约时段'),
  /** 代办: the resident a grid worker books for. */
  forResidentId: recordId('居民').optional(),
  trip: tripInput.optional(),
})

const hoursInput = z
  .array(z.object({ weekday: wholeNumber('星期', 1, 7), starts: clockTime('开始时间'), ends: clockTime('结束时间') }), { error: '请填写开放时间' })
  .max(42, '开放时间段太多')

export const serviceInput = z.object({
  id: recordId('服务项目').optional(),
  name: text('服务名称', 2, 20),
  description: text('服务说明', 5, 300),
  checklist: z.array(text('所需材料', 1, 50), { error: '所需材料应为列表' }).max(12, '所需材料最多12项'),
  kind: z.enum(['general', 'ticket'], { error: '服务类型无效' }).default('general'),
  notice: z.string({ error: '提示应为文字' }).trim().max(20, '提示不能超过20个字').nullish(),
  durationMinutes: wholeNumber('每个时段时长', 5, 240, '分钟'),
  places: wholeNumber('每个时段名额', 1, 50, '个'),
  bookAheadDays: wholeNumber('可提前预约天数', 1, 60, '天'),
  minNoticeMinutes: wholeNumber('最晚预约提前量', 0, 2880, '分钟'),
  cancelCutoffMinutes: wholeNumber('取消截止提前量', 0, 2880, '分钟'),
  active: z.boolean({ error: '启用应为是或否' }).default(true),
  hours: hoursInput,
})

/** Why a staff member opens a passenger's whole ID number; recorded with each look. */
export const ID_REVEAL_PURPOSES = ['为居民购票', '核对乘车人身份'] as const

export const appointmentsActions = defineDomain('appointments', {
  services: query<ServiceOut[]>()({ input: z.object({}), access: 'user' }),
  days: query<{ service: ServiceOut; days: DayOut[]; block: BlockOut | null }>()({
    // With forResidentId (代办), `block` is that resident's, for whom the booking would be.
    input: z.object({ serviceId: recordId('服务项目'), forResidentId: recordId('居民').optional() }),
    access: 'user',
  }),
  slots: query<SlotOut[]>()({ input: z.object({ serviceId: recordId('服务项目'), day: localDate('日期') }), access: 'user' }),
  // Any signed-in person: the service says what is missing (a registered home) rather than a bare 403.
  book: mutation<BookingDetail>()({
    input: bookInput,
    access: 'user',
    content: {
      'trip.from': userText('出发站', 'profile'),
      'trip.to': userText('到达站', 'profile'),
      'trip.preference': userText('车次偏好', 'comment'),
      'trip.passengers.*.name': userText('乘车人姓名', 'profile'),
    },
  }),
  mine: query<Page<BookingSummary>>()({ input: z.object(pageInput), access: ['resident'] }),
  get: query<BookingDetail>()({ input: bookingId, access: 'user' }),
  cancel: mutation<BookingDetail>()({
    input: bookingId.extend({ reason: z.string({ error: '取消原因应为文字' }).trim().max(100, '取消原因不能超过100个字').optional() }),
    access: 'user',
    content: { reason: userText('取消原因', 'comment') },
  }),
  reschedule: mutation<BookingDetail>()({ input: bookingId.extend({ start: instant('新的预约时段') }), access: 'user' }),

  /** 代办: the residents of the caller's grids, to book for. */
  gridResidents: query<ResidentOut[]>()({
    input: z.object({ q: z.string({ error: '搜索内容应为文字' }).trim().max(20, '搜索内容不能超过20个字').default('') }),
    access: ['grid_worker'],
  }),
  /** Bookings the caller made for others. */
  madeByMe: query<Page<BookingSummary & { residentName: string }>>()({ input: z.object(pageInput), access: ['grid_worker', 'staff', 'admin'] }),

  desk: query<DeskDay>()({ input: z.object({ serviceId: recordId('服务项目'), day: localDate('日期') }), access: ['staff', 'admin'] }),
  byCode: query<BookingDetail>()({ input: z.object({ code: bookingCode }), access: ['staff', 'admin'] }),
  checkIn: mutation<BookingDetail>()({ input: z.object({ code: bookingCode }), access: ['staff', 'admin'] }),
  finish: mutation<BookingDetail>()({
    input: bookingId.extend({ outcome: z.enum(['done', 'no_show'], { error: '请选择办结或未到' }) }),
    access: ['staff', 'admin'],
  }),
  recordTicket: mutation<BookingDetail>()({
    input: bookingId.extend({
      outcome: z.enum(['issued', 'unavailable'], { error: '请选择出票结果' }),
      text: text('出票说明', 2, 200),
    }),
    access: ['staff', 'admin'],
    content: { text: userText('出票说明', 'comment') },
  }),
  /** The whole ID number of one passenger, for the staff member buying the ticket; every read is audited. */
  revealIdCard: mutation<{ idCard: string }>()({
    input: bookingId.extend({ passengerId: recordId('乘车人'), purpose: z.enum(ID_REVEAL_PURPOSES, { error: '请选择查看身份证号的用途' }) }),
    access: ['staff', 'admin'],
    repeatable: true,
  }),
  attention: query<BookingSummary[]>()({ input: z.object({}), access: ['staff', 'admin'] }),

  manage: query<ServiceAdminOut[]>()({ input: z.object({}), access: ['staff', 'admin'] }),
  saveService: mutation<{ service: ServiceAdminOut; displaced: number }>()({
    input: serviceInput,
    access: ['staff', 'admin'],
    content: {
      name: userText('服务名称', 'profile'),
      description: userText('服务说明', 'forum'),
      'checklist.*': userText('所需材料', 'forum'),
      notice: userText('提示', 'forum'),
    },
  }),
  closures: query<ClosureOut[]>()({ input: z.object({}), access: ['staff', 'admin'] }),
  addClosure: mutation<{ closures: ClosureOut[]; displaced: number }>()({
    input: z.object({
      serviceId: recordId('服务项目').optional(),
      day: localDate('停办日期'),
      starts: clockTime('开始时间').optional(),
      ends: clockTime('结束时间').optional(),
      reason: text('停办原因', 2, 50),
    }),
    access: ['staff', 'admin'],
    content: { reason: userText('停办原因', 'comment') },
  }),
  removeClosure: mutation<{ closures: ClosureOut[]; displaced: number }>()({ input: z.object({ id: recordId('停办安排') }), access: ['staff', 'admin'] }),
  rules: query<Rules>()({ input: z.object({}), access: ['staff', 'admin'] }),
  setRules: mutation<Rules>()({
    input: z.object({
      noShowLimit: wholeNumber('爽约次数上限', 1, 20, '次'),
      noShowWindowDays: wholeNumber('爽约统计天数', 7, 365, '天'),
      noShowBlockDays: wholeNumber('暂停预约天数', 1, 365, '天'),
      idPurgeDays: wholeNumber('身份证号保留天数', 0, 90, '天'),
    }),
    access: ['admin'],
  }),
})
