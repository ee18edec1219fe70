import { Image, Text, View } from '@tarojs/components'
import type { EventOut } from '@server/features/events/actions'
import { fileUrl } from '@/core/upload'
import { control } from '@/core/ui/a11y'
import { STATUS_LABELS, placeText, placesText, timeText, STATUS_TONES } from '../labels'
import './event-card.scss'

/** One event in a list: poster, category, title, when and where, places left and whether one can sign up. */
export function EventCard({ e, onClick }: { e: EventOut; onClick: () => void }) {
  const off = e.status === 'cancelled' || e.status === 'ended' || e.status === 'closed'
  const mine = e.mine?.signupId ? '已报名' : e.mine?.waitId ? '候补中' : null
  return (
    <View className={`item-card event-card ${off ? 'event-card--off' : ''}`} {...control('link', onClick)}>
      {e.posterUrl ? <Image className='event-card__poster' src={fileUrl(e.posterUrl)} mode='aspectFill' /> : null}
      <View className='event-card__head'>
        <Text className='event-card__category'>{e.category}</Text>
        <Text className={`tag event-tag tag--${STATUS_TONES[e.status]}`}>{STATUS_LABELS[e.status]}</Text>
      </View>
      <Text className='event-card__title'>{e.title}</Text>
      <Text className='event-card__line'>{timeText(e)}</Text>
      <Text className='event-card__line'>{placeText(e)}</Text>
      <View className='item-foot'>
        <Text className={`item-foot__left ${e.placesLeft === 0 ? 'item-foot__left--none' : ''}`}>{e.status === 'cancelled' ? '活动已取消' : placesText(e)}</Text>
        {mine ? <Text className='item-foot__mine'>{mine}</Text> : null}
      </View>
    </View>
  )
}
