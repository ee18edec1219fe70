import { Text, View } from '@tarojs/components'
import type { SlotOut } from '@server/features/appointments/actions'
import { control, group } from '@/core/ui/a11y'
import './slot-grid.scss'

const NOTE: Record<SlotOut['state'], (s: SlotOut) => string> = {
  open: (s) => `余${s.left}`,
  full: () => '已满',
  closed: () => '不开放',
  past: () => '已截止',
}

/** Every slot of the day with what is left; full and past ones stay visible but cannot be chosen. */
export function SlotGrid({ slots, value, current, onChange }: { slots: SlotOut[]; value: string | null; current?: string; onChange: (start: string) => void }) {
  return (
    <View className='slot-grid' {...group('radiogroup', '选择时段')}>
      {slots.map((s) => {
        const mine = current !== undefined && Date.parse(current) === Date.parse(s.start)
        const off = s.state !== 'open' || mine
        return (
          <View
            key={s.start}
            className={`slot-grid__slot slot-grid__slot--${s.state} ${value === s.start ? 'slot-grid__slot--on' : ''} ${off ? 'slot-grid__slot--off' : ''}`}
            {...control('radio', () => onChange(s.start), { checked: value === s.start, disabled: off, label: `${s.label} ${mine ? '当前预约' : NOTE[s.state](s)}` })}
          >
            <Text className='slot-grid__time'>{s.label}</Text>
            <Text className='slot-grid__note'>{mine ? '当前预约' : NOTE[s.state](s)}</Text>
          </View>
        )
      })}
    </View>
  )
}
