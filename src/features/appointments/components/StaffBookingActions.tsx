// The desk's side of a booking: check in, finish or mark a no-show, record the ticket, cancel with a reason the
// resident is told, and read a passenger's whole ID number. Staff and grid workers see these; residents never do.
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { appointmentsActions, ID_REVEAL_PURPOSES, type BookingDetail } from '@server/features/appointments/actions'
import { useMutation } from '@/core/mutation'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { useAppointments } from '../store'

/** The window's buttons, in the order the visit goes: 签到, then 办结 or 未到场, then the ticket. */
export function StaffButtons({ b, onTicket }: { b: BookingDetail; onTicket: () => void }) {
  const m = useMutation({ invalidate: [useAppointments] })
  const finish = (outcome: 'done' | 'no_show') => m.send(appointmentsActions, 'finish', { id: b.id, outcome }, { success: outcome === 'done' ? '已办结' : '已记为未到场' })
  return (
    <>
      {b.can.checkIn ? (
        <Button type='primary' size='large' block loading={m.busy} onClick={() => void m.send(appointmentsActions, 'checkIn', { code: b.code }, { success: '已签到' })}>
          签到
        </Button>
      ) : null}
      {b.can.finish ? (
        <View className='appt-detail__two'>
          <Button type='primary' fill='outline' size='large' onClick={() => void finish('done')}>
            办结
          </Button>
          {b.status === 'booked' ? (
            <Button size='large' onClick={() => void finish('no_show')}>
              未到场
            </Button>
          ) : null}
        </View>
      ) : null}
      {b.can.recordTicket ? (
        <Button type='primary' fill='outline' size='large' block onClick={onTicket}>
          {b.trip?.outcome ? '修改出票结果' : '记录出票结果'}
        </Button>
      ) : null}
    </>
  )
}

/** Cancelling for a resident: the reason goes into the notice they receive. */
export function CancelPanel({ b, onClose }: { b: BookingDetail; onClose: () => void }) {
  const [reason, setReason] = useState('')
  const m = useMutation({ invalidate: [useAppointments] })
  const cancel = async () => {
    const r = await m.send(appointmentsActions, 'cancel', { id: b.id, reason: reason || undefined }, { success: '已取消' })
    if (r) onClose()
  }
  return (
    <View className='card'>
      <Text className='appt-detail__label'>取消原因（会告知居民）</Text>
      <Input className='form-input appt-detail__input' value={reason} placeholder='如：窗口设备检修' maxLength={100} onChange={(v: string) => setReason(v)} />
      <FieldError error={m.errors.reason} />
      <View className='appt-detail__panel-actions'>
        <Button onClick={onClose}>返回</Button>
        <Button type='primary' loading={m.busy} onClick={() => void cancel()}>
          确认取消
        </Button>
      </View>
    </View>
  )
}

const OUTCOMES = [
  { value: 'issued' as const, label: '已出票' },
  { value: 'unavailable' as const, label: '未购得' },
]

/** 车票代购's result: the train or the reason none was bought; the resident is told either way. */
export function TicketPanel({ b, onClose }: { b: BookingDetail; onClose: () => void }) {
  const [outcome, setOutcome] = useState<'issued' | 'unavailable' | null>(null)
  const [text, setText] = useState('')
  const m = useMutation({ invalidate: [useAppointments] })
  const save = async () => {
    const r = await m.send(appointmentsActions, 'recordTicket', { id: b.id, outcome: outcome ?? undefined, text }, { success: '已记录，居民会收到通知' })
    if (r) onClose()
  }
  return (
    <View className='card'>
      <Text className='appt-detail__label'>出票结果</Text>
      <Chips label='出票结果' columns={2} options={OUTCOMES} value={outcome} onChange={(o) => setOutcome(o)} />
      <FieldError error={m.errors.outcome} />
      <Input
        className='form-input appt-detail__input appt-detail__ticket-text'
        value={text}
        placeholder={outcome === 'unavailable' ? '说明原因和建议，如：当日已售罄，可改次日' : '车次、日期、时间、座位，如：G1234 12月5日 08:15 二等座'}
        maxLength={200}
        onChange={(v: string) => setText(v)}
      />
      <FieldError error={m.errors.text} />
      <View className='appt-detail__panel-actions'>
        <Button onClick={onClose}>返回</Button>
        <Button type='primary' loading={m.busy} onClick={() => void save()}>
          保存并通知居民
        </Button>
      </View>
    </View>
  )
}

/** One passenger's whole ID number, fetched only on the tap; the server records every look. */
export function RevealIdCard({ b, passenger }: { b: BookingDetail; passenger: { id: number; name: string } }) {
  const m = useMutation()
  const reveal = async () => {
    // Why it is opened is recorded with the look, and shown to the resident in their data export.
    const chosen = await Taro.showActionSheet({ alertText: '查看身份证号的用途', itemList: [...ID_REVEAL_PURPOSES] }).catch(() => null)
    if (!chosen) return
    const r = await m.send(appointmentsActions, 'revealIdCard', { id: b.id, passengerId: passenger.id, purpose: ID_REVEAL_PURPOSES[chosen.tapIndex] })
    if (!r) return
    await Taro.showModal({ title: `${passenger.name} 的身份证号`, content: `${r.idCard}\n（本次查看已记录）`, showCancel: false, confirmText: '知道了' })
  }
  return (
    <Button size='small' fill='outline' onClick={() => void reveal()}>
      查看
    </Button>
  )
}
