import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatDateTime } from '@common/time'
import { shuttleActions, type SeatBookingOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { CheckRow } from '@/core/ui/CheckRow'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { PassCode } from '@/core/ui/PassCode'
import { Async } from '@/core/ui/StateView'
import { Alternatives } from '../../components/Alternatives'
import { StopBox } from '../../components/StopBox'
import { DIRECTION_LABELS, RIDER_LABELS, SEAT_LABELS, clock, runText } from '../../labels'
import { useShuttle } from '../../store'
import '../../components/seat-card.scss'
import './index.scss'

/** 乘车码: the departure, the stop, who rides, the QR code and short code; cancel some or all, move, or rebook. */
export default function PassPage() {
  const id = Number(useRouter().params.id)
  const version = useShuttle((s) => s.version)
  const q = useQuery(() => call('shuttle', 'get', { id }), [id, version])
  return (
    <Page className='pass'>
      <SignedIn>{() => <Async q={q}>{(b) => <Pass key={`${b.id}-${b.state}-${b.seats}`} b={b} />}</Async>}</SignedIn>
    </Page>
  )
}

type Panel = 'cancel' | 'move' | null

function Pass({ b }: { b: SeatBookingOut }) {
  const d = b.departure
  const toStation = d.direction === 'to_station'
  const live = b.state === 'booked' && d.status !== 'cancelled'
  const riding = b.riders.filter((r) => r.state !== 'cancelled')
  const [panel, setPanel] = useState<Panel>(null)
  const [picked, setPicked] = useState<number[]>([])
  const m = useMutation({ invalidate: [useShuttle] })

  const cancel = async (all: boolean) => {
    const riderIds = all || picked.length === riding.length ? undefined : picked
    const names = riderIds ? riding.filter((r) => riderIds.includes(r.id)).map((r) => r.name).join('、') : '全部乘车人'
    const done = await m.send(shuttleActions, 'cancel', { id: b.id, riderIds }, {
      key: 'cancel',
      confirm: async () => (await Taro.showModal({ title: '取消乘车', content: `确定取消${names}的座位吗？`, confirmText: '确定取消', cancelText: '再想想' })).confirm,
      success: riderIds ? '已取消所选乘车人' : '已取消预约',
    })
    if (done) setPanel(null)
  }

  const moveTo = async (departureId: number) => {
    const moved = await m.send(shuttleActions, 'move', { id: b.id, departureId }, { key: 'move', success: '已改乘' })
    if (moved) void Taro.redirectTo({ url: linkTo('shuttlePass', { id: moved.id }) })
  }

  const rebookTo = async (departureId: number) => {
    const booked = await m.send(shuttleActions, 'rebook', { bookingId: b.id, departureId }, { key: 'rebook', success: '已改乘' })
    if (booked) void Taro.redirectTo({ url: linkTo('shuttlePass', { id: booked.id }) })
  }

  return (
    <View>
      <View className='card pass__head'>
        <View className='pass__row'>
          <Text className='pass__direction'>{DIRECTION_LABELS[d.direction]}</Text>
          <Text className={`tag pass-tag pass-tag--${d.status === 'cancelled' ? 'cancelled' : b.state}`}>{d.status === 'cancelled' ? '班次已取消' : SEAT_LABELS[b.state]}</Text>
        </View>
        <Text className='pass__when'>{runText(d.departsAt)} 发车</Text>
        <Text className='muted'>
          {d.stops[0]!.name} → {d.stops[d.stops.length - 1]!.name}（{toStation ? `约${clock(d.stationAt)}到站` : `约${clock(d.stops[d.stops.length - 1]!.at)}到达`}）
        </Text>
        {d.movedFrom ? <Text className='pass__warn'>发车时间由 {clock(d.movedFrom)} 调整为 {clock(d.departsAt)}{d.note ? `：${d.note}` : ''}</Text> : null}
        <StopBox stop={b.stop} boarding={toStation} />
        {live ? (
          <PassCode code={b.code} name='pass__code' hint='上车时向司机出示二维码或报乘车码' />
        ) : (
          <Text className='muted pass__code-past'>乘车码 {b.code}</Text>
        )}
      </View>

      {d.status === 'cancelled' && b.state !== 'done' ? (
        <View className='card pass__cancelled'>
          <Text className='pass__cancelled-title'>社区取消了这个班次</Text>
          {d.note ? <Text>原因：{d.note}</Text> : null}
          {b.can.rebook ? <Text className='muted'>选一个班次，一键改乘，乘车人不变：</Text> : <Text className='muted'>已为这些乘车人改乘其他班次，请在“我的乘车”中查看。</Text>}
        </View>
      ) : null}
      {d.status === 'cancelled' && b.can.rebook ? <Alternatives of={{ bookingId: b.id }} action='一键改乘这一班' busy={m.pending === 'rebook'} onPick={(x) => void rebookTo(x.id)} /> : null}

      <View className='card'>
        <Text className='pass__label'>乘车人 · {b.seats}个座位</Text>
        {b.riders.map((r) => (
          <View key={r.id} className={`pass__rider ${r.state === 'cancelled' ? 'pass__rider--off' : ''}`}>
            <Text>
              {r.name}（{r.relation}）
            </Text>
            <Text className={`pass__rider-state pass__rider-state--${r.state}`}>
              {RIDER_LABELS[r.state]}
              {r.checkedInAt ? ` ${clock(r.checkedInAt)}` : ''}
            </Text>
          </View>
        ))}
        {b.trainNo || b.trainAt ? (
          <Text className='pass__train'>
            {toStation ? '要赶的火车' : '乘坐的火车'}：{b.trainNo ?? ''} {b.trainAt ? `${clock(b.trainAt)}${toStation ? '开' : '到'}` : ''}
          </Text>
        ) : null}
        {b.fromWaitingList ? <Text className='muted'>座位来自候补</Text> : null}
        {b.cancelReason ? <Text className='muted'>取消原因：{b.cancelReason}</Text> : null}
        {live ? <Text className='muted'>{b.can.cancel ? `${formatDateTime(b.cancelUntil)}前可取消或改乘` : '已过取消截止时间，如需变更请联系社区'}</Text> : null}
      </View>

      {panel === 'cancel' ? (
        <View className='card pass__panel'>
          <Text className='pass__label'>取消哪些乘车人的座位？</Text>
          {riding.map((r) => (
            <CheckRow key={r.id} className='pass__pick' checked={picked.includes(r.id)} onChange={(on) => setPicked(on ? [...picked, r.id] : picked.filter((x) => x !== r.id))}>
              {`${r.name}（${r.relation}）`}
            </CheckRow>
          ))}
          <View className='pass__panel-actions'>
            <Button type='primary' block disabled={picked.length === 0} loading={m.pending === 'cancel'} onClick={() => void cancel(false)}>
              {picked.length ? `取消所选${picked.length}人` : '请选择乘车人'}
            </Button>
            <Button fill='outline' block onClick={() => setPanel(null)}>
              返回
            </Button>
          </View>
        </View>
      ) : null}

      {panel === 'move' ? (
        <View>
          <Text className='section-title'>改乘哪一班？</Text>
          <Alternatives of={{ bookingId: b.id }} action='改乘这一班' busy={m.pending === 'move'} onPick={(x) => void moveTo(x.id)} />
          <View className='actions'>
            <Button fill='outline' block onClick={() => setPanel(null)}>
              返回
            </Button>
          </View>
        </View>
      ) : null}

      {panel === null && live && (b.can.cancel || b.can.move) ? (
        <View className='actions'>
          {b.can.move ? (
            <Button type='primary' fill='outline' size='large' block onClick={() => setPanel('move')}>
              改乘其他班次
            </Button>
          ) : null}
          {b.can.cancel && riding.length > 1 ? (
            <Button fill='outline' size='large' block onClick={() => (setPicked([]), setPanel('cancel'))}>
              取消部分乘车人
            </Button>
          ) : null}
          {b.can.cancel ? (
            <Button className='pass__cancel' fill='outline' size='large' block loading={m.pending === 'cancel'} onClick={() => void cancel(true)}>
              {riding.length > 1 ? '全部取消' : '取消预约'}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
