import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { shuttleActions, type ManifestOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { useShuttle } from '../store'
import { clock } from '../labels'
import './run-panel.scss'

/**
 * Staff change one departure: its time, seats or driver (everyone booked and waiting is told, with the nearest
 * runs that have seats), or cancel it with a reason.
 */
export function RunPanel({ m: manifest, onDone }: { m: ManifestOut; onDone: () => void }) {
  const d = manifest.departure
  const drivers = useQuery(() => call('shuttle', 'drivers', {}), [], { pullToRefresh: false })
  const [mode, setMode] = useState<'change' | 'cancel'>('change')
  const [departs, setDeparts] = useState(clock(d.departsAt))
  const [seats, setSeats] = useState(String(d.seats))
  const [driverId, setDriverId] = useState<number | null | undefined>(undefined)
  const [note, setNote] = useState('')
  const form = useMutation({ invalidate: [useShuttle] })

  const change = async () => {
    const done = await form.send(shuttleActions, 'changeDeparture', { id: d.id, departs, seats: Number(seats), driverId, note: note.trim() || undefined }, { key: 'change', success: '已调整，已通知乘客' })
    if (done) onDone()
  }
  const cancel = async () => {
    const done = await form.send(shuttleActions, 'cancelDeparture', { id: d.id, note }, { key: 'cancel', success: '已取消班次，已通知乘客' })
    if (done) onDone()
  }

  return (
    <View className='card run-panel'>
      <Chips
        label='调整方式'
        columns={2}
        options={[
          { value: 'change', label: '调整时间或座位' },
          { value: 'cancel', label: '取消本班次' },
        ]}
        value={mode}
        onChange={(v) => (setMode(v), form.clear())}
      />
      {mode === 'change' ? (
        <View>
          <Text className='form-label'>发车时间</Text>
          <Input className='form-input run-panel__departs' value={departs} placeholder='如 07:10' maxLength={5} onChange={(v: string) => (setDeparts(v), form.clear('departs'))} />
          <FieldError error={form.errors.departs} />
          <Text className='form-label'>座位数</Text>
          <Input className='form-input run-panel__seats' type='number' value={seats} maxLength={2} onChange={(v: string) => (setSeats(v), form.clear('seats'))} />
          <FieldError error={form.errors.seats} />
          <Text className='form-label'>司机（当前：{d.driverName ?? '未安排'}）</Text>
          {drivers.data ? (
            <Chips
              label='司机'
              columns={3}
              options={[{ value: 0, label: '不变' }, ...drivers.data.map((x) => ({ value: x.id, label: x.name }))]}
              value={driverId ?? 0}
              onChange={(v) => setDriverId(v === 0 ? undefined : v)}
            />
          ) : null}
          <Text className='form-label'>调整说明（会发给乘客，可不填）</Text>
          <Input className='form-input run-panel__note' value={note} placeholder='如：道路施工，提前10分钟发车' maxLength={60} onChange={(v: string) => (setNote(v), form.clear('note'))} />
          <FieldError error={form.errors.note} />
          <Button className='run-panel__go' type='primary' block loading={form.pending === 'change'} onClick={() => void change()}>
            保存并通知乘客
          </Button>
        </View>
      ) : (
        <View>
          <Text className='run-panel__warn'>
            取消后，已预约的{manifest.counts.booked}位乘客和候补的{manifest.counts.waiting}个座位都会收到通知，可一键改乘附近的班次。
          </Text>
          <Text className='form-label'>取消原因（会发给乘客）</Text>
          <Input className='form-input run-panel__reason' value={note} placeholder='如：春节假期停运' maxLength={60} onChange={(v: string) => (setNote(v), form.clear('note'))} />
          <FieldError error={form.errors.note} />
          <Button className='run-panel__go run-panel__cancel' type='primary' block loading={form.pending === 'cancel'} onClick={() => void cancel()}>
            取消本班次并通知乘客
          </Button>
        </View>
      )}
      <Button className='run-panel__back' fill='outline' block onClick={onDone}>
        返回
      </Button>
    </View>
  )
}
