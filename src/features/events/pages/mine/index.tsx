import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { SignupOut } from '@server/features/events/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { PAGE, linkTo } from '@/core/routes'
import { control } from '@/core/ui/a11y'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { SIGNUP_LABELS, WAIT_LABELS, placeText, timeText } from '../../labels'
import { useEvents } from '../../store'
import '../../components/event-card.scss'

function SignupCard({ s }: { s: SignupOut }) {
  const e = s.event
  const live = s.state === 'signed' && e.status !== 'cancelled' && e.status !== 'ended'
  return (
    <View className={`item-card event-card ${live ? '' : 'event-card--off'}`} {...control('link', () => void Taro.navigateTo({ url: linkTo('eventSignup', { id: s.id }) }))}>
      <View className='event-card__head'>
        <Text className='event-card__category'>{e.category}</Text>
        <Text className={`tag event-tag tag--${live ? 'ok' : e.status === 'cancelled' ? 'alert' : 'quiet'}`}>{e.status === 'cancelled' ? '活动已取消' : e.status === 'ended' && s.state === 'signed' ? '已结束' : SIGNUP_LABELS[s.state]}</Text>
      </View>
      <Text className='event-card__title'>{e.title}</Text>
      <Text className='event-card__line'>{timeText(e)}</Text>
      <Text className='event-card__line'>{placeText(e)}</Text>
      <View className='item-foot'>
        <Text className='muted'>{s.places}人 · 签到码 {s.code}</Text>
      </View>
    </View>
  )
}

/** 我的报名: coming events soonest first, places in queues, then past and cancelled sign-ups. */
export default function MySignupsPage() {
  const version = useEvents((s) => s.version)
  const q = useQuery(() => call('events', 'mine', {}), [version])
  const browse = (
    <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.events })}>
      看看近期活动
    </Button>
  )
  return (
    <Page className='my-signups'>
      <SignedIn>
        {() => (
          <Async q={q} isEmpty={(d) => d.upcoming.length + d.waits.length + d.past.length === 0} empty={<Empty title='还没有报名活动' hint='演出、老年大学、讲座和培训，可以带家人一起报名' action={browse} />}>
            {(d) => (
              <View>
                {d.upcoming.length ? <Text className='section-title'>即将参加</Text> : null}
                {d.upcoming.map((s) => (
                  <SignupCard key={s.id} s={s} />
                ))}
                {d.waits.length ? <Text className='section-title'>候补中</Text> : null}
                {d.waits.map((w) => (
                  <View key={w.id} className='item-card event-card' {...control('link', () => void Taro.navigateTo({ url: linkTo('eventWait', { id: w.id }) }))}>
                    <View className='event-card__head'>
                      <Text className='event-card__category'>{w.event.category}</Text>
                      <Text className='tag event-tag tag--warn'>{w.position ? `候补第${w.position}位` : WAIT_LABELS[w.state]}</Text>
                    </View>
                    <Text className='event-card__title'>{w.event.title}</Text>
                    <Text className='event-card__line'>{timeText(w.event)}</Text>
                  </View>
                ))}
                {d.past.length ? <Text className='section-title'>已结束或已取消</Text> : null}
                {d.past.map((s) => (
                  <SignupCard key={s.id} s={s} />
                ))}
                <View className='actions'>{browse}</View>
              </View>
            )}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}
