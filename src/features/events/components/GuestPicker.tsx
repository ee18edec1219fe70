import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { CompanionOut } from '@server/features/account/actions'
import type { EventOut } from '@server/features/events/actions'
import { PAGE } from '@/core/routes'
import { control } from '@/core/ui/a11y'
import { CheckRow } from '@/core/ui/CheckRow'
import { Chips } from '@/core/ui/Chips'
import '@/core/ui/picker.scss'

export interface Guests {
  companionIds: number[]
  guests: number
}

/**
 * Who comes along, as the event asks: people from 常用乘车人 by name, or only how many; never more than the event
 * allows. The resident themselves always comes.
 */
export function GuestPicker({ e, companions, value, onChange }: { e: Pick<EventOut, 'maxGuests' | 'guestMode'>; companions: CompanionOut[]; value: Guests; onChange: (v: Guests) => void }) {
  if (e.maxGuests === 0) return <Text className='muted'>本活动每人报名一位，不带同行人。</Text>
  if (e.guestMode === 'count') {
    const options = Array.from({ length: e.maxGuests + 1 }, (_, n) => ({ value: n, label: n === 0 ? '不带' : `${n}人` }))
    return (
      <View>
        <Chips label='同行人数' options={options} value={value.guests} onChange={(guests) => onChange({ ...value, guests })} columns={options.length > 4 ? 3 : 4} />
        <Text className='muted'>本人之外另带的人数，最多{e.maxGuests}人</Text>
      </View>
    )
  }
  const full = value.companionIds.length >= e.maxGuests
  const toggle = (id: number, on: boolean) => onChange({ ...value, companionIds: on ? [...value.companionIds, id] : value.companionIds.filter((c) => c !== id) })
  return (
    <View className='guest-picker'>
      {companions.map((c) => {
        const on = value.companionIds.includes(c.id)
        return (
          <CheckRow key={c.id} className='guest-picker__companion' checked={on} onChange={(next) => (next && full ? undefined : toggle(c.id, next))}>
            {`${c.name}（${c.relation}）`}
          </CheckRow>
        )
      })}
      <View className='picker-foot'>
        <Text className='muted'>{companions.length ? `已选${value.companionIds.length}人，最多${e.maxGuests}人` : '从常用乘车人中选择同行的家人'}</Text>
        <View className='picker-foot__add' {...control('link', () => void Taro.navigateTo({ url: PAGE.companions }))}>
          <Text>{companions.length ? '管理常用乘车人' : '添加常用乘车人'}</Text>
        </View>
      </View>
    </View>
  )
}
