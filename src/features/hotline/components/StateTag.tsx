import { Text } from '@tarojs/components'
import type { RequestState } from '@server/features/hotline/actions'
import { STATE_LABELS } from '../labels'
import './state-tag.scss'

/** A closed request says 已评价 when the resident rated it and 已结案 when the sweep closed it unrated. */
export function StateTag({ state, overdue = false, rated = true }: { state: RequestState; overdue?: boolean; rated?: boolean }) {
  return (
    <Text className={`tag state-tag state-tag--${overdue ? 'overdue' : state}`}>{overdue ? '已超时' : state === 'closed' && !rated ? '已结案' : STATE_LABELS[state]}</Text>
  )
}
