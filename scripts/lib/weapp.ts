// Offline checks of the built mini-program (dist/weapp): the files app.json promises, the tab-bar icons, and
// miniprogram-ci's code analysis and compile, run so that nothing is sent to WeChat's servers.
//
// How miniprogram-ci is kept offline (miniprogram-ci 2.1.x):
// - The compile reads the project's attributes (package limits, tab-bar limits) through `project.attr()`, which
//   by default posts the appid with a signature to servicewechat.com. `project.attr` is replaced by a local function.
// - The compile also fetches the upload file-extension whitelist from servicewechat.com (a plain GET, falling
//   back to the list built into miniprogram-ci when it fails). Every HTTP(S) request miniprogram-ci makes, in this
//   process or in the compiler process it forks, goes through a local proxy that refuses it and records the host.
// - `ci.analyseCode` leaves a file watcher open (the process never exits); the same analyser class is used directly
//   so it can be closed. `ci.getCompiledResult` forks a compiler process it never stops; the Builder it creates is
//   caught on its way (Builder.prototype.getCompiler) and destroyed afterwards.
import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import type * as MiniprogramCiModule from 'miniprogram-ci'
import type { IAnalyseResult } from 'miniprogram-ci/dist/common/code-analyse'
import { allPages, type AppJson } from './size'

/** Files a page needs in the build. WeChat itself requires only .js and .wxml; Taro emits all four. */
export const PAGE_EXTENSIONS = ['.js', '.json', '.wxml', '.wxss'] as const
/** WeChat's limit for one tab-bar icon. */
export const MAX_TAB_ICON_BYTES = 40 * 1024

/** `<page>.<ext>` files that app.json's pages (main package and subpackages) lack in the build. */
export function missingPageFiles(weappDir: string, app: AppJson): string[] {
  return allPages(app).flatMap((page) =>
    PAGE_EXTENSIONS.map((ext) => `${page}${ext}`).filter((file) => !fs.existsSync(path.join(weappDir, file))),
  )
}

export interface TabIcon {
  pagePath: string
  /** As written in app.json. */
  file: string
  bytes?: number
  width?: number
  height?: number
  /** Why WeChat would refuse it; undefined when it is fine. */
  problem?: string
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Every tab-bar icon app.json names, with its size and dimensions and what is wrong with it, if anything. */
export function tabBarIcons(weappDir: string, app: AppJson): TabIcon[] {
  const icons: TabIcon[] = []
  for (const item of app.tabBar?.list ?? []) {
    for (const file of [item.iconPath, item.selectedIconPath]) {
      if (file === undefined) continue
      const icon: TabIcon = { pagePath: item.pagePath, file }
      icons.push(icon)
      if (/^[a-z]+:/i.test(file)) {
        icon.problem = 'not a local file (the tab bar takes local images only)'
        continue
      }
      const full = path.join(weappDir, file.replace(/^\//, ''))
      if (!fs.existsSync(full)) {
        icon.problem = 'missing from the build'
        continue
      }
      const data = fs.readFileSync(full)
      icon.bytes = data.length
      if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) {
        icon.problem = 'not a PNG'
        continue
      }
      // The IHDR chunk comes first: width and height as big-endian 32-bit integers.
      icon.width = data.readUInt32BE(16)
      icon.height = data.readUInt32BE(20)
      if (data.length > MAX_TAB_ICON_BYTES) icon.problem = `${data.length} bytes, over WeChat's 40 KB limit`
    }
  }
  return icons
}

// ---------------------------------------------------------------------------------------------------------------
// miniprogram-ci, offline

type MiniprogramCi = typeof MiniprogramCiModule
type CiProject = InstanceType<MiniprogramCi['Project']>

/**
 * What `project.attr()` answers instead of WeChat's getattr service: the shape of miniprogram-ci's
 * MiniProgramCI.IProjectAttr, with miniprogram-ci's own defaults (DefaultProjectAttr) except the whole-app limit,
 * which WeChat has since raised to 20 MB. Sizes are in MB, the icon size in KB.
 */
export const OFFLINE_PROJECT_ATTR = {
  platform: false,
  appType: 0,
  isSandbox: false,
  released: false,
  setting: {
    MaxCodeSize: 2,
    MaxSubpackageSubCodeSize: 2,
    MaxSubpackageFullCodeSize: 20,
    NavigateMiniprogramLimit: 10,
    MaxSubPackageLimit: 100,
    MinTabbarCount: 2,
    MaxTabbarCount: 5,
    MaxCustomTabbarCount: 10,
    MaxTabbarIconSize: 40,
  },
}

export interface CiRun {
  /** Lines miniprogram-ci printed (it logs freely); kept for failure messages instead of flooding the output. */
  logs: string[]
  /** Hosts miniprogram-ci tried to reach; every attempt was refused by the local proxy. */
  blockedRequests: string[]
  /** How many times the compile asked the project for its attributes (answered locally). */
  attrCalls: number
}

export interface AnalyseRun extends CiRun {
  result: IAnalyseResult
  /** Dependencies the analyser could not resolve and modules it could not build. */
  problems: string[]
}

export interface CompileRun extends CiRun {
  /** The compiled code package: path to content, as miniprogram-ci would upload it. */
  files: Record<string, string | Buffer>
  /** The error the compile threw (app.json errors, missing page files, icon limits, ...). */
  error?: Error & { code?: number }
  /** Progress reports with status "fail" or "warn". */
  failures: string[]
  warnings: string[]
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const

/**
 * Runs `fn` with miniprogram-ci's console output captured and all its HTTP(S) traffic sent to a local proxy that
 * refuses it (the environment variables reach the compiler process it forks; `ci.proxy` covers this process).
 */
async function offline<T>(fn: (ci: MiniprogramCi, run: CiRun) => Promise<T>): Promise<T & CiRun> {
  const run: CiRun = { logs: [], blockedRequests: [], attrCalls: 0 }
  const saved = CONSOLE_METHODS.map((m) => [m, console[m]] as const)
  for (const m of CONSOLE_METHODS) {
    console[m] = (...args: unknown[]) => {
      run.logs.push(args.map((a) => (a instanceof Error ? a.stack ?? a.message : String(a))).join(' '))
    }
  }
  const proxyServer = http.createServer((req, res) => {
    run.blockedRequests.push(`${req.method} ${req.url}`)
    res.writeHead(502).end()
  })
  proxyServer.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    run.blockedRequests.push(`CONNECT ${req.url}`)
    socket.destroy()
  })
  await new Promise<void>((resolve) => proxyServer.listen(0, '127.0.0.1', resolve))
  const proxyUrl = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}`
  const envKeys = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const
  const savedEnv = envKeys.map((k) => [k, process.env[k]] as const)
  for (const k of envKeys) process.env[k] = k.toLowerCase() === 'no_proxy' ? '' : proxyUrl
  try {
    // Loaded here so that what it prints on load is captured too.
    const ci: MiniprogramCi = await import('miniprogram-ci')
    ci.proxy(proxyUrl)
    try {
      return { ...(await fn(ci, run)), ...run }
    } finally {
      ci.proxy('')
    }
  } finally {
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    await new Promise<void>((resolve) => proxyServer.close(() => resolve()))
    for (const [m, f] of saved) console[m] = f
  }
}

/** A ci.Project on the build directory whose attributes come from OFFLINE_PROJECT_ATTR. */
function offlineProject(ci: MiniprogramCi, weappDir: string, run: CiRun): { project: CiProject; cleanup: () => void } {
  const configFile = path.join(weappDir, 'project.config.json')
  const rootConfig = path.resolve(__dirname, '../../project.config.json')
  const config = [configFile, rootConfig].find((f) => fs.existsSync(f))
  const appid = (config && (JSON.parse(fs.readFileSync(config, 'utf8')) as { appid?: string }).appid) || 'touristappid'
  // The constructor insists on a private key; nothing signs with it, since attr() is answered locally.
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-ci-'))
  const privateKeyPath = path.join(keyDir, `private.${appid}.key`)
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  })
  fs.writeFileSync(privateKeyPath, privateKey)
  const project = new ci.Project({ type: 'miniProgram', appid, projectPath: weappDir, privateKeyPath })
  project.attr = async () => {
    run.attrCalls += 1
    return structuredClone(OFFLINE_PROJECT_ATTR)
  }
  return { project, cleanup: () => fs.rmSync(keyDir, { recursive: true, force: true }) }
}

/**
 * miniprogram-ci's code analysis (what `ci.analyseCode` returns: every file with its package, the module graph),
 * plus the dependencies it could not resolve, which `ci.analyseCode` only prints.
 */
export async function analyseOffline(weappDir: string): Promise<AnalyseRun> {
  return offline(async () => {
    const { Analyzer } = await import('miniprogram-ci/dist/common/code-analyse')
    const problems: string[] = []
    const analyzer = new Analyzer({
      root: weappDir,
      type: 'miniprogram',
      plugins: [
        {
          name: 'collect-problems',
          onDepResolveFailed: (dep, error) =>
            problems.push(`${dep.originModule?.path ?? '?'}: cannot resolve "${dep.request}": ${error.message}`),
          onModuleBuildFailed: (module, _cost, error) => problems.push(`${module.path}: ${error.message}`),
        },
      ],
    })
    try {
      await analyzer.analyse()
      const result = analyzer.serialize()
      if (!result) throw new Error('miniprogram-ci analysed nothing')
      return { result, problems }
    } finally {
      analyzer.destroy()
    }
  })
}

/**
 * `ci.getCompiledResult` on the build: the code package as an upload would send it. The compile validates app.json
 * (fields, pages and their files, tab bar and its icons) and each page's JSON, WXML and WXSS. With `useProjectConfig`
 * it applies project.config.json's settings (minification), as DevTools does when uploading; that takes longer.
 */
export async function compileOffline(weappDir: string, opts: { useProjectConfig?: boolean } = {}): Promise<CompileRun> {
  return offline(async (ci, run) => {
    const { project, cleanup } = offlineProject(ci, weappDir, run)
    const builders: InstanceType<MiniprogramCi['Builder']>[] = []
    const getCompiler = ci.Builder.prototype.getCompiler
    ci.Builder.prototype.getCompiler = function (this: InstanceType<MiniprogramCi['Builder']>) {
      builders.push(this)
      return getCompiler.call(this)
    }
    const failures: string[] = []
    const warnings: string[] = []
    let files: Record<string, string | Buffer> = {}
    let error: CompileRun['error']
    try {
      files = await ci.getCompiledResult({
        project,
        version: '0.0.0',
        setting: { useProjectConfig: opts.useProjectConfig ?? false },
        onProgressUpdate: (task) => {
          if (typeof task === 'string') return
          if (task.status === 'fail') failures.push(`${task.id}: ${task.message}`)
          if (task.status === 'warn') warnings.push(`${task.id}: ${task.message}`)
        },
      })
    } catch (err) {
      error = err as CompileRun['error']
    } finally {
      ci.Builder.prototype.getCompiler = getCompiler
      // Stops the compiler process the compile forked.
      for (const builder of builders) builder.destroy()
      cleanup()
    }
    return { files, error, failures, warnings }
  })
}
