import { View } from '@tarojs/components'
import { control } from './a11y'
import './toggle.scss'

/**
 * An on/off switch announced as one (NutUI's Switch writes `aria-role` and `tab-index` on H5, which browsers do
 * not read), sized for 长辈版 by the page's tap-target step. `label` names it for a screen reader.
 */
export function Toggle({ checked, onChange, label, disabled }: { checked: boolean; onChange: (on: boolean) => void; label: string; disabled?: boolean }) {
  return (
    <View className={`toggle ${checked ? 'toggle--on' : ''} ${disabled ? 'toggle--disabled' : ''}`} {...control('switch', () => onChange(!checked), { label, checked, disabled })}>
      <View className='toggle__track'>
        <View className='toggle__knob' />
      </View>
    </View>
  )
}
