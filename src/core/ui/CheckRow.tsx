import { Text, View } from '@tarojs/components'
import { control } from './a11y'
import './check-row.scss'

/** A tick box with its sentence, the whole row one target (NutUI's Checkbox is not announced as one on H5). */
export function CheckRow({ checked, onChange, children, className = '' }: { checked: boolean; onChange: (on: boolean) => void; children: string; className?: string }) {
  return (
    <View className={`check-row ${checked ? 'check-row--on' : ''} ${className}`} {...control('checkbox', () => onChange(!checked), { checked })}>
      <View className='check-row__box'>{checked ? <Text className='check-row__tick'>✓</Text> : null}</View>
      <Text className='check-row__label'>{children}</Text>
    </View>
  )
}
