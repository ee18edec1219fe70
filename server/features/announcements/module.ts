import { defineModule } from '../../core/feature'
import { announcementsApi } from './handlers'
import { announcementsTables } from './tables'

/** Announcements a person wrote stay after their account is deleted (author_id keeps pointing at the anonymous row). */
export const announcementsModule = defineModule({ api: announcementsApi, tables: announcementsTables })
