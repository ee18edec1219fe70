import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@common/time'
import type { EventOut } from '@server/features/hotline/actions'
import { EVENT_LABELS } from '../labels'
import { PhotoRow } from '@/core/ui/PhotoPicker'
import './timeline.scss'

/** Every step of a request, oldest first, in Beijing time. */
export function Timeline({ events }: { events: EventOut[] }) {
  return (
    <View className='timeline'>
      {events.map((e, i) => (
        <View key={e.id} className={`timeline__item timeline__item--${e.kind} ${i === events.length - 1 ? 'timeline__item--last' : ''}`}>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <View className='timeline__head'>
              <Text className='timeline__kind'>{EVENT_LABELS[e.kind]}</Text>
              <Text className='timeline__at'>{formatDateTime(e.at)}</Text>
            </View>
            <Text className='timeline__by'>{e.by}</Text>
            {e.text ? <Text className='timeline__text'>{e.text}</Text> : null}
            <PhotoRow photos={e.photos} />
          </View>
        </View>
      ))}
    </View>
  )
}
