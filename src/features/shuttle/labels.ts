import { local } from '@common/time'
import type { DepartureStatus, Direction, RiderState, SeatState } from '@server/features/shuttle/actions'

export const DIRECTION_LABELS: Record<Direction, string> = { to_station: '去徐州东站', from_station: '回管道社区' }

export const STATUS_LABELS: Record<DepartureStatus, string> = {
  not_open: '未开放',
  open: '可预约',
  full: '已满 · 可候补',
  closed: '已截止',
  cancelled: '已取消',
  departed: '已发车',
}

/** The tone of each status's tag (app.scss .tag--…). */
export const STATUS_TONES: Record<DepartureStatus, 'ok' | 'warn' | 'quiet' | 'alert'> = {
  not_open: 'warn',
  open: 'ok',
  full: 'warn',
  closed: 'quiet',
  cancelled: 'alert',
  departed: 'quiet',
}

export const SEAT_LABELS: Record<SeatState, string> = { booked: '已预约', cancelled: '已取消', done: '已发车' }

export const RIDER_LABELS: Record<RiderState, string> = { booked: '待上车', boarded: '已上车', cancelled: '已取消', no_show: '未上车' }


/** 07:10 */
export const clock = (instant: string) => local(instant).format('HH:mm')

/** 12月8日 周二 07:10 */
export const runText = (instant: string) => local(instant).format('M月D日 ddd HH:mm')

export { WAIT_LABELS } from '@/core/waiting'
