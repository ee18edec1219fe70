// Every page of the app by name. The client navigates with it, app.config.ts builds its page list from it and the
// server writes links into notices with it (消息中心 opens them), so a moved page cannot leave a dead link behind.
// Code both sides run: nothing from Taro here.

/** Tab pages, in tab-bar order; they live in the main package. */
export const TAB = {
  home: '/pages/home/index',
  grid: '/pages/grid/index',
  me: '/pages/me/index',
} as const

/** The tab bar: the native one's list (app.config.ts) and the custom one drawn on weapp (src/custom-tab-bar). */
export const TAB_ITEMS = [
  { page: TAB.home, text: '首页', icon: 'assets/tab/home.png', iconOn: 'assets/tab/home-on.png' },
  { page: TAB.grid, text: '我的网格', icon: 'assets/tab/grid.png', iconOn: 'assets/tab/grid-on.png' },
  { page: TAB.me, text: '我的', icon: 'assets/tab/me.png', iconOn: 'assets/tab/me-on.png' },
] as const

/** Which tab a route is ('pages/me/index' or '/pages/me/index'); -1 for a page that is not a tab. */
export function tabIndexOf(route: string | undefined): number {
  if (!route) return -1
  const path = (route.startsWith('/') ? route : `/${route}`).split('?')[0]
  return TAB_ITEMS.findIndex((t) => t.page === path)
}

/** Every other page, each in its feature's subpackage (/features/<feature>/pages/<page>/index). */
export const PAGE = {
  login: '/features/auth/pages/login/index',
  consent: '/features/onboarding/pages/consent/index',
  register: '/features/onboarding/pages/register/index',
  privacyNotice: '/features/onboarding/pages/privacy/index',
  profile: '/features/account/pages/profile/index',
  myData: '/features/account/pages/data/index',
  announcement: '/features/announcements/pages/detail/index',
  manageAnnouncements: '/features/announcements/pages/manage/index',
  editAnnouncement: '/features/announcements/pages/edit/index',
  people: '/features/people/pages/list/index',
  person: '/features/people/pages/person/index',
  accessLog: '/features/people/pages/access/index',
  comingSoon: '/features/services/pages/coming-soon/index',
  hotlineNew: '/features/hotline/pages/new/index',
  hotlineMine: '/features/hotline/pages/mine/index',
  hotlineDetail: '/features/hotline/pages/detail/index',
  hotlineInbox: '/features/hotline/pages/inbox/index',
  hotlineBoard: '/features/hotline/pages/board/index',
  hotlineSettings: '/features/hotline/pages/settings/index',
  messages: '/features/messages/pages/list/index',
  messageSettings: '/features/messages/pages/settings/index',
  moderation: '/features/moderation/pages/queue/index',
  apptServices: '/features/appointments/pages/services/index',
  apptBook: '/features/appointments/pages/book/index',
  apptDetail: '/features/appointments/pages/detail/index',
  apptMine: '/features/appointments/pages/mine/index',
  apptDesk: '/features/appointments/pages/desk/index',
  apptManage: '/features/appointments/pages/manage/index',
  apptEdit: '/features/appointments/pages/edit/index',
  apptProxy: '/features/appointments/pages/proxy/index',
  companions: '/features/account/pages/companions/index',
  shuttle: '/features/shuttle/pages/timetable/index',
  shuttleBook: '/features/shuttle/pages/book/index',
  shuttlePass: '/features/shuttle/pages/pass/index',
  shuttleWait: '/features/shuttle/pages/wait/index',
  shuttleMine: '/features/shuttle/pages/mine/index',
  shuttleRuns: '/features/shuttle/pages/runs/index',
  shuttleManifest: '/features/shuttle/pages/manifest/index',
  shuttleManage: '/features/shuttle/pages/manage/index',
  events: '/features/events/pages/list/index',
  event: '/features/events/pages/detail/index',
  eventSignup: '/features/events/pages/signup/index',
  eventWait: '/features/events/pages/wait/index',
  eventMine: '/features/events/pages/mine/index',
  eventOrganise: '/features/events/pages/organise/index',
  eventEdit: '/features/events/pages/edit/index',
  eventDesk: '/features/events/pages/desk/index',
  volunteer: '/features/volunteer/pages/home/index',
  volunteerTeams: '/features/volunteer/pages/teams/index',
  volunteerShift: '/features/volunteer/pages/shift/index',
  volunteerRecords: '/features/volunteer/pages/records/index',
  volunteerLead: '/features/volunteer/pages/lead/index',
  volunteerPublish: '/features/volunteer/pages/publish/index',
  volunteerDesk: '/features/volunteer/pages/desk/index',
  volunteerCertificates: '/features/volunteer/pages/certificates/index',
  volunteerCertificate: '/features/volunteer/pages/certificate/index',
  volunteerIssue: '/features/volunteer/pages/issue/index',
  volunteerVerify: '/features/volunteer/pages/verify/index',
} as const

export type PageName = keyof typeof PAGE

/** What each page reads from its query; a page missing here takes none. */
export interface PageQueries {
  announcement: { id: number }
  editAnnouncement: { id?: number }
  person: { id: number }
  comingSoon: { service: string }
  hotlineDetail: { id: number }
  apptServices: { for?: number; forName?: string }
  // `for` is passed on from apptServices' own query, as it came.
  apptBook: { serviceId: number; reschedule?: number; current?: string; day?: string; for?: number | string; forName?: string }
  apptDetail: { id: number }
  apptEdit: { id?: number }
  shuttle: { direction?: string; day?: string }
  shuttleBook: { departureId: number; stopId?: number; trainNo?: string; trainAt?: string }
  shuttlePass: { id: number }
  shuttleWait: { id: number }
  shuttleManifest: { id: number }
  events: { category?: string }
  event: { id: number }
  eventSignup: { id: number }
  eventWait: { id: number }
  eventEdit: { id?: number }
  eventDesk: { id: number }
  volunteerShift: { id: number }
  volunteerLead: { teamId?: number; tab?: string }
  volunteerPublish: { teamId?: number; eventId?: number }
  volunteerDesk: { id: number }
  volunteerCertificate: { id: number }
  volunteerVerify: { number?: string }
}

type QueryArgs<P extends PageName> = P extends keyof PageQueries ? [query: PageQueries[P]] : []

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return qs ? `${path}?${qs}` : path
}

/** A link to a page with the query it expects: linkTo('hotlineDetail', { id: 3 }). */
export function linkTo<P extends PageName>(page: P, ...query: QueryArgs<P>): string {
  const q = query[0] as Record<string, string | number | undefined> | undefined
  return q ? withQuery(PAGE[page], q) : PAGE[page]
}

/** The page list of app.config.ts: tab pages in the main package, the rest grouped into one subpackage per feature. */
export function appPages(): { pages: string[]; subPackages: { root: string; pages: string[] }[] } {
  const subPackages: { root: string; pages: string[] }[] = []
  for (const path of Object.values(PAGE)) {
    const m = /^\/(features\/[a-z-]+\/pages)\/(.+)$/.exec(path)
    if (!m) throw new Error(`A page outside a feature's subpackage: ${path}`)
    const pkg = subPackages.find((p) => p.root === m[1])
    if (pkg) pkg.pages.push(m[2])
    else subPackages.push({ root: m[1], pages: [m[2]] })
  }
  return { pages: Object.values(TAB).map((p) => p.slice(1)), subPackages }
}
