import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@common/time'
import type { RequestSummary } from '@server/features/hotline/actions'
import { control } from '@/core/ui/a11y'
import { StateTag } from './StateTag'
import './request-card.scss'

export function RequestCard({ r, onClick, showGrid = false }: { r: RequestSummary; onClick: () => void; showGrid?: boolean }) {
  return (
    <View className={`request-card ${r.overdue ? 'request-card--overdue' : ''}`} {...control('link', onClick)}>
      <View className='request-card__head'>
        <Text className='request-card__category'>{r.category}</Text>
        <StateTag state={r.state} overdue={r.overdue} rated={r.rated} />
      </View>
      <Text className='request-card__excerpt'>{r.excerpt}</Text>
      <View className='request-card__foot'>
        <Text>{formatDateTime(r.createdAt)}</Text>
        <Text>{showGrid ? r.gridName : ''}{r.handler ? `${showGrid ? ' · ' : ''}${r.handler}` : ''}</Text>
      </View>
    </View>
  )
}
