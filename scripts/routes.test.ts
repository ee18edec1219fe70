// The page paths the code navigates to (common/routes.ts, re-exported by src/core/routes.ts) and the pages the app
// declares (src/app.config.ts) must be the same set: a route missing from the config fails at run time with "page not
// found", a page missing from the route table is unreachable through it.
import type { AppConfig } from '@tarojs/taro'
import { linkTo } from '../common/routes'
import { PAGE, TAB } from '../src/core/routes'

async function loadAppConfig(): Promise<AppConfig> {
  // app.config.ts calls the global that Taro's build provides.
  const g = globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig }
  g.defineAppConfig = (config) => config
  try {
    return (await import('../src/app.config')).default
  } finally {
    delete g.defineAppConfig
  }
}

describe('routes.ts and app.config.ts agree', () => {
  let config: AppConfig
  let declared: string[]

  beforeAll(async () => {
    config = await loadAppConfig()
    const subPackages = config.subPackages ?? config.subpackages ?? []
    declared = [
      ...(config.pages ?? []),
      ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/+$/, '')}/${page}`)),
    ].map((p) => `/${p}`)
  })

  const routed = [...Object.values(TAB), ...Object.values(PAGE)]

  test('every route in TAB and PAGE is a declared page', () => {
    expect(routed.filter((r) => !declared.includes(r))).toEqual([])
  })

  test('every declared page has a route in TAB or PAGE', () => {
    expect(declared.filter((p) => !(routed as string[]).includes(p))).toEqual([])
  })

  test('no page is declared or routed twice', () => {
    expect(new Set(declared).size).toBe(declared.length)
    expect(new Set(routed).size).toBe(routed.length)
  })

  test('TAB is the tab bar, in the main package', () => {
    expect(config.tabBar?.list.map((item) => `/${item.pagePath}`)).toEqual(Object.values(TAB))
    for (const tab of Object.values(TAB)) expect(config.pages).toContain(tab.slice(1))
  })
})

describe('links from the route table', () => {
  test('linkTo builds the path with its query, leaving out what is not given', () => {
    expect(linkTo('hotlineDetail', { id: 3 })).toBe('/features/hotline/pages/detail/index?id=3')
    expect(linkTo('apptBook', { serviceId: 2, forName: '李桂芳', day: undefined })).toBe(
      '/features/appointments/pages/book/index?serviceId=2&forName=%E6%9D%8E%E6%A1%82%E8%8A%B3',
    )
    expect(linkTo('messages')).toBe('/features/messages/pages/list/index')
  })
})
