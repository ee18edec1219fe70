import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { Me } from '@server/features/account/actions'
import { call } from '@/core/api'
import { useMutation } from '@/core/mutation'
import { useSession } from '@/core/session'
import { FieldError } from '@/core/ui/FieldError'
import './birth-year.scss'

/**
 * The birth year, shown only once given (an event open to an age band asked for it): change it, or take it back.
 * Nobody is asked for it here first.
 */
export function BirthYear({ me }: { me: Me }) {
  const [year, setYear] = useState(String(me.birthYear ?? ''))
  const m = useMutation()
  if (me.birthYear === null) return null
  const save = (birthYear: number | null) =>
    m.run(async () => useSession.getState().setMe(await call('account', 'setBirthYear', { birthYear })), { success: birthYear === null ? '已删除出生年份' : '已保存' })
  return (
    <View className='card birth-year'>
      <Text className='form-label'>出生年份（只用于活动的年龄要求）</Text>
      <Input className='form-input birth-year__input' type='number' value={year} placeholder='如 1958' maxLength={4} onChange={(v: string) => (setYear(v), m.clear())} />
      <FieldError error={m.errors.birthYear} />
      <View className='birth-year__actions'>
        <Button type='primary' fill='outline' block loading={m.busy} disabled={year.length !== 4} onClick={() => void save(Number(year))}>
          保存出生年份
        </Button>
        <Button fill='outline' block onClick={() => void save(null)}>
          删除出生年份
        </Button>
      </View>
    </View>
  )
}
