import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { PAGE } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { HoursCard } from '../../components/HoursCard'
import { Stars } from '../../components/Stars'
import { duration, hoursOf } from '../../labels'
import { useVolunteer } from '../../store'
import './index.scss'

/** Hours this year and in all, the star level and what the next one needs, and every record with its corrections. */
export default function RecordsPage() {
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'records', {}), [version])
  return (
    <Page className='vol-records'>
      <SignedIn>
        {() => (
          <Async q={q}>
            {({ summary: s, records }) => (
              <View>
                <View className='hero vol-records__hero'>
                  <Text className='hero__title'>{s.stars.stars ? `${s.stars.stars}星志愿者` : '志愿服务记录'}</Text>
                  <Stars stars={s.stars.stars} />
                  <Text className='hero__sub'>{`${s.year}年服务${hoursOf(s.minutesYear)}小时`}</Text>
                  <Text className='hero__sub'>{`累计${hoursOf(s.minutesTotal)}小时 · ${s.records}次服务`}</Text>
                  <Text className='hero__sub'>{s.stars.next ? `再服务${duration(s.stars.next.minutesToGo)}可达${s.stars.next.stars}星` : '已达最高星级'}</Text>
                </View>
                <View className='card vol-records__levels'>
                  <Text className='form-label vol-records__levels-title'>星级标准（累计服务时长）</Text>
                  <View className='vol-records__level-row'>
                    {s.stars.thresholds.map((h, i) => (
                      <Text key={h} className={`vol-records__level ${i < s.stars.stars ? 'vol-records__level--on' : ''}`}>
                        {`${i + 1}星 ${h}小时`}
                      </Text>
                    ))}
                  </View>
                </View>
                <Text className='section-title'>服务记录</Text>
                {records.length === 0 ? <Empty title='还没有服务记录' hint='报名班次，到岗签到、离开签退后，时长会记在这里' /> : null}
                {records.map((h) => (
                  <HoursCard key={h.id} h={h} />
                ))}
                <View className='actions'>
                  <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.volunteerCertificates })}>
                    申请志愿服务证明
                  </Button>
                </View>
              </View>
            )}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}
