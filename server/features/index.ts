// Every domain the backend serves. The HTTP server mounts each at POST /api/<domain>; the cloud build writes one
// function per domain. Adding a domain here is all it takes to expose it on both.
import { accountModule } from './account/handlers'
import { announcementsModule } from './announcements/handlers'
import { appointmentsModule } from './appointments/handlers'
import { authModule } from './auth/handlers'
import { communityModule } from './community/handlers'
import { hotlineModule } from './hotline/handlers'
import { messagesModule } from './messages/handlers'
import { peopleModule } from './people/handlers'

export const modules = {
  auth: authModule,
  account: accountModule,
  community: communityModule,
  announcements: announcementsModule,
  people: peopleModule,
  hotline: hotlineModule,
  messages: messagesModule,
  appointments: appointmentsModule,
}

export type DomainName = keyof typeof modules
