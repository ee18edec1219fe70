import { local } from '@common/time'
import type { ApplicationState, CertificateState, ShiftOut, ShiftSignupState, ShiftStatus } from '@server/features/volunteer/actions'

export const STATUS_LABELS: Record<ShiftStatus, string> = { open: '可报名', full: '已满', started: '进行中', ended: '已结束', cancelled: '已取消' }
export const STATUS_TONES: Record<ShiftStatus, 'ok' | 'warn' | 'quiet' | 'alert'> = { open: 'ok', full: 'warn', started: 'warn', ended: 'quiet', cancelled: 'alert' }
export const SIGNUP_LABELS: Record<ShiftSignupState, string> = { signed: '已报名', released: '已退出', no_show: '未到岗', cancelled: '班次取消' }
export const APPLICATION_LABELS: Record<ApplicationState, string> = { pending: '待队长审核', accepted: '已入队', declined: '未通过', withdrawn: '已撤回' }
export const CERTIFICATE_LABELS: Record<CertificateState, string> = { requested: '待出具', issued: '已出具', declined: '未出具' }

/** 11月28日 周六 09:00–11:00; a night shift: 12月31日 周四 22:00–次日02:00 */
export function shiftTime(s: Pick<ShiftOut, 'startsAt' | 'endsAt'>): string {
  const start = local(s.startsAt)
  const end = local(s.endsAt)
  const nextDay = end.format('YYYY-MM-DD') !== start.format('YYYY-MM-DD')
  return `${start.format('M月D日 ddd HH:mm')}–${nextDay ? '次日' : ''}${end.format('HH:mm')}`
}

/** 12月6日 12:00 */
export const dayTime = (instant: string) => local(instant).format('M月D日 HH:mm')
/** 09:40 */
export const clock = (instant: string) => local(instant).format('HH:mm')

/** 2小时30分 · 45分钟 · 0 */
export function duration(minutes: number | null): string {
  if (minutes === null) return '—'
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m}分钟`
  return m === 0 ? `${h}小时` : `${h}小时${m}分`
}

/** Hours with one decimal, for totals: 12.5 */
export const hoursOf = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10)

/** 余2个 / 共3个 */
export const placesText = (s: Pick<ShiftOut, 'places' | 'placesLeft' | 'status'>) => (s.status === 'full' ? `已满 / 共${s.places}人` : `余${s.placesLeft}个 / 共${s.places}人`)
