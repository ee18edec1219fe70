import { Text, View } from '@tarojs/components'
import { formatDate } from '@common/time'
import type { AnnouncementOut } from '@server/features/announcements/actions'
import { control } from '@/core/ui/a11y'
import './announcement-item.scss'

const STATUS: Record<AnnouncementOut['status'], string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' }

export function AnnouncementItem({ a, onClick, showStatus = false }: { a: AnnouncementOut; onClick: () => void; showStatus?: boolean }) {
  return (
    <View className='announcement-item' {...control('link', onClick)}>
      <View className='announcement-item__head'>
        {a.pinned ? <Text className='announcement-item__tag'>置顶</Text> : null}
        {showStatus ? <Text className={`announcement-item__status announcement-item__status--${a.status}`}>{STATUS[a.status]}</Text> : null}
        <Text className='announcement-item__title'>{a.title}</Text>
      </View>
      <Text className='announcement-item__excerpt'>{a.body}</Text>
      <Text className='announcement-item__date'>{a.publishedAt ? formatDate(a.publishedAt) : `更新于 ${formatDate(a.updatedAt)}`}</Text>
    </View>
  )
}
