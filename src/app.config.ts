import { TAB, appPages } from '../common/routes'

// Tab pages live in the main package; every other page sits in its feature's subpackage so the main package
// stays small. Both lists come from the route table, so a page added there is declared here too.
const { pages, subPackages } = appPages()
const path = (p: string) => p.slice(1)

export default defineAppConfig({
  pages,
  subPackages,
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
      { pagePath: path(TAB.home), text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: path(TAB.grid), text: '我的网格', iconPath: 'assets/tab/grid.png', selectedIconPath: 'assets/tab/grid-on.png' },
      { pagePath: path(TAB.me), text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png' },
    ],
  },
  preloadRule: {
    [path(TAB.home)]: { network: 'all', packages: ['features/onboarding/pages'] },
  },
  lazyCodeLoading: 'requiredComponents',
  __usePrivacyCheck__: true,
})
