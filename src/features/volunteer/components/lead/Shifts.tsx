import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { TeamRef } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { Async } from '@/core/ui/StateView'
import { ShiftCard } from '../ShiftCard'
import { useVolunteer } from '../../store'
import './lead.scss'

/** The team's shifts: publish a new one, coming ones to run, the last month's to look back on. */
export function Shifts({ team }: { team: TeamRef }) {
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'teamShifts', { teamId: team.id }), [team.id, version])
  const open = (id: number) => () => void Taro.navigateTo({ url: linkTo('volunteerShift', { id }) })
  return (
    <View>
      <View className='actions'>
        <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('volunteerPublish', { teamId: team.id }) })}>
          发布服务班次
        </Button>
      </View>
      <Async q={q}>
        {(d) => (
          <View>
            <Text className='section-title'>即将开始</Text>
            {d.coming.length === 0 ? <Text className='muted lead-none'>没有即将开始的班次</Text> : null}
            {d.coming.map((s) => (
              <ShiftCard key={s.id} s={s} mark={`已报${s.places - s.placesLeft}人`} onClick={open(s.id)} />
            ))}
            {d.past.length ? <Text className='section-title'>近一个月</Text> : null}
            {d.past.map((s) => (
              <ShiftCard key={s.id} s={s} mark={`报名${s.places - s.placesLeft}人`} onClick={open(s.id)} />
            ))}
          </View>
        )}
      </Async>
    </View>
  )
}
