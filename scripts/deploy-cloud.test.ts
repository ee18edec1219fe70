// npm run deploy:cloud, without the network: its settings, its steps in order, and a dry run that only prints them.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { deployPlan, deploySettings } from './deploy-cloud'

const root = path.resolve(__dirname, '..')
const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx')

const ENV = {
  CLOUD_ENV: 'guandao-3g5x9k',
  // Nothing listens there: a dry run that tried to migrate would fail.
  DATABASE_URL: 'postgres://guandao:s3cret@127.0.0.1:1/guandao',
  WECHAT_APPID: 'wx0123456789abcdef',
  MINIPROGRAM_CI_KEY: '/nowhere/private.wx0123456789abcdef.key',
}

function dryRun(env: Record<string, string>) {
  const r = spawnSync(tsx, ['scripts/deploy-cloud.ts', '--dry-run'], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

describe('npm run deploy:cloud', () => {
  test('builds, migrates before the code goes up, uploads, sets the 20-second timeout, then the timer', () => {
    const plan = deployPlan(deploySettings(ENV as unknown as NodeJS.ProcessEnv))
    expect(plan.map((s) => s.name)).toEqual(['build', 'migrate', 'upload', 'configure', 'trigger'])
    const says = Object.fromEntries(plan.map((s) => [s.name, s.says]))
    expect(says.migrate).toContain('PostgreSQL postgres://guandao:***@127.0.0.1:1/guandao')
    expect(says.migrate).not.toContain('s3cret')
    expect(says.upload).toContain('function "api" to environment guandao-3g5x9k of wx0123456789abcdef')
    expect(says.configure).toBe('timeout 20 s')
    expect(says.trigger).toContain('timer "sweep" 0 */1 * * * * *')
    expect(says.trigger).toContain('subscribeMessage.send, security.msgSecCheck, security.mediaCheckAsync')
  })

  test('--dry-run prints the steps and touches neither the database nor WeChat', () => {
    const { status, out } = dryRun(ENV)
    expect(out).toContain('dry run')
    expect(status).toBe(0)
    const lines = out.split('\n').filter((l) => /^\d\. /.test(l))
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual(['build', 'migrate', 'upload', 'configure', 'trigger'])
    expect(out).not.toContain('s3cret')
  }, 60_000)

  test('names everything missing or wrong at once, and stops', () => {
    const none = dryRun({})
    expect(none.status).toBe(1)
    for (const name of ['CLOUD_ENV', 'DATABASE_URL', 'WECHAT_APPID', 'MINIPROGRAM_CI_KEY']) expect(none.out).toContain(`${name}: required`)

    expect(() => deploySettings({ ...ENV, DATABASE_URL: 'file:///tmp/guandao.sqlite', WECHAT_APPID: 'touristappid', CLOUD_ENV: 'a b' } as unknown as NodeJS.ProcessEnv)).toThrow(
      /CLOUD_ENV: "a b" is not a cloud environment id[\s\S]*DATABASE_URL: the cloud function uses PostgreSQL[\s\S]*WECHAT_APPID: "touristappid" is not an AppID/,
    )
  }, 60_000)
})
