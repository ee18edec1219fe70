import { ScrollView, Text, View } from '@tarojs/components'
import { control, group } from './a11y'
import { dayName, shortDate } from './dates'
import './day-strip.scss'

/** A day as the strip shows it: closed ones cannot be picked; `left` is what it still has. */
export interface DayOut {
  day: string
  closed: boolean
  closedReason: string | null
  left: number
}

/** The bookable days side by side: what each day still has is visible before tapping it. */
export function DayStrip({
  days,
  value,
  onChange,
  now,
  label = '选择日期',
  idPrefix = 'day',
  noteOf,
}: {
  days: DayOut[]
  value: string | null
  onChange: (day: string) => void
  now: Date
  label?: string
  /** Element ids are `<idPrefix>-<day>`, so the strip can scroll the chosen day into view. */
  idPrefix?: string
  /** What the third line says; by default the places left. */
  noteOf?: (d: DayOut) => string
}) {
  return (
    <ScrollView scrollX className='day-strip' scrollIntoView={value ? `${idPrefix}-${value}` : undefined}>
      <View className='day-strip__row' {...group('radiogroup', label)}>
        {days.map((d) => {
          const full = !d.closed && d.left === 0
          const note = noteOf ? noteOf(d) : d.closed ? (d.closedReason ?? '不开放') : full ? '已满' : `余${d.left}`
          return (
            <View
              key={d.day}
              id={`${idPrefix}-${d.day}`}
              className={`day-strip__day ${value === d.day ? 'day-strip__day--on' : ''} ${d.closed || (full && !noteOf) ? 'day-strip__day--off' : ''}`}
              {...control('radio', () => onChange(d.day), { checked: value === d.day, disabled: d.closed })}
            >
              <Text className='day-strip__name'>{dayName(d.day, now)}</Text>
              <Text className='day-strip__date'>{shortDate(d.day)}</Text>
              <Text className='day-strip__note'>{Array.from(note).length > 4 ? `${Array.from(note).slice(0, 4).join('')}…` : note}</Text>
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}
