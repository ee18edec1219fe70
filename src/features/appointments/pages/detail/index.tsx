import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@common/time'
import type { BookingDetail } from '@server/features/appointments/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { QrCode } from '@/core/ui/QrCode'
import { Async } from '@/core/ui/StateView'
import { ChangeButtons } from '../../components/ResidentBookingActions'
import { CancelPanel, RevealIdCard, StaffButtons, TicketPanel } from '../../components/StaffBookingActions'
import { StatusTag } from '../../components/StatusTag'
import { OUTCOME_LABELS, slotText } from '../../labels'
import { useAppointments } from '../../store'
import './index.scss'
import { groupCode } from '@common/codes'

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

function Detail({ b }: { b: BookingDetail }) {
  const [panel, setPanel] = useState<Panel>(null)
  const live = b.status === 'booked' || b.status === 'checked_in'
  const staffView = b.can.checkIn || b.can.finish || b.can.recordTicket
  const close = () => setPanel(null)

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
            <Text className='appt-detail__code-text'>{groupCode(b.code)}</Text>
            <Text className='muted'>到窗口出示二维码或报预约码</Text>
          </View>
        ) : (
          <Text className='muted appt-detail__code-past'>预约码 {b.code}</Text>
        )}
        {b.resident ? (
          <View className='appt-detail__resident'>
            <Text className='words'>{b.resident.name} · {b.resident.address}</Text>
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
              {b.can.revealIdCard && !p.purged ? <RevealIdCard b={b} passenger={p} /> : null}
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

      {panel === 'cancel' ? <CancelPanel b={b} onClose={close} /> : null}
      {panel === 'ticket' ? <TicketPanel b={b} onClose={close} /> : null}

      {panel === null ? (
        <View className='actions'>
          <StaffButtons b={b} onTicket={() => setPanel('ticket')} />
          <ChangeButtons b={b} staffView={staffView} onCancelForResident={() => setPanel('cancel')} />
        </View>
      ) : null}
    </View>
  )
}
