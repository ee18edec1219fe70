import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { shuttleActions, type RouteAdminOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useMutation } from '@/core/mutation'
import { control } from '@/core/ui/a11y'
import { CheckRow } from '@/core/ui/CheckRow'
import { Chips } from '@/core/ui/Chips'
import { WEEKDAYS } from '@/core/ui/dates'
import { FieldError } from '@/core/ui/FieldError'
import { TextField as Field, num } from '@/core/ui/FormField'

type Pattern = RouteAdminOut['patterns'][number]
type Drivers = { id: number; name: string }[]

const daysText = (w: number[]) => (w.length === 7 ? '每天' : w.length === 5 && !w.includes(6) && !w.includes(7) ? '工作日' : w.map((d) => WEEKDAYS[d - 1]).join('、'))

/** The route's weekly departures; each opens a form, and a new one can be added. */
export function Patterns({ route, drivers, onSaved }: { route: RouteAdminOut; drivers: Drivers; onSaved: (routes: RouteAdminOut[]) => void }) {
  const [editing, setEditing] = useState<Pattern | 'new' | null>(null)
  if (editing)
    return (
      <PatternForm
        routeId={route.id}
        p={editing === 'new' ? null : editing}
        drivers={drivers}
        onDone={(routes) => {
          if (routes) onSaved(routes)
          setEditing(null)
        }}
      />
    )
  return (
    <View>
      {route.patterns.map((p) => (
        <View key={p.id} className={`card shuttle-manage__pattern ${p.active ? '' : 'departure-card--off'}`} {...control('link', () => setEditing(p))}>
          <View className='shuttle-manage__row'>
            <Text className='shuttle-manage__time'>{p.departs}</Text>
            <Text className='muted'>{p.active ? `${p.seats}座` : '已停开'}</Text>
          </View>
          <Text>
            {daysText(p.weekdays)} · {p.driverName ? `司机 ${p.driverName}` : '未安排司机'}
          </Text>
        </View>
      ))}
      <View className='actions'>
        <Button type='primary' fill='outline' size='large' block onClick={() => setEditing('new')}>
          添加班次
        </Button>
      </View>
    </View>
  )
}

function PatternForm({ routeId, p, drivers, onDone }: { routeId: number; p: Pattern | null; drivers: Drivers; onDone: (routes?: RouteAdminOut[]) => void }) {
  const [v, setV] = useState({ departs: p?.departs ?? '', weekdays: p?.weekdays ?? [1, 2, 3, 4, 5, 6, 7], seats: String(p?.seats ?? 17), driverId: p?.driverId ?? null, active: p?.active ?? true })
  const form = useMutation()
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch })
  const save = async () => {
    const data = { id: p?.id, routeId, departs: v.departs, weekdays: v.weekdays, seats: num(v.seats), driverId: v.driverId, active: v.active }
    const r = await form.submit(shuttleActions.actions.savePattern.input, data, (d) => call('shuttle', 'savePattern', d), {
      key: 'pattern',
      success: (x) => (x.kept ? `已保存，已有预约的${x.kept}个班次保留原时间` : '已保存'),
    })
    if (r) {
      if (r.kept) void Taro.showModal({ title: '已保存', content: `已有乘客预约的${r.kept}个班次保留原发车时间；如需调整，请在“班车发车”中逐班调整，乘客会收到通知。`, showCancel: false })
      onDone(r.routes)
    }
  }
  return (
    <View className='card'>
      <Text className='shuttle-manage__title'>{p ? `调整 ${p.departs} 班次` : '添加班次'}</Text>
      <View className='shuttle-manage__fields'>
        <Field label='发车时间' name='departs' value={v.departs} placeholder='如 07:10' onChange={(departs) => set({ departs })} error={form.errors.departs} />
        <Field label='座位数' name='seats' number value={v.seats} onChange={(seats) => set({ seats })} error={form.errors.seats} />
      </View>
      <Text className='shuttle-manage__sub'>运行日</Text>
      <Chips
        label='运行日'
        options={WEEKDAYS.map((w, i) => ({ value: i + 1, label: w }))}
        value={v.weekdays}
        onChange={(d) => set({ weekdays: v.weekdays.includes(d) ? v.weekdays.filter((x) => x !== d) : [...v.weekdays, d].sort() })}
      />
      <FieldError error={form.errors.weekdays} />
      <Text className='shuttle-manage__sub'>司机</Text>
      <Chips label='司机' columns={3} options={[{ value: 0, label: '暂不安排' }, ...drivers.map((d) => ({ value: d.id, label: d.name }))]} value={v.driverId ?? 0} onChange={(d) => set({ driverId: d === 0 ? null : d })} />
      <FieldError error={form.errors.driverId} />
      <CheckRow checked={v.active} onChange={(active) => set({ active })}>
        开行（取消勾选则停开，已有预约的班次不受影响）
      </CheckRow>
      <Button className='shuttle-manage__save' type='primary' block loading={form.pending === 'pattern'} onClick={() => void save()}>
        保存班次
      </Button>
      <Button className='shuttle-manage__save' fill='outline' block onClick={() => onDone()}>
        返回
      </Button>
    </View>
  )
}
