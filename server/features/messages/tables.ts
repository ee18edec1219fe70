import type { Generated } from 'kysely'
import { declareTables, type Flag, type Instant } from '../../db/tables'

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
  /**
   * pending: due at next_at; sending: claimed by one dispatcher; sent; failed: WeChat refused it or its outcome
   * is unknown (error_code, error); skipped: not for WeChat (no template, turned off, no subscription left).
   */
  status: OutboxStatus
  created_at: Instant
  sent_at: Instant | null
  attempts: Generated<number>
  next_at: Instant | null
  /** The dispatcher run that holds the row while it sends. */
  claim: string | null
  claimed_at: Instant | null
  /** 1 while the row holds one of the person's subscriptions, taken when it was first claimed. */
  holds_quota: Generated<Flag>
  error_code: string | null
  error: string | null
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped'

export interface MessageSubscriptionTable {
  user_id: number
  template_id: string
  /** One-time subscriptions the person allowed and no message has used yet. */
  remaining: number
  updated_at: Instant
}

export interface MessagePreferenceTable {
  user_id: number
  kind: string
  allowed: Flag
  updated_at: Instant
}

/** Created by 002_hotline, the first feature that told people things. */
export interface MessagesTables {
  notifications: NotificationTable
  outbox: OutboxTable
  message_subscriptions: MessageSubscriptionTable
  message_preferences: MessagePreferenceTable
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
    attempts: 'not null',
    next_at: 'null',
    claim: 'null',
    claimed_at: 'null',
    holds_quota: 'not null',
    error_code: 'null',
    error: 'null',
  },
  message_subscriptions: { user_id: 'not null', template_id: 'not null', remaining: 'not null', updated_at: 'not null' },
  message_preferences: { user_id: 'not null', kind: 'not null', allowed: 'not null', updated_at: 'not null' },
})
