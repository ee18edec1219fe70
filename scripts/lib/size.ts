// Measures the built apps: the weapp code packages (main package and each subpackage, the way WeChat counts them)
// and the JavaScript an H5 visitor downloads before the first page shows. Used by `npm run size` and the tests.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

export const KB = 1024
/** The project's budget for the weapp main package (WeChat's own limit is 2 MB); scripts/weapp.test.ts enforces it. */
export const MAIN_PACKAGE_BUDGET = 600 * KB
/** WeChat's limit for one subpackage. */
export const SUBPACKAGE_LIMIT = 2 * KB * KB

/** Sizes in KB (1 KB = 1024 bytes), one decimal. */
export function formatKB(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`
}

/** Every file under `dir`, as POSIX paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(child)
      else if (entry.isFile()) out.push(child)
    }
  }
  walk('')
  return out.sort()
}

// ---------------------------------------------------------------------------------------------------------------
// weapp

export interface SubPackageJson {
  root: string
  name?: string
  pages: string[]
  independent?: boolean
}

export interface TabBarItemJson {
  pagePath: string
  text?: string
  iconPath?: string
  selectedIconPath?: string
}

/** The parts of the built app.json that the measurements and checks read. */
export interface AppJson {
  pages: string[]
  subPackages?: SubPackageJson[]
  subpackages?: SubPackageJson[]
  tabBar?: { custom?: boolean; list: TabBarItemJson[] }
  [key: string]: unknown
}

/** Reads and parses dist/weapp/app.json; the error names the file when it is missing or not JSON. */
export function readAppJson(weappDir: string): AppJson {
  const file = path.join(weappDir, 'app.json')
  if (!fs.existsSync(file)) throw new Error(`${file} not found: build the mini-program first (npm run build:weapp)`)
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`)
  }
  if (!json || typeof json !== 'object' || !Array.isArray((json as AppJson).pages)) {
    throw new Error(`${file} has no "pages" array`)
  }
  return json as AppJson
}

/** WeChat accepts both spellings; a root is compared without leading "./" or a trailing slash. */
export function subPackagesOf(app: AppJson): SubPackageJson[] {
  return [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => ({ ...p, root: normalizeRoot(p.root) }))
}

function normalizeRoot(root: string): string {
  return root.replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/\/+$/, '')
}

/** Every page route in the app: the main package's pages, then each subpackage's pages prefixed with its root. */
export function allPages(app: AppJson): string[] {
  return [...app.pages, ...subPackagesOf(app).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}

/**
 * Whether a file of the build goes into the uploaded code package. Webpack's *.LICENSE.txt files do not: `.txt`
 * is not on the mini-program upload whitelist (miniprogram-ci's MiniProgramWhiteList), and the compile step of
 * miniprogram-ci leaves them out of its result (scripts/weapp.test.ts checks that against this function).
 */
export function isUploaded(file: string): boolean {
  return !file.endsWith('.LICENSE.txt')
}

export interface PackageSize {
  /** "main", or the subpackage's name (its root when it has none). */
  name: string
  /** The subpackage root; empty for the main package. */
  root: string
  bytes: number
  files: { path: string; bytes: number }[]
}

export interface WeappSizes {
  main: PackageSize
  subPackages: PackageSize[]
  total: number
  /** Files in the build that are not uploaded (and not counted). */
  excluded: { path: string; bytes: number }[]
}

/**
 * Splits dist/weapp into the code packages WeChat builds: a file belongs to the subpackage whose root contains
 * it, everything else (app.*, runtime, vendors, tab pages, assets, ...) to the main package.
 */
export function measureWeapp(weappDir: string): WeappSizes {
  const app = readAppJson(weappDir)
  const subs = subPackagesOf(app)
  const main: PackageSize = { name: 'main', root: '', bytes: 0, files: [] }
  const packages = new Map(subs.map((p) => [p.root, { name: p.name || p.root, root: p.root, bytes: 0, files: [] } as PackageSize]))
  // Longest root first, so a file is matched to the most specific root.
  const roots = [...packages.keys()].sort((a, b) => b.length - a.length)
  const excluded: WeappSizes['excluded'] = []
  for (const file of listFiles(weappDir)) {
    const bytes = fs.statSync(path.join(weappDir, file)).size
    if (!isUploaded(file)) {
      excluded.push({ path: file, bytes })
      continue
    }
    const root = roots.find((r) => file.startsWith(`${r}/`))
    const pkg = root === undefined ? main : packages.get(root)!
    pkg.bytes += bytes
    pkg.files.push({ path: file, bytes })
  }
  const subPackages = [...packages.values()]
  return { main, subPackages, total: main.bytes + subPackages.reduce((n, p) => n + p.bytes, 0), excluded }
}

// ---------------------------------------------------------------------------------------------------------------
// H5

export interface H5Asset {
  /** Path relative to dist/h5. */
  file: string
  /** Why it is loaded before the first page shows. */
  via: 'script tag' | `first page (${string})`
  raw: number
  gzip: number
}

export interface H5FirstLoad {
  firstPage: string | null
  assets: H5Asset[]
  raw: number
  gzip: number
}

/** Bytes after gzip at node:zlib's default level (6, what most servers use). */
export function gzipSize(data: Buffer): number {
  return zlib.gzipSync(data).length
}

/** The local JS files named by <script src> in index.html, relative to the H5 output directory. */
export function scriptTagFiles(h5Dir: string, html = fs.readFileSync(path.join(h5Dir, 'index.html'), 'utf8')): string[] {
  const files: string[] = []
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag)
    const url = src && (src[1] ?? src[2] ?? src[3])
    if (!url || /^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:')) continue
    files.push(url.split(/[?#]/)[0].replace(/^\.?\//, ''))
  }
  return files
}

/**
 * The chunks Taro's H5 router loads for the first route: the app bundle holds `routes=[{path:"…",load:…}]`, and
 * the first route's loader calls the webpack runtime's chunk loader (`<req>.e(<id>)`) once per chunk it needs.
 * Chunk ids map to files through the runtime's filename table when present, else the `js/<id>.<hash>.js` naming.
 */
export function firstPageChunks(h5Dir: string, entryFiles: string[]): { page: string | null; files: string[] } {
  const sources = entryFiles.map((f) => fs.readFileSync(path.join(h5Dir, f), 'utf8'))
  for (const src of sources) {
    const route = /\.routes\s*=\s*\[\s*Object\.assign\(\s*\{\s*"path"\s*:\s*"([^"]+)"\s*,\s*"load"\s*:/.exec(src)
    if (!route) continue
    // The first route's loader (and page config) runs up to the next route's path.
    const rest = src.slice(route.index + route[0].length)
    const next = rest.search(/"path"\s*:/)
    const body = next >= 0 ? rest.slice(0, next) : rest.slice(0, 4000)
    const ids = [...body.matchAll(/[\w$]+\.e\(\s*(\d+|"[^"]+")\s*\)/g)].map((m) => m[1].replace(/"/g, ''))
    const files = ids.map((id) => chunkFile(h5Dir, sources, id))
    return { page: route[1], files: files.filter((f): f is string => f !== null) }
  }
  return { page: null, files: [] }
}

function chunkFile(h5Dir: string, sources: string[], id: string): string | null {
  const jsDir = path.join(h5Dir, 'js')
  const candidates = fs.existsSync(jsDir) ? fs.readdirSync(jsDir) : []
  // webpack 5 runtime: `<req>.u=function(e){return"js/"+e+"."+{25:"62dae86a",…}[e]+".js"}`
  for (const src of sources) {
    const table = /\.u\s*=\s*function\s*\(\s*([\w$]+)\s*\)\s*\{\s*return\s*"([^"]*)"\s*\+\s*\1\s*\+\s*"([^"]*)"\s*\+\s*\{([^}]*)\}\s*\[\s*\1\s*\]\s*\+\s*"([^"]*)"/.exec(src)
    if (!table) continue
    const entry = new RegExp(`(?:^|,)\\s*"?${id}"?\\s*:\\s*"([^"]+)"`).exec(table[4])
    if (entry) {
      const file = `${table[2]}${id}${table[3]}${entry[1]}${table[5]}`
      if (fs.existsSync(path.join(h5Dir, file))) return file
    }
  }
  const byName = candidates.find((f) => f.startsWith(`${id}.`) && f.endsWith('.js'))
  return byName ? `js/${byName}` : null
}

/** The JS the browser fetches before the first page renders: script-tag bundles plus the first route's chunks. */
export function measureH5FirstLoad(h5Dir: string): H5FirstLoad {
  const index = path.join(h5Dir, 'index.html')
  if (!fs.existsSync(index)) throw new Error(`${index} not found: build the H5 app first (npm run build:h5)`)
  const entries = scriptTagFiles(h5Dir)
  const missing = entries.filter((f) => !fs.existsSync(path.join(h5Dir, f)))
  if (missing.length) throw new Error(`index.html names scripts that are not in ${h5Dir}: ${missing.join(', ')}`)
  const first = firstPageChunks(h5Dir, entries)
  const assets: H5Asset[] = []
  const seen = new Set<string>()
  const add = (file: string, via: H5Asset['via']) => {
    if (seen.has(file)) return
    seen.add(file)
    const data = fs.readFileSync(path.join(h5Dir, file))
    assets.push({ file, via, raw: data.length, gzip: gzipSize(data) })
  }
  for (const f of entries) add(f, 'script tag')
  for (const f of first.files) add(f, `first page (${first.page})`)
  return {
    firstPage: first.page,
    assets,
    raw: assets.reduce((n, a) => n + a.raw, 0),
    gzip: assets.reduce((n, a) => n + a.gzip, 0),
  }
}
