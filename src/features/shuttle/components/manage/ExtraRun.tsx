import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { daysFrom } from '@common/time'
import { shuttleActions, type RouteAdminOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useMutation } from '@/core/mutation'
import { Chips } from '@/core/ui/Chips'
import { DayStrip } from '@/core/ui/DayStrip'
import { FieldError } from '@/core/ui/FieldError'
import { useShuttle } from '../../store'
import { TextField as Field, num } from '@/core/ui/FormField'

/** A one-off departure (春运, a holiday): its day, time, seats, driver and a line residents see. */
export function ExtraRun({ route, drivers }: { route: RouteAdminOut; drivers: { id: number; name: string }[] }) {
  const now = useMemo(() => new Date(), [])
  const days = daysFrom(now, 30).map((d) => ({ day: d, closed: false, closedReason: null, left: 0 }))
  const [v, setV] = useState({ day: days[1]!.day, departs: '', seats: '17', driverId: null as number | null, note: '' })
  const form = useMutation({ invalidate: [useShuttle] })
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch })
  const add = async () => {
    const data = { routeId: route.id, day: v.day, departs: v.departs, seats: num(v.seats), driverId: v.driverId, note: v.note }
    const r = await form.submit(shuttleActions.actions.addRun.input, data, (d) => call('shuttle', 'addRun', d), { key: 'add', success: '已加开' })
    if (r) set({ departs: '', note: '' })
  }
  return (
    <View className='card'>
      <Text className='shuttle-manage__title'>加开班次 · {route.name}</Text>
      <Text className='shuttle-manage__sub'>日期</Text>
      <DayStrip days={days} value={v.day} now={now} onChange={(day) => set({ day })} label='加开日期' idPrefix='extra' noteOf={() => '加开'} />
      <FieldError error={form.errors.day} />
      <View className='shuttle-manage__fields'>
        <Field label='发车时间' name='departs' value={v.departs} placeholder='如 05:50' onChange={(departs) => set({ departs })} error={form.errors.departs} />
        <Field label='座位数' name='seats' number value={v.seats} onChange={(seats) => set({ seats })} error={form.errors.seats} />
      </View>
      <Text className='shuttle-manage__sub'>司机</Text>
      <Chips label='司机' columns={3} options={[{ value: 0, label: '暂不安排' }, ...drivers.map((d) => ({ value: d.id, label: d.name }))]} value={v.driverId ?? 0} onChange={(d) => set({ driverId: d === 0 ? null : d })} />
      <Field label='加开说明（居民可见）' name='note' maxLength={60} value={v.note} placeholder='如：春运加开' onChange={(note) => set({ note })} error={form.errors.note} />
      <Button className='shuttle-manage__save' type='primary' block loading={form.pending === 'add'} onClick={() => void add()}>
        加开
      </Button>
    </View>
  )
}
