import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { shuttleActions, type WaitOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { Alternatives } from '../../components/Alternatives'
import { DepartureCard } from '../../components/DepartureCard'
import { StopBox } from '../../components/StopBox'
import { WAIT_LABELS } from '../../labels'
import { useShuttle } from '../../store'
import './index.scss'

/** A place in a departure's queue: where it stands, and what became of it. */
export default function WaitPage() {
  const id = Number(useRouter().params.id)
  const version = useShuttle((s) => s.version)
  const q = useQuery(() => call('shuttle', 'getWait', { id }), [id, version])
  return (
    <Page className='wait'>
      <SignedIn>{() => <Async q={q}>{(w) => <Wait w={w} />}</Async>}</SignedIn>
    </Page>
  )
}

function Wait({ w }: { w: WaitOut }) {
  const m = useMutation({ invalidate: [useShuttle] })
  const cancelled = w.departure.status === 'cancelled'

  const leave = () =>
    m.send(shuttleActions, 'leaveWait', { id: w.id }, {
      key: 'leave',
      confirm: async () => (await Taro.showModal({ title: '退出候补', content: '退出后如再想乘坐需重新排队，确定退出吗？', confirmText: '退出候补', cancelText: '继续等' })).confirm,
      success: '已退出候补',
    })

  const rebookTo = async (departureId: number) => {
    const booked = await m.send(shuttleActions, 'rebook', { waitId: w.id, departureId }, { key: 'rebook', success: '已预约新班次' })
    if (booked) void Taro.redirectTo({ url: linkTo('shuttlePass', { id: booked.id }) })
  }

  return (
    <View>
      <View className='card wait__head'>
        <Text className={`wait__state wait__state--${w.state}`}>{cancelled && w.state === 'waiting' ? '班次已取消' : WAIT_LABELS[w.state]}</Text>
        {w.state === 'waiting' && !cancelled ? (
          <Text className='wait__position'>
            您排在第 <Text className='wait__number'>{w.position ?? '—'}</Text> 位 · {w.seats}个座位
          </Text>
        ) : null}
        {w.state === 'waiting' && !cancelled ? <Text className='muted'>有人退座且够{w.seats}人乘坐时，按排队顺序自动为您预约，并在消息中心通知您。</Text> : null}
        {w.state === 'promoted' ? <Text>已为您预约座位，凭乘车码上车。</Text> : null}
        {w.state === 'expired' ? <Text className='muted'>班次已截止预约，候补未能补上。</Text> : null}
      </View>
      {w.state === 'promoted' && w.bookingId ? (
        <View className='actions'>
          <Button type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: linkTo('shuttlePass', { id: w.bookingId! }) })}>
            查看乘车码
          </Button>
        </View>
      ) : null}

      <DepartureCard d={w.departure} />
      <View className='card'>
        <Text className='wait__label'>乘车人</Text>
        {w.riders.map((r) => (
          <Text key={r.name} className='wait__rider'>
            {r.name}（{r.relation}）
          </Text>
        ))}
        {w.trainNo ? <Text className='muted'>车次 {w.trainNo}</Text> : null}
        <StopBox stop={w.stop} boarding={w.departure.direction === 'to_station'} />
      </View>

      {w.can.rebook ? (
        <View>
          <Text className='section-title'>改约其他班次</Text>
          <Alternatives of={{ waitId: w.id }} action='一键预约这一班' busy={m.pending === 'rebook'} onPick={(x) => void rebookTo(x.id)} />
        </View>
      ) : null}

      {w.can.leave ? (
        <View className='actions'>
          <Button fill='outline' size='large' block loading={m.pending === 'leave'} onClick={() => void leave()}>
            退出候补
          </Button>
        </View>
      ) : null}
    </View>
  )
}
