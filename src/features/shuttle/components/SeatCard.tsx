import { Text, View } from '@tarojs/components'
import type { SeatBookingOut, WaitOut } from '@server/features/shuttle/actions'
import { control } from '@/core/ui/a11y'
import { DIRECTION_LABELS, SEAT_LABELS, WAIT_LABELS, clock, runText } from '../labels'
import './seat-card.scss'

/** A seat booking in a list: when, where to board, who, and its state. */
export function SeatCard({ b, onClick }: { b: SeatBookingOut; onClick: () => void }) {
  const cancelledRun = b.departure.status === 'cancelled' && b.state === 'booked'
  const names = b.riders.filter((r) => r.state !== 'cancelled').map((r) => r.name)
  return (
    <View className={`item-card seat-card ${b.state === 'booked' && !cancelledRun ? '' : 'seat-card--past'}`} {...control('link', onClick)}>
      <View className='seat-card__head'>
        <Text className='seat-card__when'>{runText(b.departure.departsAt)}</Text>
        <Text className={`tag pass-tag pass-tag--${cancelledRun ? 'cancelled' : b.state}`}>{cancelledRun ? '班次已取消' : SEAT_LABELS[b.state]}</Text>
      </View>
      <Text className='seat-card__line'>
        {DIRECTION_LABELS[b.departure.direction]} · {b.stop.name} {clock(b.stop.at)}
      </Text>
      <View className='seat-card__foot'>
        <Text>{b.state === 'booked' ? `${names.join('、')} · ${b.seats}座` : `${b.riders.length}人`}</Text>
        <Text>乘车码 {b.code}</Text>
      </View>
      {cancelledRun && b.can.rebook ? <Text className='seat-card__alert'>点此一键改乘其他班次</Text> : null}
    </View>
  )
}

/** A place in a queue in a list. */
export function WaitCard({ w, onClick }: { w: WaitOut; onClick: () => void }) {
  return (
    <View className='item-card seat-card seat-card--wait' {...control('link', onClick)}>
      <View className='seat-card__head'>
        <Text className='seat-card__when'>{runText(w.departure.departsAt)}</Text>
        <Text className='tag pass-tag pass-tag--booked'>{w.departure.status === 'cancelled' ? '班次已取消' : WAIT_LABELS[w.state]}</Text>
      </View>
      <Text className='seat-card__line'>
        {DIRECTION_LABELS[w.departure.direction]} · {w.stop.name}
      </Text>
      <View className='seat-card__foot'>
        <Text>{w.seats}个座位</Text>
        <Text>{w.position ? `排第${w.position}位` : ''}</Text>
      </View>
    </View>
  )
}
