import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { eventActions, type WaitOut } from '@server/features/events/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { WAIT_LABELS, placeText, whenText } from '../../labels'
import { useEvents } from '../../store'
import '../signup/index.scss'

/** A place in an event's queue: where it stands, for how many; leave it, or go to the sign-up it became. */
export default function WaitPage() {
  const id = Number(useRouter().params.id)
  const version = useEvents((s) => s.version)
  const q = useQuery(() => call('events', 'getWait', { id }), [id, version])
  return (
    <Page className='event-pass'>
      <SignedIn>{() => <Async q={q}>{(w) => <Wait w={w} />}</Async>}</SignedIn>
    </Page>
  )
}

function Wait({ w }: { w: WaitOut }) {
  const e = w.event
  const m = useMutation({ invalidate: [useEvents] })
  const leave = () =>
    m.send(eventActions, 'leaveWait', { id: w.id }, {
      key: 'leave',
      confirm: async () => (await Taro.showModal({ title: '退出候补', content: '退出后不再为您保留排队位置，确定吗？', confirmText: '退出候补', cancelText: '再等等' })).confirm,
      success: '已退出候补',
    })
  return (
    <View>
      <View className='card' onClick={() => void Taro.navigateTo({ url: linkTo('event', { id: e.id }) })}>
        <Text className='event-pass__title'>{e.title}</Text>
        <Text className='event-pass__line'>{whenText(e.startsAt)} 开始</Text>
        <Text className='event-pass__line'>{placeText(e)}</Text>
      </View>
      <View className='card'>
        <Text className='event-pass__label'>{WAIT_LABELS[w.state]}</Text>
        {w.position ? <Text className='event-pass__code-text'>第{w.position}位</Text> : null}
        <Text className='event-pass__who'>为{w.places}人排队{w.named.length ? `：本人、${w.named.map((g) => g.name).join('、')}` : w.guests ? `：本人和另外${w.guests}人` : ''}</Text>
        <Text className='muted'>{w.state === 'waiting' ? '有人取消时按排队顺序自动为您报名，并发消息通知您；报名截止时仍未轮到，候补自动结束。' : ''}</Text>
      </View>
      <View className='actions'>
        {w.signupId ? (
          <Button type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: linkTo('eventSignup', { id: w.signupId! }) })}>
            查看签到码
          </Button>
        ) : null}
        {w.can.leave ? (
          <Button className='event-pass__cancel' fill='outline' size='large' block loading={m.pending === 'leave'} onClick={() => void leave()}>
            退出候补
          </Button>
        ) : null}
      </View>
    </View>
  )
}
