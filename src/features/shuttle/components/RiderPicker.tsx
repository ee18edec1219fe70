import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { CompanionOut } from '@server/features/account/actions'
import { MAX_SEATS } from '@server/features/shuttle/actions'
import { PAGE } from '@/core/routes'
import { control } from '@/core/ui/a11y'
import { CheckRow } from '@/core/ui/CheckRow'
import '@/core/ui/picker.scss'

export interface Riders {
  self: boolean
  companionIds: number[]
}

/** Who rides: the booker and people from 常用乘车人, one tap each, at most four; more people are added there. */
export function RiderPicker({ me, companions, value, onChange }: { me: string; companions: CompanionOut[]; value: Riders; onChange: (v: Riders) => void }) {
  const count = (value.self ? 1 : 0) + value.companionIds.length
  const full = count >= MAX_SEATS
  const toggle = (id: number, on: boolean) =>
    onChange({ ...value, companionIds: on ? [...value.companionIds, id] : value.companionIds.filter((c) => c !== id) })
  return (
    <View className='rider-picker'>
      <CheckRow className='rider-picker__self' checked={value.self} onChange={(self) => (self && full ? undefined : onChange({ ...value, self }))}>
        {`${me}（本人）`}
      </CheckRow>
      {companions.map((c) => {
        const on = value.companionIds.includes(c.id)
        return (
          <CheckRow key={c.id} className='rider-picker__companion' checked={on} onChange={(next) => (next && full ? undefined : toggle(c.id, next))}>
            {`${c.name}（${c.relation}）`}
          </CheckRow>
        )
      })}
      <View className='picker-foot'>
        <Text className='muted'>{full ? `已选${count}人，一次最多${MAX_SEATS}个座位` : `已选${count}人，每人一个座位`}</Text>
        <View className='picker-foot__add' {...control('link', () => void Taro.navigateTo({ url: PAGE.companions }))}>
          <Text>{companions.length ? '管理常用乘车人' : '添加常用乘车人'}</Text>
        </View>
      </View>
    </View>
  )
}
