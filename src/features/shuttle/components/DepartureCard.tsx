import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { DepartureOut } from '@server/features/shuttle/actions'
import { control } from '@/core/ui/a11y'
import { STATUS_LABELS, STATUS_TONES, clock } from '../labels'
import './departure-card.scss'

/** What a departure still has, in words a rider reads at a glance. */
export function seatsText(d: DepartureOut): string {
  if (d.status === 'cancelled') return '本班次已取消'
  if (d.status === 'departed') return '已发车'
  return d.seatsLeft > 0 ? `余${d.seatsLeft}座 / 共${d.seats}座` : `已满 · 共${d.seats}座`
}

/**
 * One departure as a row of the timetable: when it leaves the first stop, when it is at 徐州东站, the seats left
 * and whether it can be booked; the caller's own booking or place in the queue on it is marked.
 */
export function DepartureCard({ d, onClick, extra, label }: { d: DepartureOut; onClick?: () => void; extra?: ReactNode; label?: string }) {
  const toStation = d.direction === 'to_station'
  const first = d.stops[0]!
  const last = d.stops[d.stops.length - 1]!
  const off = d.status === 'cancelled' || d.status === 'departed' || d.status === 'closed'
  return (
    <View className={`item-card departure-card ${off ? 'departure-card--off' : ''}`} {...(onClick ? control('link', onClick) : {})}>
      {label ? <Text className='departure-card__label'>{label}</Text> : null}
      <View className='departure-card__head'>
        <View className='departure-card__times'>
          <Text className='departure-card__time'>{clock(d.departsAt)}</Text>
          <Text className='departure-card__arrow'>→</Text>
          <Text className='departure-card__time departure-card__time--to'>{clock(atLast(d))}</Text>
        </View>
        <Text className={`tag departure-tag tag--${STATUS_TONES[d.status]}`}>{STATUS_LABELS[d.status]}</Text>
      </View>
      <Text className='departure-card__route'>
        {first.name} 发车 · {toStation ? `${clock(d.stationAt)} 到${last.name}` : `${clock(atLast(d))} 到${last.name}`}
      </Text>
      <View className='item-foot'>
        <Text className={d.seatsLeft === 0 ? 'item-foot__left item-foot__left--none' : 'item-foot__left'}>{seatsText(d)}</Text>
        {d.mine.bookingId ? <Text className='item-foot__mine'>我已预约</Text> : d.mine.waitId ? <Text className='item-foot__mine'>我在候补</Text> : null}
      </View>
      {d.movedFrom ? <Text className='departure-card__note'>原定 {clock(d.movedFrom)} 发车，已调整</Text> : null}
      {d.note ? <Text className='departure-card__note'>{d.note}</Text> : null}
      {extra}
    </View>
  )
}

const atLast = (d: DepartureOut) => d.stops[d.stops.length - 1]!.at
