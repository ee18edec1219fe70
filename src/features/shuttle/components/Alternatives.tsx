import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { DepartureOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { Async, Empty } from '@/core/ui/StateView'
import { DepartureCard } from './DepartureCard'
import './alternatives.scss'

/**
 * The nearest departures of the route that still have seats for the whole party, each with one button: move
 * there, or (after staff cancelled the run) rebook there with the same passengers.
 */
export function Alternatives({ of, action, busy, onPick }: { of: { bookingId: number } | { waitId: number }; action: string; busy: boolean; onPick: (d: DepartureOut) => void }) {
  const q = useQuery(() => call('shuttle', 'alternatives', of), [JSON.stringify(of)], { pullToRefresh: false })
  return (
    <Async q={q} isEmpty={(l) => l.length === 0} empty={<Empty title='前后一天没有座位足够的班次' hint='可以换一天查看时刻表，或拨打社区服务热线' />}>
      {(list) => (
        <View className='alternatives'>
          {list.map((d) => (
            <DepartureCard
              key={d.id}
              d={d}
              extra={
                <View className='alternatives__go'>
                  <Button type='primary' block loading={busy} onClick={() => onPick(d)}>
                    {action}
                  </Button>
                </View>
              }
            />
          ))}
          <Text className='muted alternatives__hint'>乘车人不变，新的班次座位确认后原座位才会释放</Text>
        </View>
      )}
    </Async>
  )
}
