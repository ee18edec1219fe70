import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { usePaged } from '@/core/hooks'
import { PAGE, linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { BookingCard } from '../../components/BookingCard'
import { useAppointments } from '../../store'
import './index.scss'

/** 我的预约: upcoming bookings first (soonest on top), then the past ones. */
export default function MyBookingsPage() {
  const version = useAppointments((s) => s.version)
  const list = usePaged((page) => call('appointments', 'mine', { page, pageSize: 10 }), [version])
  const book = (
    <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.apptServices })}>
      预约办事
    </Button>
  )
  return (
    <Page className='appt-mine'>
      <SignedIn>
        {() => (
          <Async q={list} isEmpty={(l) => l.length === 0} empty={<Empty title='还没有预约' hint='证照协助、车票代购、免费体检都可以先预约' action={book} />}>
            {(items) => (
              <View>
                {items.map((b) => (
                  <BookingCard key={b.id} b={b} onClick={() => void Taro.navigateTo({ url: linkTo('apptDetail', { id: b.id }) })} />
                ))}
                <Text className='appt-mine__more muted'>{list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>
                <View className='actions'>{book}</View>
              </View>
            )}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}
