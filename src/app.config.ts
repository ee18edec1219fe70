// Tab pages live in the main package; every other page sits in its feature's subpackage so the main package
// stays small. Paths must match src/core/routes.ts (a test checks that they do).
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/grid/index', 'pages/me/index'],
  subPackages: [
    { root: 'features/auth/pages', pages: ['login/index'] },
    { root: 'features/onboarding/pages', pages: ['consent/index', 'register/index', 'privacy/index'] },
    { root: 'features/account/pages', pages: ['profile/index', 'data/index'] },
    { root: 'features/announcements/pages', pages: ['detail/index', 'manage/index', 'edit/index'] },
    { root: 'features/people/pages', pages: ['list/index', 'person/index'] },
    { root: 'features/services/pages', pages: ['coming-soon/index'] },
    { root: 'features/hotline/pages', pages: ['new/index', 'mine/index', 'detail/index', 'inbox/index', 'board/index', 'settings/index'] },
    { root: 'features/messages/pages', pages: ['list/index'] },
    {
      root: 'features/appointments/pages',
      pages: ['services/index', 'book/index', 'detail/index', 'mine/index', 'desk/index', 'manage/index', 'edit/index', 'proxy/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c62f3b',
    navigationBarTitleText: '红石榴 · 管道社区',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f7f3ef',
  },
  tabBar: {
    color: '#7a7a7a',
    selectedColor: '#c62f3b',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/grid/index', text: '我的网格', iconPath: 'assets/tab/grid.png', selectedIconPath: 'assets/tab/grid-on.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['features/onboarding/pages'] },
  },
  lazyCodeLoading: 'requiredComponents',
  __usePrivacyCheck__: true,
})
