import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { call } from '@/core/api'
import { usePaged } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { isStaff, useSession } from '@/core/session'
import { Chips } from '@/core/ui/Chips'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { RequestCard } from '../../components/RequestCard'
import { useHotline } from '../../store'
import './index.scss'

type View_ = 'open' | 'escalated' | 'done' | 'all'

/** The grid worker's inbox (their grids) and the staff queue (every grid, escalated first to hand). */
export default function InboxPage() {
  const me = useSession((s) => s.me)
  const staff = isStaff(me)
  const [view, setView] = useState<View_>(staff ? 'escalated' : 'open')
  const version = useHotline((s) => s.version)
  const [counts, setCounts] = useState({ new: 0, inProgress: 0, overdue: 0, escalated: 0 })
  const list = usePaged(async (page) => {
    const p = await call('hotline', 'inbox', { view, page, pageSize: 20 })
    setCounts(p.counts)
    return p
  }, [view, version])

  return (
    <Page className='inbox'>
      <SignedIn>
        {() => (
          <View>
            <View className='inbox__counts'>
              <View className='inbox__count inbox__count--overdue'><Text className='inbox__n'>{counts.overdue}</Text><Text>已超时</Text></View>
              <View className='inbox__count'><Text className='inbox__n'>{counts.new}</Text><Text>待受理</Text></View>
              <View className='inbox__count'><Text className='inbox__n'>{counts.inProgress}</Text><Text>处理中</Text></View>
              <View className='inbox__count'><Text className='inbox__n'>{counts.escalated}</Text><Text>已上报</Text></View>
            </View>
            <View className='inbox__views'>
              <Chips
                label='列表'
                columns={4}
                options={[
                  { value: 'open', label: '待处理' },
                  { value: 'escalated', label: staff ? '社区队列' : '已上报' },
                  { value: 'done', label: '已办结' },
                  { value: 'all', label: '全部' },
                ]}
                value={view}
                onChange={(v) => setView(v as View_)}
              />
            </View>
            <Async q={list} isEmpty={(l) => l.length === 0} empty={<Empty title='这里没有诉求' hint='新诉求会出现在「待处理」' />}>
              {(items) => (
                <View>
                  {items.map((r) => (
                    <RequestCard key={r.id} r={r} showGrid onClick={() => void Taro.navigateTo({ url: linkTo('hotlineDetail', { id: r.id }) })} />
                  ))}
                  <Text className='inbox__more muted'>{list.hasMore ? '上滑加载更多' : `共 ${list.total} 件`}</Text>
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
