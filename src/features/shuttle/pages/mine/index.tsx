import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { PAGE, linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { SeatCard, WaitCard } from '../../components/SeatCard'
import { useShuttle } from '../../store'

/** 我的乘车: coming rides first (soonest on top), then places in queues, then past rides. */
export default function MyRidesPage() {
  const version = useShuttle((s) => s.version)
  const q = useQuery(() => call('shuttle', 'mine', {}), [version])
  const book = (
    <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.shuttle })}>
      查看班次
    </Button>
  )
  const pass = (id: number) => () => void Taro.navigateTo({ url: linkTo('shuttlePass', { id }) })
  return (
    <Page className='my-rides'>
      <SignedIn>
        {() => (
          <Async
            q={q}
            isEmpty={(d) => d.upcoming.length + d.waits.length + d.past.length === 0}
            empty={<Empty title='还没有乘车预约' hint='社区班车往返徐州东站，可为家人一起预约' action={book} />}
          >
            {(d) => (
              <View>
                {d.upcoming.length ? <Text className='section-title'>待出行</Text> : null}
                {d.upcoming.map((b) => (
                  <SeatCard key={b.id} b={b} onClick={pass(b.id)} />
                ))}
                {d.waits.length ? <Text className='section-title'>候补中</Text> : null}
                {d.waits.map((w) => (
                  <WaitCard key={w.id} w={w} onClick={() => void Taro.navigateTo({ url: linkTo('shuttleWait', { id: w.id }) })} />
                ))}
                {d.past.length ? <Text className='section-title'>已结束</Text> : null}
                {d.past.map((b) => (
                  <SeatCard key={b.id} b={b} onClick={pass(b.id)} />
                ))}
                <View className='actions'>{book}</View>
              </View>
            )}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}
