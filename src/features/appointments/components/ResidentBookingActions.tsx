// The resident's side of a booking: move it or cancel it before the cut-off. Staff may do both for them; their
// cancelling asks for a reason instead of a confirmation (StaffBookingActions' CancelPanel).
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { appointmentsActions, type BookingDetail } from '@server/features/appointments/actions'
import { linkTo } from '@/core/routes'
import { useMutation } from '@/core/mutation'
import { slotText } from '../labels'
import { useAppointments } from '../store'

export function ChangeButtons({ b, staffView, onCancelForResident }: { b: BookingDetail; staffView: boolean; onCancelForResident: () => void }) {
  const m = useMutation({ invalidate: [useAppointments] })
  const confirm = async () => {
    const ok = await Taro.showModal({ title: '取消预约', content: `确定取消${slotText(b.startsAt)}的「${b.serviceName}」吗？`, confirmText: '取消预约', cancelText: '再想想' })
    return ok.confirm
  }
  // The resident's own booking: one confirmation is enough.
  const cancelOwn = () => m.send(appointmentsActions, 'cancel', { id: b.id }, { confirm, success: '已取消' })
  return (
    <>
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
        <Button size='large' block onClick={() => (b.resident ? onCancelForResident() : void cancelOwn())}>
          取消预约
        </Button>
      ) : null}
    </>
  )
}
