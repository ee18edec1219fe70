import { TAB, TAB_ITEMS, appPages } from '../common/routes'

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
    // On weapp the tab bar is our own (src/custom-tab-bar), since WeChat's native one cannot grow its 10 px labels
    // for 长辈版; H5 keeps Taro's, styled in app.scss. The list stays here: WeChat still needs it.
    custom: process.env.TARO_ENV === 'weapp',
    color: '#666666',
    selectedColor: '#c62f3b',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: TAB_ITEMS.map((t) => ({ pagePath: path(t.page), text: t.text, iconPath: t.icon, selectedIconPath: t.iconOn })),
  },
  preloadRule: {
    [path(TAB.home)]: { network: 'all', packages: ['features/onboarding/pages'] },
  },
  lazyCodeLoading: 'requiredComponents',
  // Which pages WeChat's search may index (config/sitemap.json, written beside app.json by the build).
  sitemapLocation: 'sitemap.json',
  __usePrivacyCheck__: true,
})
