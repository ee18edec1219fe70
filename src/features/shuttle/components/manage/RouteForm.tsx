import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { shuttleActions, type RouteAdminOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useMutation } from '@/core/mutation'
import { CheckRow } from '@/core/ui/CheckRow'
import { FieldError } from '@/core/ui/FieldError'
import { TextField as Field, num } from '@/core/ui/FormField'

/** A route's booking rules (GTFS-Flex style windows) and its stops with where exactly to wait. */
export function RouteForm({ route, onSaved }: { route: RouteAdminOut; onSaved: (routes: RouteAdminOut[]) => void }) {
  const r = route.rules
  const [v, setV] = useState({
    name: route.name,
    active: route.active,
    openDaysAhead: String(r.openDaysAhead),
    openTime: r.openTime,
    closeMinutes: String(r.closeMinutes),
    early: r.earlyBefore !== null,
    earlyBefore: r.earlyBefore ?? '07:30',
    earlyCloseTime: r.earlyCloseTime,
    cancelMinutes: String(r.cancelMinutes),
    stops: route.stops.map((s) => ({ id: s.id, name: s.name, minutes: String(s.minutes), latitude: String(s.latitude), longitude: String(s.longitude), waitNote: s.waitNote })),
  })
  const form = useMutation()
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch })
  const setStop = (i: number, patch: Partial<(typeof v.stops)[number]>) => set({ stops: v.stops.map((s, k) => (k === i ? { ...s, ...patch } : s)) })
  const e = form.errors

  const save = async () => {
    const data = {
      id: route.id,
      name: v.name,
      active: v.active,
      openDaysAhead: num(v.openDaysAhead),
      openTime: v.openTime,
      closeMinutes: num(v.closeMinutes),
      earlyBefore: v.early ? v.earlyBefore : null,
      earlyCloseTime: v.earlyCloseTime,
      cancelMinutes: num(v.cancelMinutes),
      stops: v.stops.map((s) => ({ id: s.id, name: s.name, minutes: num(s.minutes), latitude: num(s.latitude), longitude: num(s.longitude), waitNote: s.waitNote })),
    }
    const saved = await form.submit(shuttleActions.actions.saveRoute.input, data, (d) => call('shuttle', 'saveRoute', d), { key: 'route', success: '已保存' })
    if (saved) onSaved(saved)
  }

  return (
    <View className='card'>
      <Text className='shuttle-manage__title'>预约规则</Text>
      <Field label='线路名称' name='name' value={v.name} onChange={(name) => set({ name })} error={e.name} />
      <View className='shuttle-manage__fields'>
        <Field label='提前几天开放' name='openDaysAhead' number value={v.openDaysAhead} onChange={(openDaysAhead) => set({ openDaysAhead })} error={e.openDaysAhead} />
        <Field label='开放时间' name='openTime' value={v.openTime} placeholder='08:00' onChange={(openTime) => set({ openTime })} error={e.openTime} />
        <Field label='发车前几分钟截止' name='closeMinutes' number value={v.closeMinutes} onChange={(closeMinutes) => set({ closeMinutes })} error={e.closeMinutes} />
        <Field label='发车前几分钟可取消' name='cancelMinutes' number value={v.cancelMinutes} onChange={(cancelMinutes) => set({ cancelMinutes })} error={e.cancelMinutes} />
      </View>
      <CheckRow className='shuttle-manage__early' checked={v.early} onChange={(early) => set({ early })}>
        早班车前一天截止预约
      </CheckRow>
      {v.early ? (
        <View className='shuttle-manage__fields'>
          <Field label='早于几点发车算早班' name='earlyBefore' value={v.earlyBefore} placeholder='07:30' onChange={(earlyBefore) => set({ earlyBefore })} error={e.earlyBefore} />
          <Field label='前一天几点截止' name='earlyCloseTime' value={v.earlyCloseTime} placeholder='18:00' onChange={(earlyCloseTime) => set({ earlyCloseTime })} error={e.earlyCloseTime} />
        </View>
      ) : null}
      <CheckRow className='shuttle-manage__active' checked={v.active} onChange={(active) => set({ active })}>
        线路运行中（取消勾选后居民看不到这条线路）
      </CheckRow>

      <Text className='shuttle-manage__sub'>站点（按顺序）</Text>
      {v.stops.map((s, i) => (
        <View key={s.id ?? `new-${i}`} className='shuttle-manage__stop'>
          <View className='shuttle-manage__fields'>
            <Field label={`第${i + 1}站`} name='stop-name' value={s.name} onChange={(name) => setStop(i, { name })} error={e[`stops.${i}.name`]} />
            <Field label='距首站分钟' name='stop-minutes' number value={s.minutes} onChange={(minutes) => setStop(i, { minutes })} error={e[`stops.${i}.minutes`]} />
          </View>
          <Field label='在哪里候车' name='stop-note' maxLength={60} value={s.waitNote} onChange={(waitNote) => setStop(i, { waitNote })} error={e[`stops.${i}.waitNote`]} />
          <View className='shuttle-manage__fields'>
            <Field label='纬度' name='stop-lat' number value={s.latitude} onChange={(latitude) => setStop(i, { latitude })} error={e[`stops.${i}.latitude`]} />
            <Field label='经度' name='stop-lng' number value={s.longitude} onChange={(longitude) => setStop(i, { longitude })} error={e[`stops.${i}.longitude`]} />
          </View>
        </View>
      ))}
      <FieldError error={e.stops} />
      <Button className='shuttle-manage__save' type='primary' block loading={form.pending === 'route'} onClick={() => void save()}>
        保存线路
      </Button>
    </View>
  )
}
