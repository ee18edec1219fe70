import { Text } from '@tarojs/components'
import './draft-banner.scss'

/** Shown above a form whose last unsent content came back from the device. */
export function DraftBanner({ restored }: { restored: boolean }) {
  return restored ? <Text className='draft-banner'>已恢复您上次未提交的内容</Text> : null
}
