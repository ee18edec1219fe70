// The kinds of WeChat message a person may allow: one WeChat subscribe-message template each. Every notice a
// feature sends (templates.ts) belongs to one kind, and fills that kind's slots from its payload. The slots are
// the same two shapes across features — a reminder (what, when, where, code) and a change (what, state, when,
// note) — so the few library templates WeChat offers cover them all; which keyword of the template each slot is
// sent as is configuration (template-config.ts).
import type { EventKind } from '../hotline/actions'
import { NOTICE_KIND_NAMES, type NoticeKind } from './actions'
import type { SlotKind } from './keywords'
import type { NoticeTemplate, NoticeTemplates } from './templates'

export const REMINDER_SLOTS = { subject: 'text', time: 'instant', place: 'text', code: 'code' } as const satisfies Record<string, SlotKind>
export const CHANGE_SLOTS = { subject: 'text', state: 'state', time: 'instant', note: 'text' } as const satisfies Record<string, SlotKind>

type ReminderValues = Record<keyof typeof REMINDER_SLOTS, string>
type ChangeValues = Record<keyof typeof CHANGE_SLOTS, string>

interface KindDef {
  /** Where the kind is listed in 我的 → 消息通知. */
  group: string
  label: string
  hint: string
  slots: typeof REMINDER_SLOTS | typeof CHANGE_SLOTS
}

export const KINDS = {
  hotline: { group: '诉求', label: '诉求进展', hint: '受理、回复、办结和评价', slots: CHANGE_SLOTS },
  appointment_reminder: { group: '办事预约', label: '预约提醒', hint: '办事前一天提醒时间和预约码', slots: REMINDER_SLOTS },
  appointment: { group: '办事预约', label: '预约变动', hint: '预约成功、改期、取消和购票结果', slots: CHANGE_SLOTS },
  shuttle_reminder: { group: '高铁站班车', label: '乘车提醒', hint: '发车前两小时提醒上车点和乘车码', slots: REMINDER_SLOTS },
  shuttle: { group: '高铁站班车', label: '班车变动', hint: '候补结果、班次调整和取消', slots: CHANGE_SLOTS },
  event_reminder: { group: '活动报名', label: '活动提醒', hint: '活动当天上午提醒时间地点', slots: REMINDER_SLOTS },
  event: { group: '活动报名', label: '活动变动', hint: '候补结果、活动调整和取消', slots: CHANGE_SLOTS },
  volunteer_reminder: { group: '志愿服务', label: '班次提醒', hint: '服务班次开始前一小时提醒', slots: REMINDER_SLOTS },
  volunteer: { group: '志愿服务', label: '志愿服务通知', hint: '入队申请、班次变动和服务证明', slots: CHANGE_SLOTS },
} as const satisfies Record<NoticeKind, KindDef>

export type Kind = NoticeKind
export const KIND_NAMES: readonly Kind[] = NOTICE_KIND_NAMES

/** What each notice carries besides its payload: the message centre's text and the moment it was written. */
export interface NoticeText {
  title: string
  body: string
  createdAt: string
}

type SlotsOfKind<K extends Kind> = (typeof KINDS)[K]['slots'] extends typeof REMINDER_SLOTS ? ReminderValues : ChangeValues

type Filler<T extends NoticeTemplate> = {
  [K in Kind]: { kind: K; fill: (p: NoticeTemplates[T], n: NoticeText) => SlotsOfKind<K> }
}[Kind]

const HOTLINE_STATE: Record<EventKind, string> = {
  submitted: '已提交',
  accepted: '已受理',
  reply: '有新回复',
  escalated: '已上报',
  auto_escalated: '已上报',
  reassigned: '已转派',
  resolved: '已办结',
  reopened: '已重开',
  rated: '已评价',
  overdue: '已超时',
  auto_closed: '已结案',
}

const APPOINTMENT_CHANGE = { cancelled: '已取消', rescheduled: '已改期', no_show: '未到场', displaced: '需改约' } as const

/**
 * Every notice, its kind and its slots. A notice without an entry here is a type error, so a new notice cannot
 * be sent without deciding how it reads in WeChat.
 */
export const NOTICE_KINDS: { [T in NoticeTemplate]: Filler<T> } = {
  hotline_progress: { kind: 'hotline', fill: (p, n) => ({ subject: p.category, state: HOTLINE_STATE[p.event], time: p.at, note: n.body }) },
  hotline_feedback: { kind: 'hotline', fill: (p, n) => ({ subject: p.category, state: HOTLINE_STATE[p.event], time: p.at, note: n.body }) },

  appointment_reminder: { kind: 'appointment_reminder', fill: (p) => ({ subject: p.service, time: p.startsAt, place: '管道社区党群服务中心', code: p.code }) },
  appointment_booked: { kind: 'appointment', fill: (p) => ({ subject: p.service, state: '预约成功', time: p.startsAt, note: '预约码和所需材料请在小程序查看' }) },
  appointment_changed: { kind: 'appointment', fill: (p, n) => ({ subject: p.service, state: APPOINTMENT_CHANGE[p.change], time: p.startsAt, note: n.body }) },
  ticket_outcome: {
    kind: 'appointment',
    fill: (p, n) => ({ subject: '购票协助', state: p.outcome === 'issued' ? '已出票' : '未购到', time: n.createdAt, note: p.text || n.body }),
  },

  shuttle_reminder: { kind: 'shuttle_reminder', fill: (p) => ({ subject: p.route, time: p.departsAt, place: p.stop, code: p.code }) },
  shuttle_changed: {
    kind: 'shuttle',
    fill: (p, n) => ({ subject: p.route, state: p.change === 'cancelled' ? '已取消' : '已调整', time: p.departsAt, note: p.note ?? n.body }),
  },
  shuttle_promoted: { kind: 'shuttle', fill: (p) => ({ subject: p.route, state: '候补成功', time: p.departsAt, note: `${p.seats}个座位，乘车码${p.code}` }) },
  shuttle_wait_lapsed: { kind: 'shuttle', fill: (p) => ({ subject: p.route, state: '候补失败', time: p.departsAt, note: '已截止预约，可改约其他班次' }) },

  event_reminder: { kind: 'event_reminder', fill: (p) => ({ subject: p.title, time: p.startsAt, place: p.place, code: p.code }) },
  event_changed: {
    kind: 'event',
    fill: (p, n) => ({ subject: p.title, state: p.change === 'cancelled' ? '已取消' : '有变更', time: p.startsAt, note: p.note ?? n.body }),
  },
  event_promoted: { kind: 'event', fill: (p) => ({ subject: p.title, state: '候补成功', time: p.startsAt, note: `${p.places}个名额，签到码${p.code}` }) },
  event_wait_lapsed: { kind: 'event', fill: (p) => ({ subject: p.title, state: '候补失败', time: p.startsAt, note: '报名已截止，没有空出名额' }) },

  volunteer_shift_reminder: { kind: 'volunteer_reminder', fill: (p) => ({ subject: p.task, time: p.startsAt, place: p.place, code: p.code }) },
  volunteer_application: {
    kind: 'volunteer',
    fill: (p, n) => ({ subject: p.team, state: p.accepted ? '已通过' : '未通过', time: n.createdAt, note: p.accepted ? '欢迎加入，可报名服务班次' : p.reason ?? n.body }),
  },
  volunteer_shift_changed: {
    kind: 'volunteer',
    fill: (p, n) => ({ subject: p.task, state: p.change === 'cancelled' ? '班次取消' : '已取消报名', time: p.startsAt, note: p.note ?? n.body }),
  },
  volunteer_certificate: {
    kind: 'volunteer',
    fill: (p, n) => ({ subject: '志愿服务证明', state: p.issued ? '已开具' : '未开具', time: n.createdAt, note: p.issued ? `证明编号${p.number ?? ''}` : p.reason ?? n.body }),
  },
}

export function kindOf(template: string): Kind | null {
  return (NOTICE_KINDS as Record<string, { kind: Kind }>)[template]?.kind ?? null
}

/** The slot values of a notice as stored in the outbox (its payload with the message centre's text). */
export function slotValues(template: string, payload: unknown, text: NoticeText): Record<string, string> | null {
  const entry = (NOTICE_KINDS as Record<string, { fill: (p: unknown, n: NoticeText) => Record<string, string> }>)[template]
  return entry ? entry.fill(payload, text) : null
}
