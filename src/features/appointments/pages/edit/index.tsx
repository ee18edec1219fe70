import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { appointmentsActions, type OpeningHours, type ServiceAdminOut } from '@server/features/appointments/actions'
import { control } from '@/core/ui/a11y'
import { call } from '@/core/api'
import { toast, useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { WEEKDAYS } from '../../labels'
import { useAppointments } from '../../store'
import './index.scss'
import { Toggle } from '@/core/ui/Toggle'

export default function EditServicePage() {
  const param = useRouter().params.id
  const id = param ? Number(param) : undefined
  const all = useQuery(() => call('appointments', 'manage', {}), [], { pullToRefresh: false })
  return (
    <Page className='appt-edit'>
      <SignedIn>{() => <Async q={all}>{(list) => <ServiceForm initial={list.find((s) => s.id === id)} />}</Async>}</SignedIn>
    </Page>
  )
}

interface Values {
  name: string
  description: string
  checklist: string
  kind: 'general' | 'ticket'
  notice: string
  durationMinutes: string
  places: string
  bookAheadDays: string
  minNoticeMinutes: string
  cancelCutoffMinutes: string
  active: boolean
  hours: OpeningHours[]
}

const NUMBERS = [
  ['durationMinutes', '每个时段', '分钟'],
  ['places', '每个时段名额', '个'],
  ['bookAheadDays', '可提前预约', '天'],
  ['minNoticeMinutes', '最晚提前', '分钟预约'],
  ['cancelCutoffMinutes', '开始前', '分钟截止取消'],
] as const

function valuesOf(s: ServiceAdminOut | undefined): Values {
  return {
    name: s?.name ?? '',
    description: s?.description ?? '',
    checklist: (s?.checklist ?? ['身份证原件']).join('\n'),
    kind: s?.kind ?? 'general',
    notice: s?.notice ?? '',
    durationMinutes: String(s?.durationMinutes ?? 20),
    places: String(s?.places ?? 1),
    bookAheadDays: String(s?.bookAheadDays ?? 14),
    minNoticeMinutes: String(s?.minNoticeMinutes ?? 60),
    cancelCutoffMinutes: String(s?.cancelCutoffMinutes ?? 120),
    active: s?.active ?? true,
    hours: s?.hours ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, starts: '09:00', ends: '11:30' })),
  }
}

function ServiceForm({ initial }: { initial: ServiceAdminOut | undefined }) {
  const [v, setV] = useState<Values>(() => valuesOf(initial))
  const form = useMutation({ invalidate: [useAppointments] })
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: initial ? initial.name : '新增服务项目' })
  }, [initial])
  const change = (patch: Partial<Values>) => {
    setV((old) => ({ ...old, ...patch }))
    form.clear(...Object.keys(patch))
  }
  const setHour = (i: number, patch: Partial<OpeningHours>) => change({ hours: v.hours.map((h, j) => (j === i ? { ...h, ...patch } : h)) })
  const err = (k: string) => <FieldError error={form.errors[k]} />
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s))

  const save = async () => {
    const raw = {
      id: initial?.id,
      name: v.name,
      description: v.description,
      checklist: v.checklist.split('\n').map((l) => l.trim()).filter(Boolean),
      kind: v.kind,
      notice: v.notice.trim() || null,
      durationMinutes: num(v.durationMinutes),
      places: num(v.places),
      bookAheadDays: num(v.bookAheadDays),
      minNoticeMinutes: num(v.minNoticeMinutes),
      cancelCutoffMinutes: num(v.cancelCutoffMinutes),
      active: v.active,
      hours: v.hours,
    }
    const r = await form.send(appointmentsActions, 'saveService', raw)
    if (!r) return
    if (r.displaced) {
      await Taro.showModal({ title: '已保存', content: `有${r.displaced}个已预约的时段不再开放，已通知相关居民。请在“预约窗口”的“需处理”中逐一联系。`, showCancel: false })
    } else {
      toast('已保存', 'success')
    }
    void Taro.navigateBack()
  }

  return (
    <View>
      <View className='card'>
        <Text className='appt-edit__label'>服务名称</Text>
        <Input className='appt-edit__input' value={v.name} placeholder='如：老年优待证办理' maxLength={20} onChange={(name: string) => change({ name })} />
        {err('name')}
        <Text className='appt-edit__label'>服务说明</Text>
        <TextArea className='appt-edit__area' value={v.description} maxLength={300} autoSize onChange={(description: string) => change({ description })} />
        {err('description')}
        <Text className='appt-edit__label'>所需材料（每行一项）</Text>
        <TextArea className='appt-edit__area' value={v.checklist} maxLength={600} autoSize onChange={(checklist: string) => change({ checklist })} />
        {Object.entries(form.errors)
          .filter(([k]) => k.startsWith('checklist'))
          .map(([k, m]) => (
            <FieldError key={k} error={m} />
          ))}
        <Text className='appt-edit__label'>醒目提示（可不填）</Text>
        <Input className='appt-edit__input' value={v.notice} placeholder='如：仅上午 · 需空腹' maxLength={20} onChange={(notice: string) => change({ notice })} />
        {err('notice')}
        <Text className='appt-edit__label'>类型</Text>
        <Chips label='类型' columns={2} options={[{ value: 'general', label: '窗口办事' }, { value: 'ticket', label: '购票代办（填写行程）' }]} value={v.kind} onChange={(kind) => change({ kind })} />
        <View className='appt-edit__switch'>
          <Text>开放预约</Text>
          <Toggle label='开放预约' checked={v.active} onChange={(active) => change({ active })} />
        </View>
      </View>

      <View className='card'>
        {NUMBERS.map(([k, label, unit]) => (
          <View key={k}>
            <View className='appt-edit__number'>
              <Text>{label}</Text>
              <Input className='appt-edit__num' type='number' value={v[k]} maxLength={4} onChange={(x: string) => change({ [k]: x } as Partial<Values>)} />
              <Text>{unit}</Text>
            </View>
            {err(k)}
          </View>
        ))}
      </View>

      <Text className='section-title'>每周开放时间</Text>
      <View className='card'>
        {WEEKDAYS.map((w, d) => (
          <View key={w} className='appt-edit__weekday'>
            <Text className='appt-edit__wname'>{w}</Text>
            <View className='appt-edit__ranges'>
              {v.hours.map((h, i) =>
                h.weekday === d + 1 ? (
                  <View key={i}>
                    <View className='appt-edit__range'>
                      <Input className='appt-edit__time' value={h.starts} maxLength={5} onChange={(starts: string) => setHour(i, { starts: starts.trim() })} />
                      <Text>至</Text>
                      <Input className='appt-edit__time' value={h.ends} maxLength={5} onChange={(ends: string) => setHour(i, { ends: ends.trim() })} />
                      <View className='appt-edit__remove' {...control('button', () => change({ hours: v.hours.filter((_, j) => j !== i) }))}>
                        <Text>删除</Text>
                      </View>
                    </View>
                    {err(`hours.${i}.starts`)}
                    {err(`hours.${i}.ends`)}
                  </View>
                ) : null,
              )}
              <View className='appt-edit__add' {...control('button', () => change({ hours: [...v.hours, { weekday: d + 1, starts: '09:00', ends: '11:30' }] }))}>
                <Text>＋ 添加时段</Text>
              </View>
            </View>
          </View>
        ))}
      </View>

      <View className='actions'>
        <Button type='primary' size='large' block loading={form.busy} onClick={() => void save()}>
          保存
        </Button>
        <Text className='muted'>改动开放时间不会取消已有预约：不再开放的时段会列出来，并通知居民。</Text>
      </View>
    </View>
  )
}
