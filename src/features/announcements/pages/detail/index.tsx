import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@common/time'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { useAnnouncements } from '../../store'
import './index.scss'

export default function AnnouncementPage() {
  const id = Number(useRouter().params.id)
  const cached = useAnnouncements((s) => s.byId[id])
  const q = useQuery(() => call('announcements', 'get', { id }), [id])
  useShareAppMessage(() => ({ title: q.data?.title ?? '社区公告', path: linkTo('announcement', { id }) }))
  return (
    <Page className='announcement'>
      <Async q={{ ...q, data: q.data ?? (q.error ? undefined : cached) }}>
        {(a) => (
          <View className='card'>
            <Text className='announcement__title'>{a.title}</Text>
            <Text className='muted'>管道社区居委会 · {a.publishedAt ? formatDateTime(a.publishedAt) : '未发布'}</Text>
            <Text className='announcement__body'>{a.body}</Text>
          </View>
        )}
      </Async>
    </Page>
  )
}
