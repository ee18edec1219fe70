import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { useSession } from '@/core/session'
import { ShiftCard } from './ShiftCard'
import { useVolunteer } from '../store'

/**
 * On an event's page: the volunteer shifts that serve it and their places; organisers add one from here. Shown to
 * anyone who may open the event; a shift's own page needs signing in.
 */
export function EventShifts({ eventId, organiser }: { eventId: number; organiser: boolean }) {
  const version = useVolunteer((s) => s.version)
  const me = useSession((s) => s.me)
  const q = useQuery(() => call('volunteer', 'forEvent', { eventId }), [eventId, version, me?.id], { pullToRefresh: false })
  const shifts = q.data ?? []
  if (shifts.length === 0 && !organiser) return null
  return (
    <View>
      <Text className='section-title'>志愿者招募</Text>
      {shifts.map((s) => (
        <ShiftCard key={s.id} s={s} onClick={() => void Taro.navigateTo({ url: linkTo('volunteerShift', { id: s.id }) })} />
      ))}
      {organiser ? (
        <View className='actions'>
          <Button fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('volunteerPublish', { eventId }) })}>
            为本活动招募志愿者
          </Button>
        </View>
      ) : null}
    </View>
  )
}
