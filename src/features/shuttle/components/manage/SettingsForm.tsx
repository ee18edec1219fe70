import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { shuttleActions, type ShuttleSettingsOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useMutation } from '@/core/mutation'
import { TextField as Field, num } from '@/core/ui/FormField'

const FIELDS: { key: keyof ShuttleSettingsOut; label: string }[] = [
  { key: 'trainMarginMinutes', label: '赶火车：火车开车前几分钟到站' },
  { key: 'arrivalGapMinutes', label: '回社区：火车到站后几分钟发车' },
  { key: 'noShowLimit', label: '爽约几次暂停预约' },
  { key: 'noShowWindowDays', label: '爽约统计最近几天' },
  { key: 'noShowBlockDays', label: '暂停预约几天' },
]

/** 赶火车's margins and the shuttle's own no-show rule. */
export function SettingsForm({ initial }: { initial: ShuttleSettingsOut }) {
  const [v, setV] = useState(Object.fromEntries(FIELDS.map((f) => [f.key, String(initial[f.key])])) as Record<keyof ShuttleSettingsOut, string>)
  const form = useMutation()
  const save = () =>
    form.submit(shuttleActions.actions.saveSettings.input, Object.fromEntries(FIELDS.map((f) => [f.key, num(v[f.key])])), (d) => call('shuttle', 'saveSettings', d), { key: 'settings', success: '已保存' })
  return (
    <View className='card'>
      <Text className='shuttle-manage__title'>乘车规则</Text>
      <View className='shuttle-manage__fields'>
        {FIELDS.map((f) => (
          <Field key={f.key} label={f.label} name={f.key} number value={v[f.key]} onChange={(x) => setV({ ...v, [f.key]: x })} error={form.errors[f.key]} />
        ))}
      </View>
      <Button className='shuttle-manage__save' type='primary' block loading={form.pending === 'settings'} onClick={() => void save()}>
        保存规则
      </Button>
    </View>
  )
}
