import Taro, { useRouter } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { atLocal, formatDateTime } from '@common/time'
import type { DepartureOut, Direction } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { toast, useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { PAGE, linkTo } from '@/core/routes'
import { Chips } from '@/core/ui/Chips'
import { DayStrip } from '@/core/ui/DayStrip'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { DepartureCard } from '../../components/DepartureCard'
import { DIRECTION_LABELS } from '../../labels'
import { useShuttle } from '../../store'
import { readClock } from '@/core/time-input'
import './index.scss'

const DIRECTIONS: Direction[] = ['to_station', 'from_station']

/** 高铁站班车: the coming departures by direction and day, and 赶火车 to find the one that fits a train. */
export default function TimetablePage() {
  const params = useRouter().params
  const [direction, setDirection] = useState<Direction>(params.direction === 'from_station' ? 'from_station' : 'to_station')
  const [day, setDay] = useState<string | undefined>(params.day)
  const version = useShuttle((s) => s.version)
  const q = useQuery(() => call('shuttle', 'departures', { direction, day }), [direction, day, version])
  return (
    <Page className='shuttle'>
      <SignedIn>
        {() => (
          <View>
            <View className='shuttle__directions'>
              <Chips
                label='方向'
                columns={2}
                options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
                value={direction}
                onChange={(d) => setDirection(d)}
              />
            </View>
            <Async q={q}>
              {(d) => (
                <Timetable
                  key={direction}
                  direction={direction}
                  days={d.days}
                  day={day ?? d.days[0]!}
                  onDay={setDay}
                  departures={d.departures}
                  block={d.block}
                />
              )}
            </Async>
            <View className='actions'>
              <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.shuttleMine })}>
                我的乘车
              </Button>
            </View>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}

/** Where tapping a departure leads: the caller's own pass or queue place, else booking it. */
export function openDeparture(d: DepartureOut, train?: { trainNo?: string; trainAt?: string }) {
  if (d.mine.bookingId) return void Taro.navigateTo({ url: linkTo('shuttlePass', { id: d.mine.bookingId }) })
  if (d.mine.waitId) return void Taro.navigateTo({ url: linkTo('shuttleWait', { id: d.mine.waitId }) })
  if (d.status === 'not_open') return toast(`${formatDateTime(d.opensAt)} 开放预约`)
  if (d.status === 'closed') return toast('本班次已截止预约')
  if (d.status === 'cancelled') return toast(d.note ? `本班次已取消：${d.note}` : '本班次已取消')
  if (d.status === 'departed') return toast('本班次已发车')
  void Taro.navigateTo({ url: linkTo('shuttleBook', { departureId: d.id, ...(train ?? {}) }) })
}

interface TimetableProps {
  direction: Direction
  days: string[]
  day: string
  onDay(day: string): void
  departures: DepartureOut[]
  block: { until: string; message: string } | null
}

function Timetable({ direction, days, day, onDay, departures, block }: TimetableProps) {
  const now = useMemo(() => new Date(), [])
  const strip = days.map((d) => ({ day: d, closed: false, closedReason: null, left: 0 }))
  // The usual cut-off is the shortest one of the day: the early runs close the evening before instead.
  const closeMinutes = departures.length ? Math.min(...departures.map((d) => Math.round((Date.parse(d.departsAt) - Date.parse(d.closesAt)) / 60_000))) : null
  return (
    <View>
      {block ? (
        <View className='card shuttle__block'>
          <Text>{block.message}</Text>
        </View>
      ) : null}
      <TrainFinder direction={direction} days={days} day={day} />
      <Text className='section-title'>{direction === 'to_station' ? '去徐州东站的班次' : '从徐州东站回社区的班次'}</Text>
      <View className='shuttle__days'>
        <DayStrip days={strip} value={day} now={now} onChange={onDay} label='乘车日期' idPrefix='ride' noteOf={() => '班次'} />
      </View>
      {departures.length === 0 ? (
        <Empty title='这一天没有班次' hint='请换一天看看' />
      ) : (
        departures.map((d) => <DepartureCard key={d.id} d={d} onClick={() => openDeparture(d)} />)
      )}
      <Text className='shuttle__rule muted'>
        {closeMinutes !== null ? `发车前${closeMinutes}分钟截止预约；早班车前一天晚上截止。` : ''}
        满员可排队候补，有人退座时按顺序自动补上并通知您。
      </Text>
    </View>
  )
}

/**
 * 赶火车: the train's time at 徐州东站 (its departure, or coming home its arrival) and its number; the server
 * suggests the departures that fit, latest first.
 */
function TrainFinder({ direction, days, day }: { direction: Direction; days: string[]; day: string }) {
  const toStation = direction === 'to_station'
  const [trainDay, setTrainDay] = useState(day)
  const [time, setTime] = useState('')
  const [trainNo, setTrainNo] = useState('')
  const [found, setFound] = useState<{ trainAt: string; marginMinutes: number; departures: DepartureOut[] } | null>(null)
  const m = useMutation()
  const now = useMemo(() => new Date(), [])
  const strip = days.map((d) => ({ day: d, closed: false, closedReason: null, left: 0 }))

  const find = async () => {
    const hhmm = readClock(time)
    if (!hhmm) {
      const said = toStation ? '请填写火车开车时间，如 09:12' : '请填写火车到站时间，如 18:40'
      m.setErrors({ trainAt: said })
      return toast(said)
    }
    const trainAt = atLocal(trainDay, hhmm)
    const r = await m.run(() => call('shuttle', 'suggest', { direction, trainAt }), { key: 'suggest' })
    if (r) setFound({ trainAt, ...r })
  }

  return (
    <View className='card shuttle__train'>
      <Text className='shuttle__train-title'>{toStation ? '赶火车' : '坐火车回来'}</Text>
      <Text className='muted'>{toStation ? '填上火车在徐州东站的开车时间，为您找能赶上的班车。' : '填上火车到达徐州东站的时间，为您找回社区的班车。'}</Text>
      <Text className='form-label shuttle__label'>火车日期</Text>
      <DayStrip days={strip} value={trainDay} now={now} onChange={(d) => setTrainDay(d)} label='火车日期' idPrefix='train' noteOf={() => '火车'} />
      <View className='shuttle__train-row'>
        <View className='shuttle__train-field'>
          <Text className='form-label shuttle__label'>{toStation ? '开车时间' : '到站时间'}</Text>
          <Input
            className='form-input shuttle__train-time'
            value={time}
            placeholder={toStation ? '如 09:12' : '如 18:40'}
            maxLength={6}
            onChange={(v: string) => {
              setTime(v)
              m.clear('trainAt')
            }}
            onConfirm={() => void find()}
          />
        </View>
        <View className='shuttle__train-field'>
          <Text className='form-label shuttle__label'>车次（可不填）</Text>
          <Input className='form-input shuttle__train-no' value={trainNo} placeholder='如 G1234' maxLength={6} onChange={(v: string) => setTrainNo(v)} />
        </View>
      </View>
      <FieldError error={m.errors.trainAt} />
      <Button className='shuttle__find' type='primary' block loading={m.pending === 'suggest'} onClick={() => void find()}>
        查找合适的班车
      </Button>
      {found ? (
        <View className='shuttle__found'>
          {found.departures.length === 0 ? (
            <Text className='shuttle__none'>{toStation ? `没有能提前${found.marginMinutes}分钟到站的班车，请提早出发或选择其他交通方式。` : '火车到站后暂无可乘的班车。'}</Text>
          ) : (
            <>
              <Text className='muted'>{toStation ? `按火车开车前${found.marginMinutes}分钟到站推荐：` : `按火车到站${found.marginMinutes}分钟后发车推荐：`}</Text>
              {found.departures.map((d, i) => (
                <DepartureCard
                  key={d.id}
                  d={d}
                  label={toStation ? (i === 0 ? '推荐 · 最晚一班' : '更稳妥 · 早一班') : i === 0 ? '推荐 · 最近一班' : '下一班'}
                  onClick={() => openDeparture(d, { trainNo: trainNo.trim() || undefined, trainAt: found.trainAt })}
                />
              ))}
            </>
          )}
        </View>
      ) : null}
    </View>
  )
}
