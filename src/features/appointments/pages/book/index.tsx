import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatDate, local } from '@common/time'
import { appointmentsActions, type ServiceOut } from '@server/features/appointments/actions'
import { call } from '@/core/api'
import { useDraft } from '@/core/draft'
import { toast, useQuery } from '@/core/hooks'
import { linkTo, textParam } from '@/core/routes'
import { useSession } from '@/core/session'
import { useMutation } from '@/core/mutation'
import { askFor, usePromptReady } from '@/features/messages/subscribe'
import { DraftBanner } from '@/core/ui/DraftBanner'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { RegisterFirst } from '@/core/ui/RegisterFirst'
import { Async, Empty } from '@/core/ui/StateView'
import { DayStrip } from '@/core/ui/DayStrip'
import { SlotGrid } from '../../components/SlotGrid'
import { TripForm, emptyTrip, withoutIdCards, type TripValues } from '../../components/TripForm'
import { slotText } from '../../labels'
import { useAppointments } from '../../store'
import './index.scss'

/**
 * Pick a day and a slot and book it; for ticket assistance, the trip too. With `reschedule` the same page moves
 * an existing booking; with `for` a grid worker books on a resident's behalf (代办).
 */
export default function BookPage() {
  usePromptReady()
  const params = useRouter().params
  const serviceId = Number(params.serviceId)
  const version = useAppointments((s) => s.version)
  const forId = params.for ? Number(params.for) : undefined
  const info = useQuery(() => call('appointments', 'days', { serviceId, forResidentId: forId }), [serviceId, forId, version])
  return (
    <Page className='appt-book'>
      <SignedIn>
        {() => (
          <Async q={info}>
            {(d) => (
              <Booking
                service={d.service}
                days={d.days}
                block={d.block}
                rescheduleId={params.reschedule ? Number(params.reschedule) : undefined}
                current={textParam(params.current)}
                initialDay={params.day}
                forId={forId}
                forName={textParam(params.forName)}
              />
            )}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}

interface BookingProps {
  service: ServiceOut
  days: { day: string; closed: boolean; closedReason: string | null; left: number }[]
  block: { until: string; noShows: number } | null
  rescheduleId?: number
  current?: string
  initialDay?: string
  forId?: number
  forName?: string
}

function Booking({ service, days, block, rescheduleId, current, initialDay, forId, forName }: BookingProps) {
  const me = useSession((s) => s.me)
  const version = useAppointments((s) => s.version)
  const now = useMemo(() => new Date(), [])
  const firstOpen = days.find((d) => !d.closed && d.left > 0)?.day ?? days.find((d) => !d.closed)?.day ?? null
  const [day, setDay] = useState<string | null>(days.some((d) => d.day === initialDay && !d.closed) ? initialDay! : firstOpen)
  const draft = useDraft(
    `draft.appt.${service.id}.${me?.id ?? 0}.${forId ?? 'self'}`,
    () => ({ start: null as string | null, trip: emptyTrip(forId ? (forName ?? '') : (me?.name ?? '')) }),
    (v) => ({ ...v, trip: withoutIdCards(v.trip) }),
  )
  const form = useMutation({ invalidate: [useAppointments] })
  // 常用乘车人 to pick passengers' names from; ticket assistance only, and only for oneself (代办 has the resident's own).
  const companions = useQuery(() => (service.kind === 'ticket' && !forId && rescheduleId === undefined ? call('account', 'companions', {}) : Promise.resolve([])), [service.id, forId], { pullToRefresh: false })
  const slots = useQuery(() => (day ? call('appointments', 'slots', { serviceId: service.id, day }) : Promise.resolve([])), [service.id, day, version], { pullToRefresh: false })
  const start = draft.value.start
  const ticket = service.kind === 'ticket' && rescheduleId === undefined

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: rescheduleId ? '改约' : service.name })
  }, [service.name, rescheduleId])

  const changeTrip = (patch: Partial<TripValues>) => {
    draft.update({ trip: { ...draft.value.trip, ...patch } })
    form.clear(...Object.keys(patch).map((k) => `trip.${k}`), 'trip')
  }

  const confirm = async () => {
    askFor(['appointment_reminder', 'appointment'])
    if (!start) return toast('请先选择时段')
    if (rescheduleId !== undefined) {
      const moved = await form.send(appointmentsActions, 'reschedule', { id: rescheduleId, start }, { success: '已改约' })
      if (moved) {
        void Taro.redirectTo({ url: linkTo('apptDetail', { id: moved.id }) })
      }
      return
    }
    const t = draft.value.trip
    const raw = {
      serviceId: service.id,
      start,
      forResidentId: forId,
      trip: ticket ? { travelDate: t.travelDate ?? undefined, from: t.from, to: t.to, preference: t.preference || undefined, passengers: t.passengers, idCardConsent: t.idCardConsent || undefined } : undefined,
    }
    const booked = await form.send(appointmentsActions, 'book', raw, { idempotencyKey: draft.idempotencyKey(), success: '预约成功' })
    if (booked) {
      draft.clear()
      void Taro.redirectTo({ url: linkTo('apptDetail', { id: booked.id }) })
    }
  }

  if (!forId && !me?.household) return <RegisterFirst why='登记住户信息后即可预约社区服务。' />

  return (
    <View>
      {rescheduleId === undefined ? <DraftBanner restored={draft.restored} /> : null}
      {forName ? <Text className='appt-book__for'>为 {forName} 代办预约，预约会出现在对方的“我的预约”中</Text> : null}
      {block && rescheduleId === undefined ? (
        <View className='card appt-book__block'>
          <Text>
            {forName ?? '您'}近期有{block.noShows}次预约未到场，{formatDate(block.until)} {local(block.until).format('HH:mm')}前暂停预约。如有特殊情况请联系社区。
          </Text>
        </View>
      ) : null}
      <View className='card'>
        <Text className='appt-book__name'>{service.name}</Text>
        {service.notice ? <Text className='appt-book__notice'>{service.notice}</Text> : null}
        <Text className='appt-book__desc'>{service.description}</Text>
        <Text className='appt-book__label'>请携带</Text>
        {service.checklist.map((c) => (
          <Text key={c} className='appt-book__check'>
            ☐ {c}
          </Text>
        ))}
      </View>

      <Text className='section-title'>选择日期</Text>
      <View className='appt-book__days'>
        <DayStrip days={days} value={day} now={now} onChange={(d) => setDay(d)} />
      </View>

      <Text className='section-title'>选择时段</Text>
      <View className='card'>
        {day ? (
          <Async q={slots} isEmpty={(l) => l.length === 0} empty={<Empty title='这一天没有开放的时段' hint='请换一天' />}>
            {(list) => (
              <SlotGrid
                slots={list}
                value={start}
                current={current}
                onChange={(s) => {
                  draft.update({ start: s })
                  form.clear('start')
                }}
              />
            )}
          </Async>
        ) : (
          <Empty title={`近${service.bookAheadDays}天没有开放的时段`} hint='请过几天再来看看，或拨打社区服务热线' />
        )}
        <FieldError error={form.errors.start} />
      </View>

      {ticket ? <TripForm value={draft.value.trip} onChange={changeTrip} errors={form.errors} now={now} companions={companions.data ?? []} /> : null}
      <FieldError error={form.errors.trip} className='appt-book__error' />

      <View className='actions'>
        <Text className='appt-book__summary'>{start ? `${rescheduleId ? '改约到' : '预约'}：${slotText(start)}` : '请选择时段'}</Text>
        <Button type='primary' size='large' block loading={form.busy} disabled={!start || (!!block && rescheduleId === undefined)} onClick={() => void confirm()}>
          {rescheduleId ? '确认改约' : '确认预约'}
        </Button>
        <Text className='muted'>开始前{service.cancelCutoffMinutes >= 60 ? `${service.cancelCutoffMinutes / 60}小时` : `${service.cancelCutoffMinutes}分钟`}可在“我的预约”中取消或改约</Text>
      </View>
    </View>
  )
}
