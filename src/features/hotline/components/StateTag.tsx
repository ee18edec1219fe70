import { Text } from '@tarojs/components'
import type { RequestState } from '@server/features/hotline/actions'
import { STATE_LABELS } from '../labels'
import './state-tag.scss'

export function StateTag({ state, overdue = false }: { state: RequestState; overdue?: boolean }) {
  return (
    <Text className={`tag state-tag state-tag--${overdue ? 'overdue' : state}`}>{overdue ? '已超时' : STATE_LABELS[state]}</Text>
  )
}
