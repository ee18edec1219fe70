import { Text, View } from '@tarojs/components'
import type { StopOut } from '@server/features/shuttle/actions'
import { control } from '@/core/ui/a11y'
import { clock } from '../labels'
import { openPlace } from '@/core/map'
import './stop-box.scss'

/** Where to wait (or where the bus lets one off): the stop, the time the bus is there, the spot, and the map. */
export function StopBox({ stop, boarding }: { stop: StopOut & { at: string }; boarding: boolean }) {
  return (
    <View className='stop-box'>
      <View className='stop-box__head'>
        <Text className='stop-box__name'>
          {boarding ? '上车' : '下车'}：{stop.name}
        </Text>
        <Text className='stop-box__at'>{clock(stop.at)}</Text>
      </View>
      <Text className='stop-box__note'>{stop.waitNote}</Text>
      <View className='stop-box__map' {...control('button', () => openPlace({ ...stop, address: stop.waitNote }))}>
        <Text>查看位置</Text>
      </View>
    </View>
  )
}
