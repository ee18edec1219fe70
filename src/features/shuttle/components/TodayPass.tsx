import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { groupCode } from '@common/codes'
import { localDay } from '@common/time'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { useSession } from '@/core/session'
import { control } from '@/core/ui/a11y'
import { DIRECTION_LABELS, clock } from '../labels'
import { useShuttle } from '../store'
import './today-pass.scss'

/** On 首页 on the day of travel: today's seats, each one tap from its boarding pass. */
export function TodayPass() {
  const me = useSession((s) => s.me)
  const version = useShuttle((s) => s.version)
  const resident = !!me?.roles.includes('resident')
  const q = useQuery(() => call('shuttle', 'mine', {}), [version, me?.id], { enabled: resident, pullToRefresh: false })
  useDidShow(() => {
    if (resident) void q.reload()
  })
  const today = localDay(new Date())
  const rides = (q.data?.upcoming ?? []).filter((b) => b.departure.day === today && b.state === 'booked' && b.departure.status !== 'cancelled')
  if (!resident || rides.length === 0) return null
  return (
    <View className='today-pass'>
      {rides.map((b) => (
        <View key={b.id} className='today-pass__item' {...control('link', () => void Taro.navigateTo({ url: linkTo('shuttlePass', { id: b.id }) }))}>
          <View className='today-pass__main'>
            <Text className='today-pass__title'>今天的班车 · {DIRECTION_LABELS[b.departure.direction]}</Text>
            <Text className='today-pass__when'>
              {clock(b.stop.at)} {b.stop.name} · {b.seats}座
            </Text>
          </View>
          <View className='today-pass__code'>
            <Text className='today-pass__code-text'>{groupCode(b.code)}</Text>
            <Text className='today-pass__open'>出示乘车码 ›</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
