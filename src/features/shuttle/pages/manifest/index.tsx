import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { shuttleActions, type ManifestOut, type ManifestRider } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { canScan, scanCode } from '@/core/scan'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { isStaff } from '@/core/session'
import { control } from '@/core/ui/a11y'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Counts } from '@/core/ui/Counts'
import { Async } from '@/core/ui/StateView'
import { RunPanel } from '../../components/RunPanel'
import { DIRECTION_LABELS, RIDER_LABELS, STATUS_LABELS, STATUS_TONES, clock, runText } from '../../labels'
import { useShuttle } from '../../store'
import '../../components/departure-card.scss'
import './index.scss'


/**
 * At the bus door, on a phone held in one hand: the passengers by stop, one tap each to board, a code scanned or
 * typed for a whole party, and 发车 at the end. Staff can also change or cancel the run from here.
 */
export default function ManifestPage() {
  const id = Number(useRouter().params.id)
  const version = useShuttle((s) => s.version)
  const q = useQuery(() => call('shuttle', 'manifest', { departureId: id }), [id, version])
  return (
    <Page className='manifest'>
      <SignedIn>{(me) => <Async q={q}>{(m) => <Manifest m={m} staff={isStaff(me)} />}</Async>}</SignedIn>
    </Page>
  )
}

function Manifest({ m: initial, staff }: { m: ManifestOut; staff: boolean }) {
  const [m, setM] = useState(initial)
  useEffect(() => setM(initial), [initial])
  const [code, setCode] = useState('')
  const [panel, setPanel] = useState(false)
  const form = useMutation({ invalidate: [useShuttle] })
  const d = m.departure
  const departed = d.state === 'departed'

  const checkIn = async (raw: string) => {
    const r = await form.send(shuttleActions, 'checkIn', { departureId: d.id, code: raw }, { key: 'code', success: '核验通过，已上车' })
    if (r) {
      setM(r)
      setCode('')
    }
  }
  const scan = async () => {
    const read = await scanCode()
    if (read !== null) await checkIn(read)
  }
  const toggle = async (r: ManifestRider) => {
    const next = await form.send(shuttleActions, 'board', { departureId: d.id, riderId: r.id, boarded: r.state !== 'boarded' }, { key: `rider-${r.id}` })
    if (next) setM(next)
  }
  const depart = async () => {
    const left = m.counts.booked - m.counts.boarded
    const next = await form.send(shuttleActions, 'depart', { departureId: d.id }, {
      key: 'depart',
      confirm: async () =>
        (await Taro.showModal({ title: '确认发车', content: left > 0 ? `还有${left}人未上车，发车后记为未乘车。确定发车吗？` : '乘客已全部上车，确定发车吗？', confirmText: '发车', cancelText: '再等等' }))
          .confirm,
      success: '已发车',
    })
    if (next) setM(next)
  }

  return (
    <View>
      <View className='card manifest__head'>
        <View className='manifest__row'>
          <Text className='manifest__time'>{clock(d.departsAt)}</Text>
          <Text className={`tag departure-tag tag--${STATUS_TONES[d.status]}`}>{departed ? '已发车' : d.state === 'cancelled' ? '已取消' : STATUS_LABELS[d.status]}</Text>
        </View>
        <Text className='manifest__line'>
          {runText(d.departsAt)} · {DIRECTION_LABELS[d.direction]}
        </Text>
        <Text className='muted'>{d.driverName ? `司机 ${d.driverName}` : '未安排司机'}</Text>
        <Counts
          items={[
            { n: m.counts.boarded, label: '已上车', tone: 'ok' },
            { n: m.counts.booked, label: '预约' },
            { n: d.seats, label: '座位' },
            departed ? { n: m.counts.noShow, label: '未乘车', tone: 'warn' } : { n: m.counts.waiting, label: '候补' },
          ]}
        />
      </View>

      {m.can.checkIn ? (
        <View className='card manifest__checkin'>
          <Text className='manifest__label'>核验乘车码</Text>
          <View className='manifest__code-row'>
            <Input
              className='manifest__code'
              value={code}
              placeholder='输入8位乘车码'
              maxLength={10}
              onChange={(v: string) => (setCode(v), form.clear('code'))}
              onConfirm={() => void checkIn(code)}
            />
            <Button type='primary' loading={form.pending === 'code'} onClick={() => void checkIn(code)}>
              核验
            </Button>
          </View>
          <FieldError error={form.errors.code} />
          {canScan ? (
            <Button className='manifest__scan' type='primary' fill='outline' size='large' block onClick={() => void scan()}>
              扫码核验
            </Button>
          ) : null}
        </View>
      ) : null}

      {m.stops.length === 0 ? <Text className='manifest__empty muted'>本班次还没有乘客预约</Text> : null}
      {m.stops.map((s) => (
        <View key={s.stop.id}>
          <Text className='section-title'>
            {s.stop.name} · {clock(s.stop.at)} · {s.riders.length}人
          </Text>
          <View className='manifest__riders'>
            {s.riders.map((r) => (
              <View
                key={r.id}
                className={`manifest__rider manifest__rider--${r.state}`}
                {...control('checkbox', () => void toggle(r), { checked: r.state === 'boarded', disabled: !m.can.checkIn })}
              >
                <View className='manifest__rider-main'>
                  <Text className='manifest__rider-name'>{r.name}</Text>
                  <Text className='manifest__rider-meta'>
                    {r.relation} · 码 {r.code.slice(-4)}
                    {r.trainNo ? ` · ${r.trainNo}` : ''}
                    {r.trainAt ? ` ${clock(r.trainAt)}` : ''}
                  </Text>
                </View>
                <Text className='manifest__rider-state'>{r.state === 'boarded' ? `✓ ${RIDER_LABELS.boarded}` : RIDER_LABELS[r.state]}</Text>
              </View>
            ))}
          </View>
        </View>
      ))}

      {panel ? <RunPanel m={m} onDone={() => setPanel(false)} /> : null}

      {!panel ? (
        <View className='actions'>
          {m.can.depart ? (
            <Button className='manifest__depart' type='primary' size='large' block loading={form.pending === 'depart'} onClick={() => void depart()}>
              发车（{m.counts.boarded}/{m.counts.booked}人已上车）
            </Button>
          ) : null}
          {staff && d.state === 'scheduled' ? (
            <Button fill='outline' size='large' block onClick={() => setPanel(true)}>
              调整或取消本班次
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
