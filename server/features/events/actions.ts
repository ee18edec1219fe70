// 活动报名: staff and team leaders publish events (one-off, or a series such as a 老年大学 term) with places, who may
// come and a sign-up window; residents sign up with companions, wait when full, get a check-in code, and are told
// of changes; on the day the desk checks them in and exports attendance. Places are the shared capacity mechanism
// (server/core/capacity.ts) with its waiting list; what each person may do is rules.ts.
import { z } from 'zod'
import type { PhotoState } from '../moderation/actions'
import { defineDomain, mutation, query, STAFF_ROLES, type Role, userText } from '../../../common/contract'
import { codeSchema } from '../../../common/codes'
import { clockTime, localDate, recordId, text, wholeNumber } from '../../../common/schemas'
import type { WaiterState } from '../../core/capacity'
import { CATEGORIES, type AttendanceState, type Category, type EventState, type GuestMode, type SignupState } from './tables'

export { CATEGORIES }
export type { AttendanceState, Category, EventState, GuestMode, SignupState, WaiterState }

/** Who organises events: staff for any, a volunteer team's leaders for their team's. */
export const ORGANISER_ROLES = ['volunteer', ...STAFF_ROLES] as const satisfies readonly Role[]

/** Companions one person may bring, at most, whatever an event allows. */
export const MAX_GUESTS = 5
/** Sessions of a series: a term of weekly classes fits. */
export const MAX_SESSIONS = 30

/** What residents see: 草稿 · 报名未开始 · 可报名 · 已满 · 可候补 · 已截止 · 已取消 · 已结束. */
export type EventStatus = 'draft' | 'not_open' | 'open' | 'full' | 'closed' | 'cancelled' | 'ended'

export interface VenueOut {
  id: number
  name: string
  latitude: number
  longitude: number
  address: string
}

export interface SessionOut {
  id: number
  position: number
  startsAt: string
  endsAt: string
}

export interface AudienceOut {
  /** Empty for every grid. */
  gridIds: number[]
  minAge: number | null
  maxAge: number | null
  /** 「全体居民」「第一网格、第二网格居民 · 60岁以上」 */
  text: string
}

export interface EventOut {
  id: number
  title: string
  category: Category
  description: string
  posterId: number | null
  /** Null while the poster is held from this viewer (content check), or when there is none. */
  posterUrl: string | null
  posterState: PhotoState | null
  venue: VenueOut
  room: string | null
  startsAt: string
  endsAt: string
  sessions: SessionOut[]
  places: number
  placesLeft: number
  waiting: number
  status: EventStatus
  state: EventState
  signupOpensAt: string
  signupClosesAt: string
  cancelUntil: string
  maxGuests: number
  guestMode: GuestMode
  audience: AudienceOut
  team: { id: number; name: string } | null
  cancelReason: string | null
  /** The caller's own sign-up or place in the queue; null when signed out. */
  mine: { signupId: number | null; waitId: number | null } | null
  /** Whether the caller may sign up by who they are (grid, age); the reason when not. */
  eligibility: { ok: boolean; reason: string | null; needsBirthYear: boolean } | null
  /** What the caller may do as an organiser. */
  can: { edit: boolean; publish: boolean; cancel: boolean; checkIn: boolean; roster: boolean }
}

export interface GuestOut {
  name: string
  relation: string
}

export interface AttendanceOut {
  sessionId: number
  state: AttendanceState
  at: string
}

export interface SignupOut {
  id: number
  code: string
  state: SignupState
  places: number
  event: EventOut
  /** Named companions; `guests` counts the ones given only as a number. */
  named: GuestOut[]
  guests: number
  attendance: AttendanceOut[]
  fromWaitingList: boolean
  cancelReason: string | null
  can: { cancel: boolean }
}

export interface WaitOut {
  id: number
  state: WaiterState
  position: number | null
  places: number
  event: EventOut
  named: GuestOut[]
  guests: number
  signupId: number | null
  can: { leave: boolean }
}

export interface RosterEntry {
  signupId: number
  name: string
  phoneMasked: string | null
  places: number
  named: GuestOut[]
  guests: number
  walkIn: boolean
  signedAt: string
  attendance: AttendanceOut[]
}

export interface RosterOut {
  event: EventOut
  entries: RosterEntry[]
  /** Per session: places checked in (people and companions) and sign-ups present. */
  sessions: (SessionOut & { present: number; presentPlaces: number; absent: number })[]
  /** The session the door is open for now, if any. */
  current: number | null
  waiting: number
}

export interface CheckInOut {
  name: string
  places: number
  session: SessionOut
  roster: RosterOut
}

export interface EventSettingsOut {
  noShowLimit: number
  noShowWindowDays: number
  noShowBlockDays: number
}

const moment = (label: string) => z.object({ date: localDate(`${label}日期`), time: clockTime(`${label}时间`) }, { error: `请填写${label}` })

export const sessionInput = z
  .object({ date: localDate('活动日期'), starts: clockTime('开始时间'), ends: clockTime('结束时间') }, { error: '请填写活动时间' })
  .refine((s) => s.ends > s.starts, { message: '结束时间应晚于开始时间', path: ['ends'] })

export const eventInput = z
  .object({
    id: recordId('活动').optional(),
    title: text('活动名称', 2, 30),
    category: z.enum(CATEGORIES, { error: '请选择活动类别' }),
    description: text('活动介绍', 1, 1000),
    posterId: recordId('海报').nullable().default(null),
    venueId: recordId('活动地点'),
    room: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text('具体位置', 1, 30).nullable()).default(null),
    sessions: z.array(sessionInput, { error: '请填写活动时间' }).min(1, '请填写活动时间').max(MAX_SESSIONS, `一个系列最多${MAX_SESSIONS}次活动`),
    places: wholeNumber('名额', 1, 2000, '个'),
    gridIds: z.array(recordId('网格'), { error: '网格应为列表' }).max(50, '网格无效').default([]),
    minAge: wholeNumber('最低年龄', 0, 120, '岁').nullable().default(null),
    maxAge: wholeNumber('最高年龄', 0, 120, '岁').nullable().default(null),
    signupOpens: moment('报名开始'),
    signupCloses: moment('报名截止'),
    cancelUntil: moment('取消截止'),
    maxGuests: wholeNumber('可带同行人数', 0, MAX_GUESTS, '人'),
    guestMode: z.enum(['named', 'count'], { error: '请选择同行人登记方式' }),
    teamId: recordId('志愿服务队').nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.minAge !== null && v.maxAge !== null && v.minAge > v.maxAge) ctx.addIssue({ code: 'custom', path: ['maxAge'], message: '最高年龄应不低于最低年龄' })
    if (new Set(v.gridIds).size !== v.gridIds.length) ctx.addIssue({ code: 'custom', path: ['gridIds'], message: '网格重复' })
  })

/** Who comes along: companions from 常用乘车人 (named), or only how many (count). */
export const signupInput = z.object({
  eventId: recordId('活动'),
  companionIds: z.array(recordId('同行人'), { error: '同行人应为列表' }).max(MAX_GUESTS, `最多带${MAX_GUESTS}位同行人`).default([]),
  guests: wholeNumber('同行人数', 0, MAX_GUESTS, '人').default(0),
})

const eventId = z.object({ eventId: recordId('活动') })

export const eventActions = defineDomain('events', {
  venues: query<VenueOut[]>()({ input: z.object({}), access: 'user' }),
  /** Coming events, by category and week (the Monday of the week, Beijing time), soonest first. */
  list: query<{ events: EventOut[] }>()({
    input: z.object({ category: z.enum(CATEGORIES, { error: '活动类别无效' }).optional(), week: localDate('周').optional() }),
    access: 'user',
  }),
  /** Anyone may open a shared event's page, signed in or not. */
  get: query<EventOut>()({ input: z.object({ id: recordId('活动') }), access: 'public' }),
  signUp: mutation<SignupOut>()({ input: signupInput, access: ['resident'] }),
  wait: mutation<WaitOut>()({ input: signupInput, access: ['resident'] }),
  leaveWait: mutation<WaitOut>()({ input: z.object({ id: recordId('候补') }), access: ['resident'] }),
  cancel: mutation<SignupOut>()({ input: z.object({ id: recordId('报名') }), access: 'user' }),
  mine: query<{ upcoming: SignupOut[]; waits: WaitOut[]; past: SignupOut[] }>()({ input: z.object({}), access: ['resident'] }),
  signup: query<SignupOut>()({ input: z.object({ id: recordId('报名') }), access: 'user' }),
  getWait: query<WaitOut>()({ input: z.object({ id: recordId('候补') }), access: ['resident'] }),

  /** Events the caller organises: drafts included, newest first. */
  organised: query<{ events: EventOut[]; teams: { id: number; name: string }[] }>()({ input: z.object({}), access: ORGANISER_ROLES }),
  save: mutation<EventOut>()({
    input: eventInput,
    access: ORGANISER_ROLES,
    content: {
      title: userText('活动名称', 'forum'),
      description: userText('活动介绍', 'forum'),
      room: userText('具体位置', 'profile'),
    },
  }),
  publish: mutation<EventOut>()({ input: z.object({ id: recordId('活动') }), access: ORGANISER_ROLES }),
  cancelEvent: mutation<EventOut>()({
    input: z.object({ id: recordId('活动'), reason: text('取消原因', 2, 60) }),
    access: ORGANISER_ROLES,
    content: {
      reason: userText('取消原因', 'comment'),
    },
  }),
  roster: query<RosterOut>()({ input: eventId, access: ORGANISER_ROLES }),
  checkIn: mutation<CheckInOut>()({ input: eventId.extend({ code: codeSchema('签到码'), sessionId: recordId('场次').optional() }), access: ORGANISER_ROLES }),
  walkIn: mutation<CheckInOut>()({
    input: eventId.extend({ name: text('姓名', 1, 20), guests: wholeNumber('同行人数', 0, MAX_GUESTS, '人').default(0) }),
    access: ORGANISER_ROLES,
    content: { name: userText('姓名', 'profile') },
  }),
  /** Sign-ups and attendance as an xlsx workbook, base64, for the desk to download or forward. */
  exportSheet: query<{ filename: string; base64: string }>()({ input: eventId, access: ORGANISER_ROLES }),
  settings: query<EventSettingsOut>()({ input: z.object({}), access: STAFF_ROLES }),
  saveSettings: mutation<EventSettingsOut>()({
    input: z.object({
      noShowLimit: wholeNumber('爽约次数上限', 1, 20, '次'),
      noShowWindowDays: wholeNumber('爽约统计天数', 7, 365, '天'),
      noShowBlockDays: wholeNumber('暂停报名天数', 1, 365, '天'),
    }),
    access: STAFF_ROLES,
  }),
})
