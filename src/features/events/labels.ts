import { local } from '@common/time'
import type { EventOut, EventStatus, SignupState } from '@server/features/events/actions'

export const STATUS_LABELS: Record<EventStatus, string> = {
  draft: '草稿',
  not_open: '报名未开始',
  open: '可报名',
  full: '已满 · 可候补',
  closed: '已截止',
  cancelled: '已取消',
  ended: '已结束',
}

/** The tone of each status's tag (app.scss .tag--…). */
export const STATUS_TONES: Record<EventStatus, 'ok' | 'warn' | 'quiet' | 'alert'> = {
  draft: 'warn',
  not_open: 'warn',
  open: 'ok',
  full: 'warn',
  closed: 'quiet',
  cancelled: 'alert',
  ended: 'quiet',
}

export const SIGNUP_LABELS: Record<SignupState, string> = { signed: '已报名', cancelled: '已取消' }


/** 11月28日 周六 14:00 */
export const whenText = (instant: string) => local(instant).format('M月D日 ddd HH:mm')

/** 12月6日 12:00: a deadline, short enough for one line in 长辈版. */
export const dayTime = (instant: string) => local(instant).format('M月D日 HH:mm')

/** 14:00 */
export const clock = (instant: string) => local(instant).format('HH:mm')

/** 11月28日 周六 14:00–16:00, or a series: 11月30日起 每周一 09:00–10:30 · 共12次 */
export function timeText(e: Pick<EventOut, 'sessions' | 'startsAt' | 'endsAt'>): string {
  const first = e.sessions[0]
  if (!first) return whenText(e.startsAt)
  const span = `${whenText(first.startsAt)}–${clock(first.endsAt)}`
  if (e.sessions.length === 1) return span
  return `${local(first.startsAt).format('M月D日')}起 · 共${e.sessions.length}次 · 首次${local(first.startsAt).format('ddd HH:mm')}–${clock(first.endsAt)}`
}

/** 红石榴广场 · 二楼多功能厅 */
export const placeText = (e: Pick<EventOut, 'venue' | 'room'>) => (e.room ? `${e.venue.name} · ${e.room}` : e.venue.name)

/** 余3个名额 / 共20个 */
export function placesText(e: Pick<EventOut, 'places' | 'placesLeft' | 'status'>): string {
  if (e.status === 'full') return `已满 / 共${e.places}个名额`
  return `余${e.placesLeft}个名额 / 共${e.places}个`
}

export { WAIT_LABELS } from '@/core/waiting'
