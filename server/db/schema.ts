// The database as Kysely sees it: every feature's tables, each declared beside its feature.
import type { CoreTables } from '../core/tables'
import type { AccountTables } from '../features/account/tables'
import type { AnnouncementsTables } from '../features/announcements/tables'
import type { AppointmentsTables } from '../features/appointments/tables'
import type { AuthTables } from '../features/auth/tables'
import type { CommunityTables } from '../features/community/tables'
import type { EventTables } from '../features/events/tables'
import type { HotlineTables } from '../features/hotline/tables'
import type { MessagesTables } from '../features/messages/tables'
import type { ModerationTables } from '../features/moderation/tables'
import type { ShuttleTables } from '../features/shuttle/tables'
import type { VolunteerTables } from '../features/volunteer/tables'

export interface Database
  extends CoreTables,
    CommunityTables,
    AccountTables,
    AuthTables,
    AnnouncementsTables,
    HotlineTables,
    MessagesTables,
    ModerationTables,
    AppointmentsTables,
    ShuttleTables,
    EventTables,
    VolunteerTables {}

// Kept for code that still imports them from here (appointments/service.ts).
export type { BookerRole } from '../features/appointments/tables'
