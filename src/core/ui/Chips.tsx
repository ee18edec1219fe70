import { Text, View } from '@tarojs/components'
import { control, group } from './a11y'
import './chips.scss'

export interface ChipOption<V extends string | number> {
  value: V
  label: string
  disabled?: boolean
}

/**
 * A row of large tappable choices. Used instead of pop-up pickers where the choices are few: easier to hit,
 * everything visible at once, and nothing hidden behind a scroll wheel for older residents.
 */
export function Chips<V extends string | number>(props: {
  options: ChipOption<V>[]
  value: V | V[] | null
  onChange: (value: V) => void
  label?: string
  columns?: 2 | 3 | 4 | 5
}) {
  const selected = (v: V) => (Array.isArray(props.value) ? props.value.includes(v) : props.value === v)
  return (
    <View className={`chips chips--${props.columns ?? 4}`} {...group(Array.isArray(props.value) ? 'group' : 'radiogroup', props.label)}>
      {props.options.map((o) => (
        <View
          key={String(o.value)}
          className={`chip ${selected(o.value) ? 'chip--on' : ''} ${o.disabled ? 'chip--disabled' : ''}`}
          {...control(Array.isArray(props.value) ? 'checkbox' : 'radio', () => props.onChange(o.value), { checked: selected(o.value), disabled: o.disabled })}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
