// 志愿服务: a resident applies to one of the six 红石榴 teams and a leader decides; leaders record qualifications
// and publish shifts whose places are the shared capacity mechanism (server/core/capacity.ts); volunteers sign up
// (never two overlapping shifts, never too long in a row), are checked in and out by a leader scanning their code
// or by scanning the shift's code at the place, and keep an hours record with a star level; staff issue
// certificates of service that anyone can check by number. What each person may do is rules.ts.
import { z } from 'zod'
import { defineDomain, mutation, query, STAFF_ROLES, type Role, userText } from '../../../common/contract'
import { codeSchema } from '../../../common/codes'
import { idCardNumber } from '../../../common/personal'
import { clockTime, localDate, recordId, text, wholeNumber } from '../../../common/schemas'
import type { ApplicationState, CertificateState, CheckVia, ShiftSignupState, ShiftState } from './tables'

export type { ApplicationState, CertificateState, CheckVia, ShiftSignupState, ShiftState }

/** Leaders act for their own team, staff for every team; both reach these actions and the rules tell them apart. */
export const LEAD_ROLES = ['volunteer', ...STAFF_ROLES] as const satisfies readonly Role[]

/** Qualifications leaders record most; another may be typed. */
export const QUALIFICATIONS = ['急救证', '驾驶证', '护士执业证', '医师资格证', '法律职业资格', '心理咨询师', '消防培训合格'] as const

export interface TeamRef {
  id: number
  name: string
}

export interface TeamOut extends TeamRef {
  focus: string
  members: number
  leaders: string[]
  /** The caller's place in it. */
  mine: 'leader' | 'member' | null
}

export interface ApplicationOut {
  id: number
  team: TeamRef
  state: ApplicationState
  note: string | null
  createdAt: string
  decidedAt: string | null
  declineReason: string | null
  /** Shown to leaders and staff. */
  applicant: { userId: number; name: string; phoneMasked: string; address: string | null } | null
  can: { decide: boolean; withdraw: boolean }
}

export interface QualificationOut {
  id: number
  kind: string
  expiresOn: string | null
  expired: boolean
}

export interface StarsOut {
  /** 0 to 5. */
  stars: number
  /** The next level and the hours it needs, or null at five stars. */
  next: { stars: number; hours: number; minutesToGo: number } | null
  /** Hours of each level, one star first. */
  thresholds: number[]
}

export interface SummaryOut {
  year: number
  minutesYear: number
  minutesTotal: number
  stars: StarsOut
  records: number
}

export interface MemberOut {
  userId: number
  name: string
  phoneMasked: string
  leader: boolean
  qualifications: QualificationOut[]
  minutesYear: number
  minutesTotal: number
  stars: number
  /** No-shows since a leader last let them sign up again. */
  noShows: number
  /** Signing up needs a leader's approval now. */
  needsApproval: boolean
}

/** 可报名 · 已满 · 已开始 · 已结束 · 已取消 */
export type ShiftStatus = 'open' | 'full' | 'started' | 'ended' | 'cancelled'

export interface ShiftOut {
  id: number
  team: TeamRef
  event: { id: number; title: string } | null
  task: string
  place: string
  startsAt: string
  endsAt: string
  places: number
  placesLeft: number
  qualification: string | null
  releaseHours: number
  /** Until then volunteers sign out themselves. */
  releaseUntil: string
  openToAll: boolean
  state: ShiftState
  status: ShiftStatus
  cancelReason: string | null
  /** The caller's holding on it. */
  mine: { signupId: number } | null
  /** Whether the caller may sign up by who they are; null for those who are not volunteers. */
  eligibility: { ok: boolean; reason: string | null } | null
  can: { cancel: boolean; desk: boolean }
}

export interface CorrectionOut {
  checkedInAt: string
  checkedOutAt: string
  minutes: number
  reason: string
  by: string
  at: string
}

export interface HoursOut {
  id: number
  shift: { id: number; task: string; place: string; startsAt: string; endsAt: string; team: TeamRef }
  volunteer: { userId: number; name: string }
  /** What counts: the newest correction, else the check-in record. */
  checkedInAt: string
  checkedOutAt: string | null
  minutes: number | null
  /** The record as it was checked in and out, never changed. */
  original: { checkedInAt: string; checkedOutAt: string | null; minutes: number | null; inVia: CheckVia; outVia: CheckVia | null }
  corrections: CorrectionOut[]
  can: { correct: boolean }
}

export interface ShiftSignupOut {
  id: number
  code: string
  state: ShiftSignupState
  shift: ShiftOut
  hours: HoursOut | null
  releasedBy: string | null
  can: { signOut: boolean }
}

export interface HomeOut {
  team: (TeamRef & { leader: boolean }) | null
  applications: ApplicationOut[]
  summary: SummaryOut | null
  upcoming: ShiftSignupOut[]
  /** Why signing up is paused, when it is. */
  blocked: string | null
  /** Teams the caller leads (staff: every team). */
  leads: TeamRef[]
  pendingApplications: number
}

export interface DeskEntry {
  signupId: number
  userId: number
  /** The volunteer's code, for the leader to check them in by tapping their name. */
  code: string
  name: string
  phoneMasked: string
  state: ShiftSignupState
  hoursId: number | null
  checkedInAt: string | null
  checkedOutAt: string | null
  minutes: number | null
}

export interface DeskOut {
  shift: ShiftOut
  entries: DeskEntry[]
  /** The code of the shift's QR, for volunteers to scan at the place, and when it is accepted. */
  checkCode: string
  codeValidFrom: string
  codeValidUntil: string
}

export interface CheckOut {
  /** What the scan did. */
  did: 'in' | 'out'
  name: string
  at: string
  minutes: number | null
  shift: ShiftOut
}

export interface CertificateContent {
  name: string
  idMasked: string | null
  teams: string[]
  minutes: number
  services: { task: string; times: number; minutes: number }[]
  issuer: string
  contact: string
  issuedOn: string
}

export interface CertificateOut {
  id: number
  number: string | null
  state: CertificateState
  fromDay: string
  toDay: string
  purpose: string | null
  requestedAt: string
  decidedAt: string | null
  declineReason: string | null
  applicant: { userId: number; name: string; team: string | null }
  /** Hours within the period as the record stands now (before it is issued) or as issued. */
  minutes: number
  content: CertificateContent | null
  can: { issue: boolean; decline: boolean }
}

export interface VerifyOut {
  number: string
  name: string
  fromDay: string
  toDay: string
  minutes: number
  issuedOn: string
  issuer: string
}

export interface TeamHoursOut {
  teams: TeamRef[]
  from: string
  to: string
  members: { userId: number; name: string; team: string; minutes: number; records: number }[]
  records: HoursOut[]
}

export interface VolunteerSettingsOut {
  /** Hours for one to five stars. */
  starHours: number[]
  noShowLimit: number
  maxHoursInRow: number
}

const moment = (label: string) => z.object({ date: localDate(`${label}日期`), time: clockTime(`${label}时间`) }, { error: `请填写${label}` })

export const shiftInput = z
  .object({
    teamId: recordId('志愿服务队'),
    eventId: recordId('活动').nullable().default(null),
    task: text('服务内容', 2, 30),
    place: text('服务地点', 2, 30),
    date: localDate('服务日期'),
    starts: clockTime('开始时间'),
    /** The end may be on the next day: a night patrol 22:00–02:00. */
    ends: clockTime('结束时间'),
    places: wholeNumber('人数', 1, 200, '人'),
    qualification: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text('所需资质', 2, 20).nullable()).default(null),
    releaseHours: wholeNumber('退出截止', 0, 168, '小时'),
    openToAll: z.boolean({ error: '请选择是否向全体志愿者开放' }).default(false),
  })
  .refine((v) => v.ends !== v.starts, { message: '结束时间不能与开始时间相同', path: ['ends'] })

const period = z
  .object({ from: localDate('开始日期'), to: localDate('结束日期') }, { error: '请选择起止日期' })
  .refine((v) => v.to >= v.from, { message: '结束日期不能早于开始日期', path: ['to'] })

const shiftId = z.object({ shiftId: recordId('班次') })
const teamFilter = z.object({ teamId: recordId('志愿服务队').optional() })

export const volunteerActions = defineDomain('volunteer', {
  /** The six teams with their leaders, and the caller's place in them. */
  teams: query<TeamOut[]>()({ input: z.object({}), access: 'user' }),
  /** 志愿服务 home: the caller's team, applications, hours, coming shifts and what they lead. */
  home: query<HomeOut>()({ input: z.object({}), access: 'user' }),
  apply: mutation<ApplicationOut>()({
    input: z.object({ teamId: recordId('志愿服务队'), note: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text('申请说明', 1, 200).nullable()).default(null) }),
    access: ['resident'],
    content: { note: userText('申请说明', 'comment') },
  }),
  withdraw: mutation<ApplicationOut>()({ input: z.object({ id: recordId('申请') }), access: ['resident'] }),
  /** Applications to the teams the caller leads: pending ones first. */
  applications: query<ApplicationOut[]>()({ input: teamFilter, access: LEAD_ROLES }),
  decide: mutation<ApplicationOut>()({
    input: z
      .object({ id: recordId('申请'), accept: z.boolean({ error: '请选择同意或婉拒' }), reason: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text('婉拒原因', 2, 60).nullable()).default(null) })
      .refine((v) => v.accept || v.reason !== null, { message: '请填写婉拒原因', path: ['reason'] }),
    access: LEAD_ROLES,
    content: { reason: userText('婉拒原因', 'comment') },
  }),
  members: query<{ team: TeamRef; members: MemberOut[] }>()({ input: z.object({ teamId: recordId('志愿服务队') }), access: LEAD_ROLES }),
  /** A member leaves their team; coming shifts they hold are given back. */
  leave: mutation<HomeOut>()({ input: z.object({}), access: ['volunteer'] }),
  saveQualification: mutation<MemberOut>()({
    input: z.object({ userId: recordId('志愿者'), kind: text('资质名称', 2, 20), expiresOn: localDate('有效期至').nullable().default(null) }),
    access: LEAD_ROLES,
    content: { kind: userText('资质名称', 'profile') },
  }),
  removeQualification: mutation<MemberOut>()({ input: z.object({ id: recordId('资质') }), access: LEAD_ROLES }),
  /** A leader lets a volunteer with too many no-shows sign up again. */
  approve: mutation<MemberOut>()({ input: z.object({ userId: recordId('志愿者') }), access: LEAD_ROLES }),

  /** Coming shifts a volunteer may take: their own team's first, then those open to every team. */
  shifts: query<{ own: ShiftOut[]; open: ShiftOut[] }>()({ input: z.object({}), access: ['volunteer'] }),
  /** A team's shifts for its leaders, coming and the last month's. */
  teamShifts: query<{ team: TeamRef; coming: ShiftOut[]; past: ShiftOut[] }>()({ input: z.object({ teamId: recordId('志愿服务队') }), access: LEAD_ROLES }),
  /** The shifts serving an event, for its page. */
  forEvent: query<ShiftOut[]>()({ input: z.object({ eventId: recordId('活动') }), access: 'public' }),
  shift: query<ShiftOut>()({ input: z.object({ id: recordId('班次') }), access: 'user' }),
  publish: mutation<ShiftOut>()({
    input: shiftInput,
    access: LEAD_ROLES,
    content: {
      task: userText('服务内容', 'forum'),
      place: userText('服务地点', 'profile'),
      qualification: userText('所需资质', 'profile'),
    },
  }),
  cancelShift: mutation<ShiftOut>()({
    input: z.object({ id: recordId('班次'), reason: text('取消原因', 2, 60) }),
    access: LEAD_ROLES,
    content: {
      reason: userText('取消原因', 'comment'),
    },
  }),
  signUp: mutation<ShiftSignupOut>()({ input: shiftId, access: ['volunteer'] }),
  /** The volunteer before the deadline, a leader or staff until the shift ends. */
  signOut: mutation<ShiftSignupOut>()({ input: z.object({ id: recordId('报名') }), access: LEAD_ROLES }),
  mine: query<{ upcoming: ShiftSignupOut[]; past: ShiftSignupOut[] }>()({ input: z.object({}), access: 'user' }),
  signup: query<ShiftSignupOut>()({ input: z.object({ id: recordId('报名') }), access: LEAD_ROLES }),

  desk: query<DeskOut>()({ input: shiftId, access: LEAD_ROLES }),
  /** The leader scans a volunteer's code: checks them in, or out when they are in. */
  scanVolunteer: mutation<CheckOut>()({ input: shiftId.extend({ code: codeSchema('志愿者签到码') }), access: LEAD_ROLES }),
  /** The volunteer scans the shift's code at the place: checks themselves in, or out. */
  scanShift: mutation<CheckOut>()({ input: z.object({ code: codeSchema('班次签到码') }), access: ['volunteer'] }),

  /** Anyone who has served keeps their record, in a team or not any more. */
  records: query<{ summary: SummaryOut; records: HoursOut[] }>()({ input: z.object({}), access: 'user' }),
  teamHours: query<TeamHoursOut>()({ input: z.object({ teamId: recordId('志愿服务队').optional(), period: period.optional() }), access: LEAD_ROLES }),
  correct: mutation<HoursOut>()({
    input: z.object({ hoursId: recordId('时长记录'), checkedIn: moment('签到'), checkedOut: moment('签退'), reason: text('更正原因', 2, 60) }),
    access: LEAD_ROLES,
    content: { reason: userText('更正原因', 'comment') },
  }),
  exportHours: query<{ filename: string; base64: string }>()({ input: z.object({ teamId: recordId('志愿服务队').optional(), period }), access: LEAD_ROLES }),

  requestCertificate: mutation<CertificateOut>()({
    input: z.object({
      period,
      purpose: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text('用途', 2, 30).nullable()).default(null),
      idNumber: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), idCardNumber('身份证号').nullable()).default(null),
    }),
    access: 'user',
    content: { purpose: userText('用途', 'comment') },
  }),
  certificates: query<CertificateOut[]>()({ input: z.object({}), access: 'user' }),
  certificate: query<CertificateOut>()({ input: z.object({ id: recordId('证明') }), access: 'user' }),
  /** Requests waiting for staff, and the latest issued. */
  certificateDesk: query<{ requested: CertificateOut[]; decided: CertificateOut[] }>()({ input: z.object({}), access: STAFF_ROLES }),
  issue: mutation<CertificateOut>()({ input: z.object({ id: recordId('证明') }), access: STAFF_ROLES }),
  declineCertificate: mutation<CertificateOut>()({
    input: z.object({ id: recordId('证明'), reason: text('原因', 2, 60) }),
    access: STAFF_ROLES,
    content: {
      reason: userText('原因', 'comment'),
    },
  }),
  /** Anyone checks a certificate by its number. */
  verify: query<VerifyOut>()({ input: z.object({ number: text('证明编号', 6, 30) }), access: 'public' }),

  settings: query<VolunteerSettingsOut>()({ input: z.object({}), access: STAFF_ROLES }),
  saveSettings: mutation<VolunteerSettingsOut>()({
    input: z.object({
      starHours: z
        .array(wholeNumber('星级时长', 1, 100000, '小时'), { error: '请填写五个星级的时长' })
        .length(5, '请填写五个星级的时长')
        .refine((a) => a.every((h, i) => i === 0 || h > a[i - 1]!), '星级时长应逐级增加'),
      noShowLimit: wholeNumber('未到岗次数上限', 1, 20, '次'),
      maxHoursInRow: wholeNumber('连续服务时长上限', 1, 24, '小时'),
    }),
    access: STAFF_ROLES,
  }),
})
