import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@common/time'
import { call } from '@/core/api'
import { usePaged } from '@/core/hooks'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import './index.scss'

/** 查询记录 (admins): every look at a resident's number or a passenger's ID number, who looked and when. */
export default function AccessLogPage() {
  const list = usePaged((page) => call('people', 'accessLog', { page, pageSize: 20 }), [])
  return (
    <Page className='access-log'>
      <SignedIn>
        {() => (
          <View>
            <Text className='access-log__intro muted'>按手机号查找居民、查看诉求居民的电话、查看乘车人身份证号，每一次都记录在这里。</Text>
            <Async q={list} isEmpty={(l) => l.length === 0} empty={<Empty title='还没有查询记录' />}>
              {(items) => (
                <View>
                  {items.map((a) => (
                    <View key={a.id} className='access-log__item'>
                      <View className='access-log__row'>
                        <Text className='access-log__who'>{a.who}</Text>
                        <Text className='muted'>{formatDateTime(a.at)}</Text>
                      </View>
                      <Text>
                        {a.what}：{a.subject}
                      </Text>
                      {a.purpose ? <Text className='muted'>用途：{a.purpose}</Text> : null}
                    </View>
                  ))}
                  <Text className='access-log__more muted'>{list.loadingMore ? '加载中…' : list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
