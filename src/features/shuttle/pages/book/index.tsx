import Taro, { useRouter } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { atLocal, localDay } from '@common/time'
import type { CompanionOut } from '@server/features/account/actions'
import { shuttleActions, type DepartureOut } from '@server/features/shuttle/actions'
import { call, newKey } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo, textParam } from '@/core/routes'
import { askFor, usePromptReady } from '@/features/messages/subscribe'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { RegisterFirst } from '@/core/ui/RegisterFirst'
import { Async } from '@/core/ui/StateView'
import { DepartureCard } from '../../components/DepartureCard'
import { RiderPicker, type Riders } from '../../components/RiderPicker'
import { clock, runText } from '../../labels'
import { useShuttle } from '../../store'
import { readClock } from '@/core/time-input'
import './index.scss'

/** Seats on one departure for the booker and up to three of 常用乘车人; when it is full, a place in the queue. */
export default function SeatBookPage() {
  usePromptReady()
  const params = useRouter().params
  const id = Number(params.departureId)
  const version = useShuttle((s) => s.version)
  const q = useQuery(async () => {
    const [departure, companions] = await Promise.all([call('shuttle', 'departure', { id }), call('account', 'companions', {})])
    return { departure, companions }
  }, [id, version])
  return (
    <Page className='seat-book'>
      <SignedIn>
        {(me) =>
          me.household ? (
            <Async q={q}>
              {(d) => (
                <Booking
                  d={d.departure}
                  companions={d.companions}
                  me={me.name ?? '本人'}
                  stopId={params.stopId ? Number(params.stopId) : undefined}
                  trainNo={textParam(params.trainNo) ?? ''}
                  trainAt={textParam(params.trainAt)}
                />
              )}
            </Async>
          ) : (
            <RegisterFirst why='登记住户信息后即可预约班车座位。' />
          )
        }
      </SignedIn>
    </Page>
  )
}

interface BookingProps {
  d: DepartureOut
  companions: CompanionOut[]
  me: string
  stopId?: number
  trainNo: string
  trainAt?: string
}

function Booking({ d, companions, me, stopId, trainNo: givenNo, trainAt: givenAt }: BookingProps) {
  const toStation = d.direction === 'to_station'
  // Riders board at any stop but the station going there, and get off at any stop but the station coming back.
  const stops = toStation ? d.stops.slice(0, -1) : d.stops.slice(1)
  const [stop, setStop] = useState(stops.find((s) => s.id === stopId)?.id ?? stops[0]!.id)
  const [riders, setRiders] = useState<Riders>({ self: true, companionIds: [] })
  const [trainNo, setTrainNo] = useState(givenNo)
  const [trainTime, setTrainTime] = useState(givenAt ? clock(givenAt) : '')
  const key = useMemo(newKey, [d.id])
  const form = useMutation({ invalidate: [useShuttle] })
  const full = d.status === 'full' || d.seatsLeft < (riders.self ? 1 : 0) + riders.companionIds.length
  const count = (riders.self ? 1 : 0) + riders.companionIds.length
  const at = d.stops.find((s) => s.id === stop)!

  const send = async () => {
    askFor(['shuttle_reminder', 'shuttle'])
    const hhmm = trainTime.trim() ? readClock(trainTime) : null
    if (trainTime.trim() && !hhmm) {
      form.setErrors({ trainAt: '火车时间格式应为 09:12' })
      return
    }
    // The train runs on the day of the bus, or the next one after a late-evening bus towards it.
    const trainDay = givenAt ? localDay(givenAt) : d.day
    const data = { departureId: d.id, stopId: stop, ...riders, trainNo: trainNo.trim() || undefined, trainAt: hhmm ? atLocal(trainDay, hhmm) : undefined }
    if (full) {
      const w = await form.send(shuttleActions, 'wait', data, { idempotencyKey: `${key}-wait`, success: '已加入候补' })
      if (w) void Taro.redirectTo({ url: linkTo('shuttleWait', { id: w.id }) })
      return
    }
    const b = await form.send(shuttleActions, 'book', data, { idempotencyKey: key, success: '预约成功' })
    if (b) void Taro.redirectTo({ url: linkTo('shuttlePass', { id: b.id }) })
  }

  // Already holding a seat or a place in the queue on this run: the pass or the queue, not a second booking.
  const held = d.mine.bookingId ? { url: linkTo('shuttlePass', { id: d.mine.bookingId }), text: '您已预约这个班次', action: '查看乘车码' } : d.mine.waitId ? { url: linkTo('shuttleWait', { id: d.mine.waitId }), text: '您已在这个班次的候补中', action: '查看候补' } : null
  if (held)
    return (
      <View>
        <DepartureCard d={d} />
        <View className='actions'>
          <Text className='seat-book__summary'>{held.text}</Text>
          <Button type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: held.url })}>
            {held.action}
          </Button>
        </View>
      </View>
    )

  return (
    <View>
      <DepartureCard d={d} />
      <Text className='section-title'>{toStation ? '在哪一站上车' : '在哪一站下车'}</Text>
      <View className='card'>
        <Chips
          label={toStation ? '上车站点' : '下车站点'}
          columns={2}
          options={stops.map((s) => ({ value: s.id, label: `${s.name} ${clock(s.at)}` }))}
          value={stop}
          onChange={(s) => {
            setStop(s)
            form.clear('stopId')
          }}
        />
        <Text className='seat-book__wait-note'>{at.waitNote}</Text>
        <FieldError error={form.errors.stopId} />
      </View>

      <Text className='section-title'>乘车人</Text>
      <View className='card'>
        <RiderPicker
          me={me}
          companions={companions}
          value={riders}
          onChange={(v) => {
            setRiders(v)
            form.clear('companionIds', 'self')
          }}
        />
        <FieldError error={form.errors.companionIds ?? form.errors.self} />
      </View>

      <Text className='section-title'>{toStation ? '要赶的火车（可不填）' : '乘坐的火车（可不填）'}</Text>
      <View className='card seat-book__train'>
        <View className='seat-book__field'>
          <Text className='form-label seat-book__label'>车次</Text>
          <Input className='form-input seat-book__train-no' value={trainNo} placeholder='如 G1234' maxLength={6} onChange={(v: string) => (setTrainNo(v), form.clear('trainNo'))} />
          <FieldError error={form.errors.trainNo} />
        </View>
        <View className='seat-book__field'>
          <Text className='form-label seat-book__label'>{toStation ? '开车时间' : '到站时间'}</Text>
          <Input className='form-input seat-book__train-at' value={trainTime} placeholder='如 09:12' maxLength={6} onChange={(v: string) => (setTrainTime(v), form.clear('trainAt'))} />
          <FieldError error={form.errors.trainAt} />
        </View>
      </View>

      <View className='actions'>
        <Text className='seat-book__summary'>
          {runText(at.at)} {toStation ? '上车' : '到站'} · {count}个座位
        </Text>
        {full ? <Text className='seat-book__full'>{d.seatsLeft > 0 ? `只剩${d.seatsLeft}个座位，不够${count}人` : '本班次已满'}，可以排队候补：有人退座时按顺序补上，并通知您。</Text> : null}
        <Button type='primary' size='large' block loading={form.busy} disabled={count === 0} onClick={() => void send()}>
          {full ? `加入候补（${count}人）` : `预约${count}个座位`}
        </Button>
        <Text className='muted'>发车前可在“我的乘车”中取消全部或部分乘车人，或改乘其他班次</Text>
      </View>
    </View>
  )
}
