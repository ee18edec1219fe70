// Validates the built mini-program in dist/weapp without WeChat DevTools and without asking WeChat's servers:
// the files app.json promises, the tab-bar icons, the package sizes (measured as npm run size does), and
// miniprogram-ci's code analysis and compile (see scripts/lib/weapp.ts for how it is kept offline).
// npm test builds the weapp first; this test does not build it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  allPages,
  formatKB,
  MAIN_PACKAGE_BUDGET,
  measureWeapp,
  readAppJson,
  SUBPACKAGE_LIMIT,
  subPackagesOf,
  type AppJson,
  type WeappSizes,
} from './lib/size'
import {
  analyseOffline,
  compileOffline,
  MAX_TAB_ICON_BYTES,
  missingPageFiles,
  tabBarIcons,
  type AnalyseRun,
  type CompileRun,
} from './lib/weapp'

// WEAPP_DIR checks another build output (e.g. a copy), dist/weapp by default.
const weappDir = path.resolve(process.env.WEAPP_DIR || path.join(__dirname, '../dist/weapp'))

function requireBuild(): void {
  if (!fs.existsSync(path.join(weappDir, 'app.json'))) {
    throw new Error(`${path.join(weappDir, 'app.json')} is missing: build the mini-program first (npm run build:weapp; npm test does).`)
  }
}

describe(`weapp build (${path.relative(process.cwd(), weappDir) || '.'})`, () => {
  let app: AppJson
  let sizes: WeappSizes

  beforeAll(() => {
    requireBuild()
    app = readAppJson(weappDir)
    sizes = measureWeapp(weappDir)
  })

  test('app.json parses and names pages, subpackages and a tab bar', () => {
    expect(app.pages.length).toBeGreaterThan(0)
    expect(subPackagesOf(app).length).toBeGreaterThan(0)
    for (const p of subPackagesOf(app)) expect(p.pages.length).toBeGreaterThan(0)
    expect(new Set(allPages(app)).size).toBe(allPages(app).length)
    expect(app.tabBar?.list.length).toBeGreaterThanOrEqual(2)
    for (const item of app.tabBar!.list) expect(app.pages).toContain(item.pagePath)
  })

  test('project.config.json beside it points WeChat DevTools at the repository’s cloud functions', () => {
    const project = JSON.parse(fs.readFileSync(path.join(weappDir, 'project.config.json'), 'utf8'))
    expect(project.miniprogramRoot).toBe('./')
    expect(path.resolve(weappDir, project.cloudfunctionRoot)).toBe(path.resolve(__dirname, '..', 'cloudfunctions'))
  })

  test('sitemap.json lets WeChat’s search index the public pages only', () => {
    expect(app.sitemapLocation).toBe('sitemap.json')
    const sitemap = JSON.parse(fs.readFileSync(path.join(weappDir, 'sitemap.json'), 'utf8')) as { rules: { action: string; page: string }[] }
    const allowed = sitemap.rules.filter((r) => r.action === 'allow').map((r) => r.page)
    expect(allowed).toEqual(['pages/home/index', 'features/events/pages/detail/index', 'features/volunteer/pages/verify/index'])
    for (const page of allowed) expect(allPages(app)).toContain(page)
    expect(sitemap.rules.at(-1)).toEqual({ action: 'disallow', page: '*' })
  })

  test('every page of the main package and the subpackages has its .js, .json, .wxml and .wxss', () => {
    expect(missingPageFiles(weappDir, app)).toEqual([])
  })

  test('tab-bar icons are in the build, PNG, at most 40 KB each', () => {
    const icons = tabBarIcons(weappDir, app)
    expect(icons).toHaveLength(app.tabBar!.list.length * 2)
    expect(icons.filter((i) => i.problem).map((i) => `${i.file}: ${i.problem}`)).toEqual([])
    for (const icon of icons) expect(icon.bytes).toBeLessThanOrEqual(MAX_TAB_ICON_BYTES)
  })

  test(`the main package is under ${MAIN_PACKAGE_BUDGET / 1024} KB, each subpackage under 2 MB`, () => {
    const over = [
      ...(sizes.main.bytes >= MAIN_PACKAGE_BUDGET ? [`main package: ${formatKB(sizes.main.bytes)}`] : []),
      ...sizes.subPackages.filter((p) => p.bytes >= SUBPACKAGE_LIMIT).map((p) => `${p.root}: ${formatKB(p.bytes)}`),
    ]
    expect(over).toEqual([])
    expect(sizes.subPackages.map((p) => p.root).sort()).toEqual(subPackagesOf(app).map((p) => p.root).sort())
  })

  describe('miniprogram-ci, offline', () => {
    let analysis: AnalyseRun
    let compiled: CompileRun

    beforeAll(async () => {
      requireBuild()
      analysis = await analyseOffline(weappDir)
      // With project.config.json's settings (minification on), as an upload from DevTools would compile.
      compiled = await compileOffline(weappDir, { useProjectConfig: true })
    }, 90_000)

    test('the code analysis resolves every dependency and module', () => {
      expect(analysis.problems).toEqual([])
      expect(analysis.result.files.length).toBeGreaterThan(0)
    })

    test('the analysis splits the packages as size.ts does, byte for byte', () => {
      const byPackage: Record<string, number> = {}
      for (const f of analysis.result.files) {
        const key = f.subPackage ? f.subPackage.replace(/\/$/, '') : 'main'
        byPackage[key] = (byPackage[key] ?? 0) + f.size
      }
      const ours = Object.fromEntries([['main', sizes.main.bytes], ...sizes.subPackages.map((p) => [p.root, p.bytes])])
      expect(byPackage).toEqual(ours)
    })

    test('the compile reports no errors', () => {
      expect(compiled.error?.message).toBeUndefined()
      expect(compiled.failures).toEqual([])
      expect(Object.keys(compiled.files)).toContain('app.json')
      expect(() => JSON.parse(String(compiled.files['app.json']))).not.toThrow()
    })

    test('the compiled package holds exactly the files size.ts counts (*.LICENSE.txt left out)', () => {
      if (compiled.error) throw new Error('the compile failed, so there is no package to compare (see the compile test)')
      const counted = [sizes.main, ...sizes.subPackages].flatMap((p) => p.files.map((f) => f.path)).sort()
      expect(Object.keys(compiled.files).sort()).toEqual(counted)
      expect(Object.keys(compiled.files).filter((f) => f.endsWith('.LICENSE.txt'))).toEqual([])
    })

    test('project attributes came from the local function and nothing reached WeChat', () => {
      expect(compiled.attrCalls).toBeGreaterThan(0)
      // Whatever miniprogram-ci tried (the compile fetches the upload extension whitelist) was refused locally.
      const hosts = [...analysis.blockedRequests, ...compiled.blockedRequests].map((r) => r.replace(/^CONNECT /, ''))
      for (const host of hosts) expect(host).toMatch(/^(?:[\w-]+\.)*servicewechat\.com(?::443)?$/)
    })
  })

  describe('the checks catch a broken build', () => {
    let copy: string
    let removed: string[]

    beforeAll(() => {
      requireBuild()
      copy = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-broken-'))
      fs.cpSync(weappDir, copy, { recursive: true })
      // A subpackage page loses its template, a main-package page its config.
      const subPage = allPages(app).at(-1)!
      removed = [`${subPage}.wxml`, `${app.pages[0]}.json`]
      for (const f of removed) fs.rmSync(path.join(copy, f))
    })

    afterAll(() => {
      if (copy) fs.rmSync(copy, { recursive: true, force: true })
    })

    test('a missing page file is reported, by the file check and by the compile', async () => {
      expect(missingPageFiles(copy, app).sort()).toEqual([...removed].sort())
      const run = await compileOffline(copy)
      expect(run.error?.message).toContain(removed[0])
    }, 60_000)

    test('a tab-bar icon that is not a PNG or is over 40 KB is reported', () => {
      const [first, second] = app.tabBar!.list
      fs.writeFileSync(path.join(copy, first.iconPath!), Buffer.from('GIF89a not a png'))
      const png = fs.readFileSync(path.join(weappDir, second.iconPath!))
      fs.writeFileSync(path.join(copy, second.iconPath!), Buffer.concat([png, Buffer.alloc(MAX_TAB_ICON_BYTES)]))
      const problems = tabBarIcons(copy, app).filter((i) => i.problem)
      expect(problems.map((i) => i.file)).toEqual([first.iconPath, second.iconPath])
      expect(problems[0].problem).toBe('not a PNG')
      expect(problems[1].problem).toMatch(/over WeChat's 40 KB limit/)
    })
  })
})
