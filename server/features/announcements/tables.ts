import type { Generated, Selectable } from 'kysely'
import { declareTables, type Flag, type Instant } from '../../db/tables'

export interface AnnouncementTable {
  id: Generated<number>
  title: string
  body: string
  pinned: Flag
  status: 'draft' | 'published' | 'withdrawn'
  author_id: number | null
  published_at: Instant | null
  created_at: Instant
  updated_at: Instant
}

export interface AnnouncementsTables {
  announcements: AnnouncementTable
}

export type AnnouncementRow = Selectable<AnnouncementTable>

export const announcementsTables = declareTables<AnnouncementsTables>({
  announcements: {
    id: 'not null',
    title: 'not null',
    body: 'not null',
    pinned: 'not null',
    status: 'not null',
    author_id: 'null',
    published_at: 'null',
    created_at: 'not null',
    updated_at: 'not null',
  },
})
