import { Text, View } from '@tarojs/components'
import { groupCode } from '@common/codes'
import { QrCode } from './QrCode'
import './pass-code.scss'

/**
 * What a person shows at the door (a boarding pass, an event sign-up): the QR code, the code in two groups to read
 * out, and a line on what to do with it. `name` adds the page's own class names (`<name>`, `<name>-text`).
 */
export function PassCode({ code, hint, name }: { code: string; hint: string; name: string }) {
  return (
    <View className={`pass-code ${name}`}>
      <QrCode value={code} size={220} />
      <Text className={`pass-code__text ${name}-text`}>{groupCode(code)}</Text>
      <Text className='muted pass-code__hint'>{hint}</Text>
    </View>
  )
}
