import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { volunteerActions, type VolunteerSettingsOut } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { num, TextField } from '@/core/ui/FormField'
import { FieldError } from '@/core/ui/FieldError'
import { Async } from '@/core/ui/StateView'
import { useVolunteer } from '../../store'
import './lead.scss'

/** Staff keep 志愿服务's rules: the hours of each star level, no-shows before a leader must approve, hours in a row. */
export function Rules() {
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'settings', {}), [version])
  return <Async q={q}>{(s) => <RulesForm initial={s} />}</Async>
}

function RulesForm({ initial }: { initial: VolunteerSettingsOut }) {
  const [stars, setStars] = useState(initial.starHours.map(String))
  const [limit, setLimit] = useState(String(initial.noShowLimit))
  const [row, setRow] = useState(String(initial.maxHoursInRow))
  const m = useMutation({ invalidate: [useVolunteer] })
  const save = () =>
    m.submit(volunteerActions.actions.saveSettings.input, { starHours: stars.map(num), noShowLimit: num(limit), maxHoursInRow: num(row) }, (d) => call('volunteer', 'saveSettings', d), { success: '已保存规则' })
  return (
    <View className='card'>
      <Text className='lead-rules__title'>星级（累计服务小时）</Text>
      <Text className='muted'>《中国社区志愿者注册管理办法》：一至五星分别为100、300、600、1000、1500小时。</Text>
      <View className='form-row'>
        {stars.map((h, i) => (
          <TextField key={i} label={`${i + 1}星`} name={`star-${i + 1}`} number maxLength={6} value={h} onChange={(v) => (setStars(stars.map((x, j) => (j === i ? v : x))), m.clear())} />
        ))}
      </View>
      <FieldError error={Object.entries(m.errors).find(([k]) => k.startsWith('starHours'))?.[1]} />
      <View>
        <TextField label='未到岗几次后，需队长确认才能再报名' name='no-show-limit' number maxLength={2} value={limit} onChange={(v) => (setLimit(v), m.clear('noShowLimit'))} error={m.errors.noShowLimit} />
        <TextField label='连续服务最多几小时（班次间隔不到1小时算连续）' name='max-hours' number maxLength={2} value={row} onChange={(v) => (setRow(v), m.clear('maxHoursInRow'))} error={m.errors.maxHoursInRow} />
      </View>
      <View className='lead-rules__go'>
        <Button type='primary' size='large' block loading={m.busy} onClick={() => void save()}>
          保存规则
        </Button>
      </View>
    </View>
  )
}
