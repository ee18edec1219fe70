import { declareTables, type Instant } from '../../db/tables'

/** A signed-in session; only the token's hash is kept. */
export interface SessionTable {
  token_hash: string
  user_id: number
  created_at: Instant
  expires_at: Instant
  /** Brought forward at most every few minutes by use; staff sessions idle for longer than STAFF_IDLE_HOURS end. */
  last_seen_at: Instant | null
}

export interface AuthTables {
  sessions: SessionTable
}

export const authTables = declareTables<AuthTables>({
  sessions: { token_hash: 'not null', user_id: 'not null', created_at: 'not null', expires_at: 'not null', last_seen_at: 'null' },
})
