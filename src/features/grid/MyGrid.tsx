import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { addressText } from '@common/address'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { PAGE } from '@/core/routes'
import { useSession } from '@/core/session'
import { CallButton } from '@/core/ui/CallButton'
import { Async, Empty } from '@/core/ui/StateView'
import './my-grid.scss'

/** The resident's grid: which grid their building belongs to, who looks after it, and how to reach them. */
export function MyGrid({ registered }: { registered: boolean }) {
  const hotline = useSession((s) => s.community?.hotline)
  const q = useQuery(() => call('account', 'myGrid', {}), [registered], { enabled: registered })
  if (!registered) {
    return (
      <View>
        <Empty
          title='还没有登记住户信息'
          hint='登记楼栋和房号后，就能看到您所在的网格和网格员'
          action={
            <Button type='primary' size='large' onClick={() => void Taro.navigateTo({ url: PAGE.register })}>
              登记住户信息
            </Button>
          }
        />
        {hotline ? (
          <View className='card my-grid__hotline'>
            <Text className='my-grid__label'>社区服务热线</Text>
            <CallButton phone={hotline} block />
          </View>
        ) : null}
      </View>
    )
  }
  return (
    <Async q={q}>
      {(g) => (
        <View className='my-grid'>
          <View className='my-grid__banner'>
            <Text className='my-grid__grid-name'>{g.grid.name}</Text>
            <Text className='my-grid__area'>负责范围：{g.grid.area}</Text>
            <Text className='my-grid__home words'>我家：{addressText({ building: g.household.buildingName, ...g.household })}</Text>
          </View>

          <Text className='section-title'>网格员</Text>
          {g.workers.length === 0 ? (
            <View className='card muted'>本网格暂未配备网格员，请拨打社区服务热线</View>
          ) : (
            g.workers.map((w) => (
              <View key={w.name} className='card my-grid__worker'>
                <View className='my-grid__person'>
                  <View className='my-grid__avatar'>{w.name.slice(0, 1)}</View>
                  <View className='my-grid__who'>
                    <Text className='my-grid__worker-name'>{w.name}</Text>
                    <Text className='muted'>{g.grid.name}网格员</Text>
                  </View>
                </View>
                {w.phone ? <CallButton phone={w.phone} label='拨打' fill='outline' block /> : null}
              </View>
            ))
          )}

          <Text className='section-title'>社区服务热线</Text>
          <View className='card my-grid__hotline'>
            <Text className='muted'>网格解决不了的事，社区统一协调：小事不出网格，大事不出社区。</Text>
            <CallButton phone={g.hotline} block />
          </View>
        </View>
      )}
    </Async>
  )
}
