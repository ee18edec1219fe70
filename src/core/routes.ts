// Every page path in one place; app.config.ts builds the page list from the same names.
export const TAB = {
  home: '/pages/home/index',
  grid: '/pages/grid/index',
  me: '/pages/me/index',
} as const

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
  comingSoon: '/features/services/pages/coming-soon/index',
  hotlineNew: '/features/hotline/pages/new/index',
  hotlineMine: '/features/hotline/pages/mine/index',
  hotlineDetail: '/features/hotline/pages/detail/index',
  hotlineInbox: '/features/hotline/pages/inbox/index',
  hotlineBoard: '/features/hotline/pages/board/index',
  hotlineSettings: '/features/hotline/pages/settings/index',
  messages: '/features/messages/pages/list/index',
  apptServices: '/features/appointments/pages/services/index',
  apptBook: '/features/appointments/pages/book/index',
  apptDetail: '/features/appointments/pages/detail/index',
  apptMine: '/features/appointments/pages/mine/index',
  apptDesk: '/features/appointments/pages/desk/index',
  apptManage: '/features/appointments/pages/manage/index',
  apptEdit: '/features/appointments/pages/edit/index',
  apptProxy: '/features/appointments/pages/proxy/index',
} as const

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const qs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return qs ? `${path}?${qs}` : path
}
