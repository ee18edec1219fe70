import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PAGE } from '../routes'

/** In place of a form that needs a registered home: why, and the way to register. */
export function RegisterFirst({ why }: { why: string }) {
  return (
    <View className='card'>
      <Text className='muted'>{why}</Text>
      <Button type='primary' block onClick={() => void Taro.navigateTo({ url: PAGE.register })}>
        登记住户信息
      </Button>
    </View>
  )
}
