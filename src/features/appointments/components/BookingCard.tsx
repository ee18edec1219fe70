import { Text, View } from '@tarojs/components'
import type { BookingSummary } from '@server/features/appointments/actions'
import { control } from '@/core/ui/a11y'
import { slotText } from '../labels'
import { StatusTag } from './StatusTag'
import './booking-card.scss'

export function BookingCard({ b, who, onClick }: { b: BookingSummary; who?: string; onClick: () => void }) {
  const live = b.status === 'booked' || b.status === 'checked_in'
  return (
    <View className={`item-card booking-card ${live ? '' : 'booking-card--past'}`} {...control('link', onClick)}>
      <View className='booking-card__head'>
        <Text className='booking-card__service'>{b.serviceName}</Text>
        <StatusTag b={b} />
      </View>
      <Text className='booking-card__when'>{slotText(b.startsAt, b.endsAt)}</Text>
      <View className='booking-card__foot'>
        <Text>预约码 {b.code}</Text>
        <Text>{who ?? b.bookedBy ?? ''}</Text>
      </View>
    </View>
  )
}
