import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { z } from 'zod'
import { Button, Input } from '@nutui/nutui-react-taro'
import { formatDateTime } from '@common/time'
import type { BookingDetail } from '@server/features/appointments/actions'
import { call, messageOf } from '@/core/api'
import { toast, useQuery } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { useSubmit } from '@/core/submit'
import { Chips } from '@/core/ui/Chips'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { QrCode } from '@/core/ui/QrCode'
import { Async } from '@/core/ui/StateView'
import { StatusTag } from '../../components/StatusTag'
import { OUTCOME_LABELS, slotText } from '../../labels'
import { useAppointments } from '../../store'
import './index.scss'

export default function BookingDetailPage() {
  const id = Number(useRouter().params.id)
  const version = useAppointments((s) => s.version)
  const q = useQuery(() => call('appointments', 'get', { id }), [id, version])
  return (
    <Page className='appt-detail'>
      <SignedIn>{() => <Async q={q}>{(b) => <Detail b={b} />}</Async>}</SignedIn>
    </Page>
  )
}

type Panel = 'cancel' | 'ticket' | null

const cancelForm = z.object({ reason: z.string().trim().max(100, '取消原因不能超过100个字').optional() })
const ticketForm = z.object({
  outcome: z.enum(['issued', 'unavailable'], { error: '请选择出票结果' }),
  text: z.string({ error: '请填写出票说明' }).trim().min(2, '出票说明至少2个字').max(200, '出票说明不能超过200个字'),
})

async function revealIdCard(id: number, passengerId: number, name: string) {
  try {
    const { idCard } = await call('appointments', 'revealIdCard', { id, passengerId })
    await Taro.showModal({ title: `${name} 的身份证号`, content: `${idCard}\n（本次查看已记录）`, showCancel: false, confirmText: '知道了' })
  } catch (err) {
    toast(messageOf(err))
  }
}

function Detail({ b }: { b: BookingDetail }) {
  const [panel, setPanel] = useState<Panel>(null)
  const [reason, setReason] = useState('')
  const [outcome, setOutcome] = useState<'issued' | 'unavailable' | null>(null)
  const [ticketText, setTicketText] = useState('')
  const form = useSubmit()
  const live = b.status === 'booked' || b.status === 'checked_in'
  const staffView = b.can.checkIn || b.can.finish || b.can.recordTicket

  const done = (message: string) => {
    useAppointments.getState().changed()
    setPanel(null)
    toast(message, 'success')
  }

  const cancel = async () => {
    if (!b.resident) {
      // The resident's own booking: one confirmation is enough.
      const ok = await Taro.showModal({ title: '取消预约', content: `确定取消${slotText(b.startsAt)}的「${b.serviceName}」吗？`, confirmText: '取消预约', cancelText: '再想想' })
      if (!ok.confirm) return
    }
    const r = await form.submit(cancelForm, { reason: reason || undefined }, (d) => call('appointments', 'cancel', { id: b.id, reason: d.reason }))
    if (r) done('已取消')
  }

  const act = async (run: () => Promise<BookingDetail>, message: string) => {
    const r = await form.submit(z.object({}), {}, run)
    if (r) done(message)
  }

  return (
    <View>
      <View className='card appt-detail__head'>
        <View className='appt-detail__row'>
          <Text className='appt-detail__service'>{b.serviceName}</Text>
          <StatusTag b={b} />
        </View>
        <Text className='appt-detail__when'>{slotText(b.startsAt, b.endsAt)}</Text>
        {b.bookedBy ? <Text className='muted'>{b.bookedBy}</Text> : null}
        {b.displaced ? <Text className='appt-detail__warn'>社区调整了开放安排，这个时段已不开放。请改约或取消，工作人员也会与您联系。</Text> : null}
        {live ? (
          <View className='appt-detail__code'>
            <QrCode value={b.code} size={200} />
            <Text className='appt-detail__code-text'>{b.code.slice(0, 4)} {b.code.slice(4)}</Text>
            <Text className='muted'>到窗口出示二维码或报预约码</Text>
          </View>
        ) : (
          <Text className='muted appt-detail__code-past'>预约码 {b.code}</Text>
        )}
        {b.resident ? (
          <View className='appt-detail__resident'>
            <Text>{b.resident.name} · {b.resident.address}</Text>
            <Text className='muted'>{b.resident.phone}</Text>
          </View>
        ) : null}
      </View>

      {b.trip ? (
        <View className='card appt-detail__trip'>
          <Text className='appt-detail__label'>出行信息</Text>
          <Text>{b.trip.travelDate} · {b.trip.from} → {b.trip.to}</Text>
          {b.trip.preference ? <Text className='muted'>偏好：{b.trip.preference}</Text> : null}
          {b.trip.passengers.map((p) => (
            <View key={p.id} className='appt-detail__passenger'>
              <Text>{p.name}  {p.idCard}{p.purged ? '（已删除）' : ''}</Text>
              {b.can.revealIdCard && !p.purged ? (
                <Button size='small' fill='outline' onClick={() => void revealIdCard(b.id, p.id, p.name)}>
                  查看
                </Button>
              ) : null}
            </View>
          ))}
          {b.trip.outcome ? (
            <View className={`appt-detail__outcome appt-detail__outcome--${b.trip.outcome}`}>
              <Text className='appt-detail__outcome-title'>{OUTCOME_LABELS[b.trip.outcome]}</Text>
              <Text>{b.trip.outcomeText}</Text>
              {b.trip.outcomeAt ? <Text className='muted'>{formatDateTime(b.trip.outcomeAt)}</Text> : null}
            </View>
          ) : (
            <Text className='muted'>工作人员购票后会通知您结果</Text>
          )}
        </View>
      ) : null}

      <View className='card'>
        <Text className='appt-detail__label'>请携带</Text>
        {b.notice ? <Text className='appt-detail__notice'>{b.notice}</Text> : null}
        {b.checklist.map((c) => (
          <Text key={c} className='appt-detail__check'>
            ☐ {c}
          </Text>
        ))}
      </View>

      <View className='card appt-detail__log'>
        <Text>预约于 {formatDateTime(b.createdAt)}</Text>
        {b.checkedInAt ? <Text>签到 {formatDateTime(b.checkedInAt)}</Text> : null}
        {b.finishedAt ? <Text>{b.status === 'no_show' ? '记为未到场' : '办结'} {formatDateTime(b.finishedAt)}</Text> : null}
        {b.cancelledAt ? <Text>取消 {formatDateTime(b.cancelledAt)}{b.cancelReason ? `：${b.cancelReason}` : ''}</Text> : null}
        {b.status === 'booked' && !staffView ? (
          <Text className='muted'>
            {!b.can.cancel ? '已过取消截止时间，如需变更请联系社区' : `${formatDateTime(b.displaced ? b.startsAt : b.changeUntil)}前可取消或改约`}
          </Text>
        ) : null}
      </View>

      {panel === 'cancel' ? (
        <View className='card'>
          <Text className='appt-detail__label'>取消原因（会告知居民）</Text>
          <Input className='appt-detail__input' value={reason} placeholder='如：窗口设备检修' maxLength={100} onChange={(v: string) => setReason(v)} />
          {form.errors.reason ? <Text className='field-error'>{form.errors.reason}</Text> : null}
          <View className='appt-detail__panel-actions'>
            <Button onClick={() => setPanel(null)}>返回</Button>
            <Button type='primary' loading={form.busy} onClick={() => void cancel()}>
              确认取消
            </Button>
          </View>
        </View>
      ) : null}

      {panel === 'ticket' ? (
        <View className='card'>
          <Text className='appt-detail__label'>出票结果</Text>
          <Chips label='出票结果' columns={2} options={[{ value: 'issued', label: '已出票' }, { value: 'unavailable', label: '未购得' }]} value={outcome} onChange={(o) => setOutcome(o)} />
          {form.errors.outcome ? <Text className='field-error'>{form.errors.outcome}</Text> : null}
          <Input
            className='appt-detail__input appt-detail__ticket-text'
            value={ticketText}
            placeholder={outcome === 'unavailable' ? '说明原因和建议，如：当日已售罄，可改次日' : '车次、日期、时间、座位，如：G1234 12月5日 08:15 二等座'}
            maxLength={200}
            onChange={(v: string) => setTicketText(v)}
          />
          {form.errors.text ? <Text className='field-error'>{form.errors.text}</Text> : null}
          <View className='appt-detail__panel-actions'>
            <Button onClick={() => setPanel(null)}>返回</Button>
            <Button
              type='primary'
              loading={form.busy}
              onClick={() =>
                void form
                  .submit(ticketForm, { outcome: outcome ?? undefined, text: ticketText }, (d) => call('appointments', 'recordTicket', { id: b.id, ...d }))
                  .then((r) => r && done('已记录，居民会收到通知'))
              }
            >
              保存并通知居民
            </Button>
          </View>
        </View>
      ) : null}

      {panel === null ? (
        <View className='actions'>
          {b.can.checkIn ? (
            <Button type='primary' size='large' block loading={form.busy} onClick={() => void act(() => call('appointments', 'checkIn', { code: b.code }), '已签到')}>
              签到
            </Button>
          ) : null}
          {b.can.finish ? (
            <View className='appt-detail__two'>
              <Button type='primary' fill='outline' size='large' onClick={() => void act(() => call('appointments', 'finish', { id: b.id, outcome: 'done' }), '已办结')}>
                办结
              </Button>
              {b.status === 'booked' ? (
                <Button size='large' onClick={() => void act(() => call('appointments', 'finish', { id: b.id, outcome: 'no_show' }), '已记为未到场')}>
                  未到场
                </Button>
              ) : null}
            </View>
          ) : null}
          {b.can.recordTicket ? (
            <Button type='primary' fill='outline' size='large' block onClick={() => setPanel('ticket')}>
              {b.trip?.outcome ? '修改出票结果' : '记录出票结果'}
            </Button>
          ) : null}
          {b.can.reschedule ? (
            <Button
              type='primary'
              fill={staffView ? 'outline' : 'solid'}
              size='large'
              block
              onClick={() => void Taro.navigateTo({ url: linkTo('apptBook', { serviceId: b.serviceId, reschedule: b.id, current: b.startsAt, day: b.day }) })}
            >
              改约
            </Button>
          ) : null}
          {b.can.cancel ? (
            <Button size='large' block onClick={() => (b.resident ? setPanel('cancel') : void cancel())}>
              取消预约
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
