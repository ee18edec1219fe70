// npm run bench:cold — what a cold start of the cloud function costs, measured, not asserted. In one run, each a
// new Node process, interleaved so that the machine's drift touches all alike:
//   (a) node -e 0                                       the floor: starting Node at all
//   (b) node -e "require('./index.js')"                 loading the built function
//   (c) require, then the first call, community.info    what the mini-program's first call waits for (app launch)
//       as a person with an OPENID, against PostgreSQL migrated beforehand, as the deploy step leaves it
// Prints the medians and (b)/(a), (c)/(a). The function runs from a copy of cloudfunctions/api/ whose
// node_modules hold pg (this repository's) and a stand-in for wx-server-sdk at its edge (init, getWXContext,
// DYNAMIC_CURRENT_ENV, openapi), so the figures are this bundle's; the real SDK's own load is printed beside them,
// for reference, when it is installed. Needs PostgreSQL, like the tests (TEST_DATABASE_URL).
//
//   npm run bench:cold                  build, then 10 runs of each
//   npm run bench:cold -- --runs 20 --no-build
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CLOUD_FUNCTION } from '../common/cloud'
import { createPgSchema, dropPgSchema, PROD_KEY, TEST_DATABASE_URL } from '../server/testing/harness'
import { buildCloudFunction, kb } from './build-cloud'
import { migrateDatabase } from './migrate'

const root = path.resolve(__dirname, '..')

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const RUNS = option('--runs', 10)
const OPENID = 'o_bench_cold_start'

/** The part of wx-server-sdk the function touches, answering as the platform would for one caller. */
const SDK_STAND_IN = `
exports.DYNAMIC_CURRENT_ENV = Symbol('DYNAMIC_CURRENT_ENV')
exports.init = function init() {}
exports.getWXContext = function getWXContext() { return { OPENID: process.env.WX_OPENID, APPID: 'wx0000000000000000', ENV: 'bench' } }
exports.openapi = { subscribeMessage: { send: async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }) } }
`

const FIRST_CALL = `
const fn = require('./index.js')
fn.main({ domain: 'community', action: 'info', data: {}, idempotencyKey: 'bench-cold-start' }, {}).then(async (r) => {
  await fn.main.close()
  if (!r || !r.ok) { console.error(JSON.stringify(r)); process.exit(2) }
}, (err) => { console.error(err && err.message); process.exit(3) })
`

/** A copy of the built function as the cloud holds it once its dependencies are installed. */
function stage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-cold-'))
  const fn = path.join(dir, CLOUD_FUNCTION)
  fs.cpSync(path.join(root, 'cloudfunctions', CLOUD_FUNCTION), fn, { recursive: true })
  const modules = path.join(fn, 'node_modules')
  fs.mkdirSync(path.join(modules, 'wx-server-sdk'), { recursive: true })
  fs.writeFileSync(path.join(modules, 'wx-server-sdk', 'index.js'), SDK_STAND_IN)
  fs.writeFileSync(path.join(modules, 'wx-server-sdk', 'package.json'), JSON.stringify({ name: 'wx-server-sdk', version: '0.0.0-stand-in', main: 'index.js' }))
  fs.symlinkSync(fs.realpathSync(path.dirname(require.resolve('pg/package.json', { paths: [root] }))), path.join(modules, 'pg'), 'dir')
  return fn
}

function timeOnce(args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (r.status !== 0) throw new Error(`node ${args.join(' ').slice(0, 60)}… failed (${r.status}):\n${r.stderr}`)
  return ms
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

async function main() {
  if (!process.argv.includes('--no-build')) await buildCloudFunction()
  const bundle = fs.statSync(path.join(root, 'cloudfunctions', CLOUD_FUNCTION, 'index.js')).size
  const fn = stage()
  const schema = await createPgSchema()
  try {
    const url = new URL(TEST_DATABASE_URL)
    url.searchParams.set('options', `-c search_path=${schema}`)
    // The deploy step, done once: the function only checks the schema.
    await migrateDatabase({ NODE_ENV: 'production', DATABASE_URL: url.toString() } as unknown as NodeJS.ProcessEnv)
    // Only what a cloud instance would have.
    const env = { PATH: process.env.PATH, DATABASE_URL: url.toString(), ID_CARD_KEY: PROD_KEY, LOG_LEVEL: 'warn', WX_OPENID: OPENID } as unknown as NodeJS.ProcessEnv

    const runs = {
      bare: [] as number[],
      require: [] as number[],
      firstCall: [] as number[],
    }
    // One untimed round: the OPENID's person is created by the first call ever, and the disk cache warms.
    timeOnce(['-e', '0'], fn, env)
    timeOnce(['-e', FIRST_CALL], fn, env)
    for (let i = 0; i < RUNS; i++) {
      runs.bare.push(timeOnce(['-e', '0'], fn, env))
      runs.require.push(timeOnce(['-e', `require('./index.js')`], fn, env))
      runs.firstCall.push(timeOnce(['-e', FIRST_CALL], fn, env))
    }
    const a = median(runs.bare)
    const b = median(runs.require)
    const c = median(runs.firstCall)

    let sdk: number | null = null
    const realSdk = (() => {
      try {
        return require.resolve('wx-server-sdk', { paths: [root] })
      } catch {
        return null
      }
    })()
    if (realSdk) {
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) times.push(timeOnce(['-e', `require(${JSON.stringify(realSdk)})`], root, env))
      sdk = median(times)
    }

    const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`
    console.log(`cold start of cloud function "${CLOUD_FUNCTION}" (index.js ${kb(bundle)}), median of ${RUNS} runs, Node ${process.version}`)
    console.log(`  (a) node -e 0                       ${ms(a)}`)
    console.log(`  (b) require the function            ${ms(b)}   (b)/(a) ${(b / a).toFixed(2)}×`)
    console.log(`  (c) require + first call            ${ms(c)}   (c)/(a) ${(c / a).toFixed(2)}×   community.info on PostgreSQL`)
    if (sdk !== null) console.log(`  for reference: require('wx-server-sdk') alone, the real one ${ms(sdk)}   (${(sdk / a).toFixed(2)}× (a); the cloud loads it too)`)
  } finally {
    await dropPgSchema(schema)
    fs.rmSync(path.dirname(fn), { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
