import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { addDays, daysFrom, localDay } from '@common/time'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { PAGE, linkTo } from '@/core/routes'
import { isStaff } from '@/core/session'
import { DayStrip } from '@/core/ui/DayStrip'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { DepartureCard } from '../../components/DepartureCard'
import { useShuttle } from '../../store'
import './index.scss'

/** The day's departures: a driver's own, staff's all, each opening its manifest. */
export default function RunsPage() {
  return (
    <Page className='runs'>
      <SignedIn>{(me) => <Runs staff={isStaff(me)} />}</SignedIn>
    </Page>
  )
}

function Runs({ staff }: { staff: boolean }) {
  const now = useMemo(() => new Date(), [])
  const [day, setDay] = useState(() => localDay(now))
  const version = useShuttle((s) => s.version)
  const q = useQuery(() => call('shuttle', 'runs', { day }), [day, version])
  // Yesterday too, to look back at a manifest; a week ahead, to see what is coming.
  const days = [addDays(localDay(now), -1), ...daysFrom(now, 6)].map((d) => ({ day: d, closed: false, closedReason: null, left: 0 }))
  return (
    <View>
      <View className='runs__days'>
        <DayStrip days={days} value={day} now={now} onChange={setDay} label='日期' idPrefix='run' noteOf={() => '班次'} />
      </View>
      <Async q={q} isEmpty={(l) => l.length === 0} empty={<Empty title={staff ? '这一天没有班次' : '这一天没有您驾驶的班次'} hint='请换一天查看' />}>
        {(list) => (
          <View>
            {list.map((d) => (
              <DepartureCard
                key={d.id}
                d={d}
                onClick={() => void Taro.navigateTo({ url: linkTo('shuttleManifest', { id: d.id }) })}
                extra={
                  <View className='runs__counts'>
                    <Text>
                      已上车 <Text className='runs__n'>{d.boarded}</Text> / 预约 {d.booked}
                    </Text>
                    <Text>{d.driverName ? `司机 ${d.driverName}` : '未安排司机'}</Text>
                  </View>
                }
              />
            ))}
          </View>
        )}
      </Async>
      {staff ? (
        <View className='actions'>
          <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.shuttleManage })}>
            线路、时刻与规则
          </Button>
        </View>
      ) : null}
    </View>
  )
}
