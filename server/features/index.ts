// Every domain the backend serves, each declared in its own folder's module.ts. The HTTP server mounts each at
// POST /api/<domain> and runs its scheduled work; the one cloud function (`api`) routes to each by name and runs
// the same work on its timer; the migrator runs their migrations; the data export and account deletion take each one's part.
// Adding a domain is its folder and one line here (docs/architecture.md, "Adding a domain").
import { byDomain } from '../core/feature'
import { accountModule } from './account/module'
import { announcementsModule } from './announcements/module'
import { appointmentsModule } from './appointments/module'
import { authModule } from './auth/module'
import { communityModule } from './community/module'
import { eventsModule } from './events/module'
import { hotlineModule } from './hotline/module'
import { messagesModule } from './messages/module'
import { moderationModule } from './moderation/module'
import { peopleModule } from './people/module'
import { shuttleModule } from './shuttle/module'
import { volunteerModule } from './volunteer/module'

export const moduleList = [
  authModule,
  accountModule,
  communityModule,
  announcementsModule,
  peopleModule,
  hotlineModule,
  messagesModule,
  appointmentsModule,
  shuttleModule,
  eventsModule,
  volunteerModule,
  moderationModule,
] as const

export const modules = byDomain(moduleList)

export type DomainName = keyof typeof modules
