import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { localDay, startOfLocalDay } from '@common/time'
import { appointmentsActions, type BookingDetail } from '@server/features/appointments/actions'
import { control } from '@/core/ui/a11y'
import { call } from '@/core/api'
import { canScan, scanCode } from '@/core/scan'
import { useQuery } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { useMutation } from '@/core/mutation'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { BookingCard } from '../../components/BookingCard'
import { StatusTag } from '../../components/StatusTag'
import { OUTCOME_LABELS, dayName, slotText } from '../../labels'
import { useAppointments } from '../../store'
import './index.scss'

const DAY_MS = 86_400_000

/** The window's day: check people in by their code, see each slot's list, open a booking to finish it. */
export default function DeskPage() {
  return (
    <Page className='appt-desk'>
      <SignedIn>{() => <Desk />}</SignedIn>
    </Page>
  )
}

function Desk() {
  const version = useAppointments((s) => s.version)
  const services = useQuery(() => call('appointments', 'services', {}), [])
  const attention = useQuery(() => call('appointments', 'attention', {}), [version], { pullToRefresh: false })
  const [serviceId, setServiceId] = useState<number | null>(null)
  const [day, setDay] = useState(() => localDay(new Date()))
  const [code, setCode] = useState('')
  const [last, setLast] = useState<BookingDetail | null>(null)
  const form = useMutation({ invalidate: [useAppointments] })
  const chosen = serviceId ?? services.data?.[0]?.id ?? null
  const desk = useQuery(() => (chosen ? call('appointments', 'desk', { serviceId: chosen, day }) : Promise.resolve(null)), [chosen, day, version])

  const shift = (days: number) => setDay(localDay(startOfLocalDay(day)!.getTime() + days * DAY_MS))

  const checkIn = async (raw: string) => {
    const r = await form.send(appointmentsActions, 'checkIn', { code: raw }, { success: (b) => `${b.resident?.name ?? ''} 已签到` })
    if (r) {
      setLast(r)
      setCode('')
    }
  }

  const scan = async () => {
    const read = await scanCode()
    if (read !== null) await checkIn(read)
  }

  return (
    <View>
      <View className='card appt-desk__checkin'>
        <Text className='appt-desk__label'>签到</Text>
        <View className='appt-desk__code-row'>
          <Input
            className='appt-desk__code'
            value={code}
            placeholder='输入8位预约码'
            maxLength={10}
            onChange={(v: string) => {
              setCode(v)
              form.clear('code')
            }}
            onConfirm={() => void checkIn(code)}
          />
          <Button type='primary' loading={form.busy} onClick={() => void checkIn(code)}>
            签到
          </Button>
        </View>
        <FieldError error={form.errors.code} />
        {canScan ? (
          <Button className='appt-desk__scan' size='large' block fill='outline' type='primary' onClick={() => void scan()}>
            扫码签到
          </Button>
        ) : null}
        {last ? (
          <View className='appt-desk__last' {...control('link', () => void Taro.navigateTo({ url: linkTo('apptDetail', { id: last.id }) }))}>
            <Text>
              ✓ {last.resident?.name} · {last.serviceName} · {slotText(last.startsAt)}
            </Text>
          </View>
        ) : null}
      </View>

      {attention.data && attention.data.length > 0 ? (
        <View>
          <Text className='section-title appt-desk__attention-title'>需处理：开放安排调整影响的预约（{attention.data.length}）</Text>
          {attention.data.map((b) => (
            <BookingCard key={b.id} b={b} onClick={() => void Taro.navigateTo({ url: linkTo('apptDetail', { id: b.id }) })} />
          ))}
        </View>
      ) : null}

      <Async q={services} isEmpty={(l) => l.length === 0} empty={<Empty title='没有开放的服务项目' />}>
        {(list) => (
          <View className='card'>
            <Chips label='服务项目' columns={2} options={list.map((s) => ({ value: s.id, label: s.name }))} value={chosen} onChange={(id) => setServiceId(id)} />
            <View className='appt-desk__day'>
              <Button size='small' onClick={() => shift(-1)}>
                前一天
              </Button>
              <View className='appt-desk__day-label'>
                <Text>{day}</Text>
                <Text>{dayName(day)}</Text>
              </View>
              <Button size='small' onClick={() => shift(1)}>
                后一天
              </Button>
            </View>
          </View>
        )}
      </Async>

      {chosen ? (
        <Async q={desk}>
          {(d) =>
            d ? (
              <View>
                <Text className='appt-desk__counts'>
                  已预约 {d.counts.booked} · 已签到 {d.counts.checkedIn} · 已办结 {d.counts.done} · 未到 {d.counts.noShow}
                </Text>
                {d.slots.length === 0 ? <Empty title='这一天不开放' /> : null}
                {d.slots.map((s) => (
                  <View key={s.start} className={`card appt-desk__slot ${s.inPlan ? '' : 'appt-desk__slot--gone'}`}>
                    <View className='appt-desk__slot-head'>
                      <Text className='appt-desk__time'>{s.label}</Text>
                      <Text className='muted'>{s.inPlan ? `${s.bookings.filter((b) => b.status !== 'cancelled').length}/${s.places}` : '已不在开放时间内'}</Text>
                    </View>
                    {s.bookings.length === 0 ? <Text className='muted'>暂无预约</Text> : null}
                    {s.bookings.map((b) => (
                      <View key={b.id} className='appt-desk__booking' {...control('link', () => void Taro.navigateTo({ url: linkTo('apptDetail', { id: b.id }) }))}>
                        <View className='appt-desk__who'>
                          <Text className='appt-desk__name'>{b.residentName}</Text>
                          <Text className='muted'>
                            {b.phone} · {b.code}
                            {b.bookedBy ? ` · ${b.bookedBy}` : ''}
                          </Text>
                          {b.trip ? (
                            <Text className='muted'>
                              {b.trip.travelDate} {b.trip.route} · {b.trip.passengers}人{b.trip.outcome ? ` · ${OUTCOME_LABELS[b.trip.outcome]}` : ''}
                            </Text>
                          ) : null}
                        </View>
                        <StatusTag b={{ status: b.status, displaced: b.displaced, ticketOutcome: null }} />
                      </View>
                    ))}
                  </View>
                ))}
              </View>
            ) : (
              <Empty title='请选择服务项目' />
            )
          }
        </Async>
      ) : null}
    </View>
  )
}
