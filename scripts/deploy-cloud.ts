// npm run deploy:cloud — deploys the backend to WeChat cloud development, in this order:
//   1. build      npm run build:cloud: cloudfunctions/api/ (index.js, lazy/, package.json, config.json)
//   2. migrate    npm run migrate against DATABASE_URL, before the new code is up: the function only checks the
//                 schema at a cold start and refuses while it is behind. The running version keeps serving on
//                 the migrated database until the upload lands, so migrations must leave it working (add, do
//                 not rename or drop in the same release).
//   3. upload     the function "api" with miniprogram-ci, its dependencies (wx-server-sdk, pg) installed in the
//                 cloud; config.json goes with the code and carries the openapi permissions.
//   4. configure  the function's timeout, 20 s (WeChat's default of 3 s is too short for a cold start).
//   5. trigger    the timer, from config.json.
//
//   npm run deploy:cloud -- --dry-run    prints the steps and what they would use; builds, migrates and sends nothing
//
// Needs CLOUD_ENV (the cloud environment id, as for build:weapp), DATABASE_URL (the PostgreSQL the function uses),
// WECHAT_APPID (the mini-program's AppID) and MINIPROGRAM_CI_KEY (the path to its code-upload key: MP console →
// 开发管理 → 开发设置 → 小程序代码上传, with this machine's IP in the key's whitelist). docs/cloud-functions.md.
import fs from 'node:fs'
import path from 'node:path'
import type * as MiniprogramCi from 'miniprogram-ci'
import { CLOUD_FUNCTION } from '../common/cloud'
import { cloudFunctionConfig } from '../server/cloud/config'
import { kb } from './build-cloud'
import { describeTarget } from './migrate'

const root = path.resolve(__dirname, '..')
const fnDir = path.join(root, 'cloudfunctions', CLOUD_FUNCTION)

export interface DeploySettings {
  cloudEnv: string
  databaseUrl: string
  appid: string
  keyFile: string
}

export interface Step {
  name: 'build' | 'migrate' | 'upload' | 'configure' | 'trigger'
  /** What the step does, as printed. */
  says: string
}

const REQUIRED = {
  CLOUD_ENV: 'the cloud environment id (云开发控制台 → 设置 → 环境 ID)',
  DATABASE_URL: 'the PostgreSQL URL the function uses (postgres://…)',
  WECHAT_APPID: "the mini-program's AppID (wx…)",
  MINIPROGRAM_CI_KEY: 'the path to the code-upload private key (MP console → 开发管理 → 开发设置 → 小程序代码上传)',
} as const

/** The settings from the environment, or every problem with them at once. */
export function deploySettings(env: NodeJS.ProcessEnv): DeploySettings {
  const problems: string[] = []
  for (const [name, what] of Object.entries(REQUIRED)) if (!env[name]) problems.push(`  ${name}: required — ${what}`)
  if (env.CLOUD_ENV && !/^[a-z0-9][a-z0-9-]{1,63}$/i.test(env.CLOUD_ENV)) problems.push(`  CLOUD_ENV: ${JSON.stringify(env.CLOUD_ENV)} is not a cloud environment id`)
  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//i.test(env.DATABASE_URL)) problems.push('  DATABASE_URL: the cloud function uses PostgreSQL; give a postgres:// URL')
  if (env.WECHAT_APPID && !/^wx[0-9a-f]{16}$/i.test(env.WECHAT_APPID)) problems.push(`  WECHAT_APPID: ${JSON.stringify(env.WECHAT_APPID)} is not an AppID (wx and 16 hex digits)`)
  if (problems.length) throw new Error(`Cannot deploy:\n${problems.join('\n')}`)
  return { cloudEnv: env.CLOUD_ENV!, databaseUrl: env.DATABASE_URL!, appid: env.WECHAT_APPID!, keyFile: env.MINIPROGRAM_CI_KEY! }
}

/** The steps, in order, with what each would use (no secret shown). */
export function deployPlan(s: DeploySettings): Step[] {
  const config = cloudFunctionConfig()
  const trigger = config.triggers[0]
  return [
    { name: 'build', says: `npm run build:cloud → ${path.relative(root, fnDir)}/` },
    { name: 'migrate', says: `npm run migrate → ${describeTarget({ DATABASE_URL: s.databaseUrl, NODE_ENV: 'production' } as unknown as NodeJS.ProcessEnv)}` },
    { name: 'upload', says: `function "${CLOUD_FUNCTION}" to environment ${s.cloudEnv} of ${s.appid}, dependencies installed in the cloud (miniprogram-ci, key ${s.keyFile})` },
    { name: 'configure', says: `timeout ${config.timeout} s` },
    { name: 'trigger', says: `timer "${trigger.name}" ${trigger.config}; openapi ${config.permissions.openapi.join(', ')} (config.json)` },
  ]
}

type Ci = typeof MiniprogramCi

/**
 * The timeout, through the cloud API miniprogram-ci's own upload uses (UpdateFunctionConfiguration); its public
 * API uploads code and triggers only. A failure says what to set by hand.
 */
async function configureTimeout(project: InstanceType<Ci['Project']>, s: DeploySettings, timeout: number) {
  try {
    const cloudApi = (await import('miniprogram-ci/dist/common/cloud-api')) as unknown as CloudApi
    const { initCloudAPI, boundTransactRequest } = (await import('miniprogram-ci/dist/ci/cloud/cloudapi')) as unknown as CloudApiSession
    initCloudAPI((await project.getExtAppid()) || s.appid)
    const request = { request: boundTransactRequest(project), transactType: cloudApi.TransactType.IDE }
    const { envList } = await cloudApi.tcbGetEnvironments({}, request)
    const region = envList.find((e) => e.envId === s.cloudEnv)?.functions?.[0]?.region
    if (!region) throw new Error(`environment ${s.cloudEnv} not found`)
    await cloudApi.scfUpdateFunctionInfo({ namespace: s.cloudEnv, region, functionName: CLOUD_FUNCTION, timeout }, request)
  } catch (err) {
    throw new Error(
      `the code is deployed, but its timeout could not be set (${err instanceof Error ? err.message : String(err)}). ` +
        `Set it in the cloud console: 云开发 → 云函数 → ${CLOUD_FUNCTION} → 函数配置 → 超时时间 ${timeout} 秒.`,
    )
  }
}

/** The part of miniprogram-ci's cloud API used here (miniprogram-ci 2.1.x, dist/common/cloud-api). */
interface CloudApi {
  TransactType: { IDE: unknown }
  tcbGetEnvironments(input: object, opts: object): Promise<{ envList: { envId: string; functions?: { region: string }[] }[] }>
  scfUpdateFunctionInfo(input: { namespace: string; region: string; functionName: string; timeout: number }, opts: object): Promise<unknown>
}
interface CloudApiSession {
  initCloudAPI(appid: string): void
  boundTransactRequest(project: unknown): unknown
}

export async function deploy(s: DeploySettings, log: (line: string) => void = console.log): Promise<void> {
  if (!fs.existsSync(s.keyFile)) throw new Error(`MINIPROGRAM_CI_KEY: no file at ${s.keyFile}`)
  const plan = deployPlan(s)
  const step = (name: Step['name']) => log(`${plan.findIndex((p) => p.name === name) + 1}/${plan.length} ${name}: ${plan.find((p) => p.name === name)!.says}`)

  step('build')
  const { buildCloudFunction } = await import('./build-cloud')
  const { built } = await buildCloudFunction()
  log(`  index.js ${kb(built.bytes)}`)

  step('migrate')
  const { migrateDatabase } = await import('./migrate')
  const migrated = await migrateDatabase({ ...process.env, NODE_ENV: process.env.NODE_ENV || 'production', DATABASE_URL: s.databaseUrl })
  log(migrated.applied.length ? `  applied ${migrated.applied.join(', ')}` : '  already up to date')
  if (migrated.seeded) log('  empty database: seeded the community')

  const ci = (await import('miniprogram-ci')) as unknown as Ci
  const project = new ci.Project({ appid: s.appid, type: 'miniProgram', projectPath: root, privateKeyPath: s.keyFile, ignores: ['node_modules/**/*'] })

  step('upload')
  const uploaded = await ci.cloud.uploadFunction({ project, env: s.cloudEnv, name: CLOUD_FUNCTION, path: fnDir, remoteNpmInstall: true })
  log(`  ${uploaded.filesCount} files, ${kb(uploaded.packSize)}`)

  const config = cloudFunctionConfig()
  step('configure')
  await configureTimeout(project, s, config.timeout)

  step('trigger')
  const answer = await ci.cloud.createTimeTrigger({ project, envId: s.cloudEnv, functionName: CLOUD_FUNCTION, triggersConfig: config.triggers })
  log(`  ${String(answer)}`)
  log(`deployed. Functions of the former per-domain layout (account, community, …) are no longer called: delete them and their triggers in the console.`)
}

async function run() {
  const settings = deploySettings(process.env)
  if (process.argv.includes('--dry-run')) {
    console.log(`dry run: the steps npm run deploy:cloud takes (nothing is built, migrated or sent)`)
    for (const [i, s] of deployPlan(settings).entries()) console.log(`${i + 1}. ${s.name.padEnd(9)} ${s.says}`)
    return
  }
  await deploy(settings)
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
