import type { Generated } from 'kysely'
import { declareTables, type Instant } from '../../db/tables'

export interface NotificationTable {
  id: Generated<number>
  user_id: number
  title: string
  body: string
  link: string | null
  read_at: Instant | null
  created_at: Instant
}

export interface OutboxTable {
  id: Generated<number>
  user_id: number
  channel: 'wechat_subscribe'
  template: string
  /** JSON text. */
  payload: string
  status: 'pending' | 'sent' | 'failed'
  created_at: Instant
  sent_at: Instant | null
}

/** Created by 002_hotline, the first feature that told people things. */
export interface MessagesTables {
  notifications: NotificationTable
  outbox: OutboxTable
}

export const messagesTables = declareTables<MessagesTables>({
  notifications: { id: 'not null', user_id: 'not null', title: 'not null', body: 'not null', link: 'null', read_at: 'null', created_at: 'not null' },
  outbox: {
    id: 'not null',
    user_id: 'not null',
    channel: 'not null',
    template: 'not null',
    payload: 'not null',
    status: 'not null',
    created_at: 'not null',
    sent_at: 'null',
  },
})
