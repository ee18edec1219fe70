import path from 'node:path'
import { envOf } from '../testing/harness'
import { loadConfig } from './config'

describe('loadConfig', () => {
  test('defaults outside production: demo on, SQLite in DATA_DIR', () => {
    const c = loadConfig(envOf({ DATA_DIR: '/srv/guandao' }))
    expect(c).toMatchObject({ NODE_ENV: 'development', production: false, demo: true, PORT: 3000, SESSION_TTL_DAYS: 30 })
    expect(c.sqliteFile).toBe(path.join('/srv/guandao', 'guandao.sqlite'))
    expect(c.WECHAT_API_BASE).toBe('https://api.weixin.qq.com')
    expect(c.SWEEP_INTERVAL_SECONDS).toBe(60)
    expect(loadConfig(envOf({ SWEEP_INTERVAL_SECONDS: '0' })).SWEEP_INTERVAL_SECONDS).toBe(0)
  })

  test('production: no demo people, whatever else is set', () => {
    const c = loadConfig(envOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db:5432/guandao' }))
    expect(c).toMatchObject({ production: true, demo: false, DATABASE_URL: 'postgres://u@db:5432/guandao' })
    expect(() => loadConfig(envOf({ NODE_ENV: 'production', SEED_DEMO: 'yes' }))).toThrow(/SEED_DEMO/)
  })

  test('SEED_DEMO=false turns demo people off in development', () => {
    expect(loadConfig(envOf({ SEED_DEMO: 'false' })).demo).toBe(false)
    expect(loadConfig(envOf({ SEED_DEMO: '1' })).demo).toBe(true)
  })

  test.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['SESSION_TTL_DAYS', { SESSION_TTL_DAYS: '0' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['WECHAT_API_BASE', { WECHAT_API_BASE: 'api.weixin' }],
    ['SWEEP_INTERVAL_SECONDS', { SWEEP_INTERVAL_SECONDS: '-1' }],
  ])('a bad %s stops the start with a message naming it', (name, env) => {
    expect(() => loadConfig(envOf(env))).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}`))
  })
})
