import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { addDays, localDay } from '@common/time'
import { CATEGORIES, type Category } from '@server/features/events/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { PAGE, linkTo } from '@/core/routes'
import { isStaff, useSession } from '@/core/session'
import { Chips } from '@/core/ui/Chips'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { EventCard } from '../../components/EventCard'
import { useEvents } from '../../store'
import './index.scss'

type Week = 'all' | 0 | 1 | 2
const WEEKS: { value: Week; label: string }[] = [
  { value: 'all', label: '近期全部' },
  { value: 0, label: '本周' },
  { value: 1, label: '下周' },
  { value: 2, label: '两周后' },
]

/** Coming events by category and by week (Monday to Sunday, Beijing time), soonest first. */
export default function EventListPage() {
  const initial = useRouter().params.category
  const [category, setCategory] = useState<Category | 'all'>((CATEGORIES as readonly string[]).includes(initial ?? '') ? (initial as Category) : 'all')
  const [week, setWeek] = useState<Week>('all')
  const version = useEvents((s) => s.version)
  const me = useSession((s) => s.me)
  const q = useQuery(
    () => call('events', 'list', { category: category === 'all' ? undefined : category, week: week === 'all' ? undefined : addDays(localDay(new Date()), week * 7) }),
    [category, week, version, me?.id],
    { enabled: !!me },
  )
  const organiser = !!me && (isStaff(me) || !!me.team?.leader)
  return (
    <Page className='event-list'>
      <View className='hero hero--violet'>
        <Text className='hero__title'>活动报名</Text>
        <Text className='hero__sub'>红石榴艺术团演出、老年大学、读书会、讲座与培训</Text>
      </View>
      <View className='event-list__filters'>
        <Chips label='活动类别' options={[{ value: 'all' as const, label: '全部' }, ...CATEGORIES.map((c) => ({ value: c, label: c }))]} value={category} onChange={setCategory} columns={4} />
        <Chips label='时间' options={WEEKS} value={week} onChange={setWeek} columns={4} />
      </View>
      <SignedIn>
        {() => (
          <View>
            <Async q={q} isEmpty={(d) => d.events.length === 0} empty={<Empty title='暂时没有可报名的活动' hint='换个类别或时间看看，新活动发布后会在这里出现' />}>
              {(d) => (
                <View>
                  {d.events.map((e) => (
                    <EventCard key={e.id} e={e} onClick={() => void Taro.navigateTo({ url: linkTo('event', { id: e.id }) })} />
                  ))}
                </View>
              )}
            </Async>
            <View className='actions'>
              {me?.roles.includes('resident') ? (
                <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.eventMine })}>
                  我的报名
                </Button>
              ) : null}
              {organiser ? (
                <Button fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.eventOrganise })}>
                  组织活动
                </Button>
              ) : null}
            </View>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
