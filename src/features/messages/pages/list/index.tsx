import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { local } from '@common/time'
import { messageActions, type MessageOut } from '@server/features/messages/actions'
import { control } from '@/core/ui/a11y'
import { byDay, pastDayName } from '@/core/ui/dates'
import { PAGE } from '@/core/routes'
import { call } from '@/core/api'
import { usePaged } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { useMessages } from '../../store'
import './index.scss'

export default function MessagesPage() {
  const list = usePaged(async (page) => {
    const p = await call('messages', 'list', { page, pageSize: 20 })
    useMessages.getState().set(p.unread)
    return p
  }, [])
  const unread = useMessages((s) => s.unread)
  const m = useMutation()

  const open = async (m: MessageOut) => {
    if (!m.read) {
      const { unread: left } = await call('messages', 'markRead', { ids: [m.id] }).catch(() => ({ unread }))
      useMessages.getState().set(left)
    }
    if (m.link) void Taro.navigateTo({ url: m.link })
  }

  const readAll = () => m.send(messageActions, 'markRead', { all: true }, { invalidate: [(r) => useMessages.getState().set(r.unread), list] })

  useEffect(() => () => void useMessages.getState().refresh().catch(() => undefined), [])

  return (
    <Page className='messages'>
      <SignedIn>
        {() => (
          <View>
            {unread > 0 ? (
              <View className='messages__bar'>
                <Text>{unread} 条未读</Text>
                <Button size='small' fill='outline' type='primary' onClick={() => void readAll()}>
                  全部已读
                </Button>
              </View>
            ) : null}
            <Async q={list} isEmpty={(l) => l.length === 0} empty={<Empty title='暂无消息' hint='诉求进展、预约、乘车、活动和志愿服务的通知会在这里' />}>
              {(items) => (
                <View>
                  {byDay(items, (m) => m.createdAt).map((g) => (
                    <View key={g.day} className='messages__day'>
                      <Text className='messages__date'>{pastDayName(g.day)}</Text>
                      {g.items.map((m) => (
                        <View key={m.id} className={`messages__item ${m.read ? '' : 'messages__item--unread'}`} {...control('link', () => void open(m))}>
                          <View className='messages__head'>
                            <Text className='messages__title'>{m.title}</Text>
                            <Text className='messages__at'>{local(m.createdAt).format('HH:mm')}</Text>
                          </View>
                          <Text className='messages__body'>{m.body}</Text>
                        </View>
                      ))}
                    </View>
                  ))}
                  <Text className='messages__more muted'>{list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>
                  <Text className='messages__settings' {...control('link', () => void Taro.navigateTo({ url: PAGE.messageSettings }))}>
                    哪些通知发到微信？去设置
                  </Text>
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
