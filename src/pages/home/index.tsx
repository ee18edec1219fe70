import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { call } from '@/core/api'
import { usePaged } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { hasConsented, useSession } from '@/core/session'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { AnnouncementItem } from '@/features/announcements/components/AnnouncementItem'
import { useAnnouncements } from '@/features/announcements/store'
import { useMessages } from '@/features/messages/store'
import { ServiceGrid } from '@/features/services/ServiceGrid'
import { TodayPass } from '@/features/shuttle/components/TodayPass'
import './index.scss'

export default function HomePage() {
  const community = useSession((s) => s.community)
  const version = useAnnouncements((s) => s.version)
  const announcements = usePaged(async (page) => {
    const p = await call('announcements', 'list', { page, pageSize: 10 })
    useAnnouncements.getState().remember(p.items)
    return p
  }, [version])

  useDidShow(() => {
    // 首页 is public: the privacy notice waits until a feature needs personal data, not every launch.
    void useSession
      .getState()
      .ensure({ requireConsent: false })
      // The message centre is about the person: only once they have accepted the notice.
      .then((me) => (me && hasConsented(me) ? Promise.all([useMessages.getState().refresh(), useMessages.getState().loadChannels()]) : undefined))
      .catch(() => undefined)
  })
  useShareAppMessage(() => ({ title: '红石榴 · 管道社区服务', path: '/pages/home/index' }))

  return (
    <Page className='home'>
      <View className='home__hero'>
        <Text className='home__name'>{community?.name ?? '管道社区'}</Text>
        <Text className='home__slogan'>小事不出网格，大事不出社区</Text>
        <Text className='home__street'>{community ? `${community.street} · 红石榴家园` : '红石榴家园'}</Text>
      </View>
      <ServiceGrid />
      <TodayPass />
      <Text className='section-title'>社区公告</Text>
      <Async
        q={announcements}
        isEmpty={(items) => items.length === 0}
        empty={<Empty title='暂无公告' hint='社区发布的通知会出现在这里' />}
      >
        {(items) => (
          <View className='home__announcements'>
            {items.map((a) => (
              <AnnouncementItem key={a.id} a={a} onClick={() => void Taro.navigateTo({ url: linkTo('announcement', { id: a.id }) })} />
            ))}
            <Text className='home__more muted'>
              {announcements.loadingMore ? '加载中…' : announcements.hasMore ? '上滑加载更多' : '没有更多公告了'}
            </Text>
          </View>
        )}
      </Async>
    </Page>
  )
}
