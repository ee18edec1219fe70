import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { envOf, PROD_KEY } from '../testing/harness'
import { loadConfig } from './config'

const OLD_KEY = Buffer.alloc(32, 9).toString('base64')

describe('loadConfig', () => {
  test('defaults outside production: no demo unless asked for, SQLite in DATA_DIR', () => {
    const c = loadConfig(envOf({ DATA_DIR: '/srv/guandao' }))
    expect(c).toMatchObject({ NODE_ENV: 'development', production: false, demo: false, PORT: 3000, SESSION_TTL_DAYS: 30, STAFF_SESSION_TTL_DAYS: 7, STAFF_IDLE_HOURS: 8 })
    expect(c.sqliteFile).toBe(path.join('/srv/guandao', 'guandao.sqlite'))
    expect(c.WECHAT_API_BASE).toBe('https://api.weixin.qq.com')
    expect(c.SWEEP_INTERVAL_SECONDS).toBe(60)
    expect(loadConfig(envOf({ SWEEP_INTERVAL_SECONDS: '0' })).SWEEP_INTERVAL_SECONDS).toBe(0)
  })

  test('production: no demo people, whatever else is set', () => {
    const c = loadConfig(envOf({ NODE_ENV: 'production', ID_CARD_KEY: PROD_KEY, DATABASE_URL: 'postgres://u@db:5432/guandao?sslmode=require' }))
    expect(c).toMatchObject({ production: true, demo: false, DATABASE_URL: 'postgres://u@db:5432/guandao?sslmode=require' })
    expect(() => loadConfig(envOf({ NODE_ENV: 'production', SEED_DEMO: 'yes' }))).toThrow(/SEED_DEMO/)
  })

  test('ID_CARD_KEY: required and checked in production, kept in DATA_DIR in development', () => {
    expect(() => loadConfig(envOf({ NODE_ENV: 'production' }))).toThrow(/ID_CARD_KEY: required in production/)
    expect(() => loadConfig(envOf({ NODE_ENV: 'production', ID_CARD_KEY: 'c2hvcnQ=' }))).toThrow(/ID_CARD_KEY:.*32/)
    expect(() => loadConfig(envOf({ NODE_ENV: 'production', ID_CARD_KEY: PROD_KEY, ID_CARD_PREVIOUS_KEYS: 'x!' }))).toThrow(/ID_CARD_PREVIOUS_KEYS/)
    const rotated = loadConfig(envOf({ NODE_ENV: 'production', ID_CARD_KEY: PROD_KEY, ID_CARD_PREVIOUS_KEYS: ` ${OLD_KEY} ` }))
    expect(rotated.idCardKeys()).toEqual({ current: PROD_KEY, previous: [OLD_KEY] })

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-config-'))
    try {
      const first = loadConfig(envOf({ DATA_DIR: dir }))
      // Reading configuration writes nothing; the key appears when first needed and survives a restart.
      expect(fs.existsSync(path.join(dir, 'id-card.key'))).toBe(false)
      const key = first.idCardKeys().current
      expect(Buffer.from(key, 'base64')).toHaveLength(32)
      expect(loadConfig(envOf({ DATA_DIR: dir })).idCardKeys().current).toBe(key)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a production database on another host must be reached over TLS; one on this machine need not', () => {
    const prod = (url: string) => () => loadConfig(envOf({ NODE_ENV: 'production', ID_CARD_KEY: PROD_KEY, DATABASE_URL: url }))
    for (const url of ['postgres://u@db.internal:5432/g', 'postgres://u@10.0.0.5/g?sslmode=prefer', 'postgres://u@db/g?sslmode=disable']) {
      expect(prod(url)).toThrow(/DATABASE_URL: a database on another host needs sslmode=require/)
    }
    for (const url of ['postgres://u@db/g?sslmode=require', 'postgres://u@db/g?sslmode=verify-full', 'postgres://u@127.0.0.1:5432/g', 'postgres://u@localhost/g', 'postgres://u@[::1]/g']) {
      expect(prod(url)).not.toThrow()
    }
    // Outside production a plain connection is fine (tests, development).
    expect(() => loadConfig(envOf({ DATABASE_URL: 'postgres://u@db.internal:5432/g' }))).not.toThrow()
  })

  test('CLOCK_START moves the clock outside production only', () => {
    expect(loadConfig(envOf({ CLOCK_START: '2027-02-28T23:59:00+08:00' })).CLOCK_START).toBe('2027-02-28T23:59:00+08:00')
    expect(() => loadConfig(envOf({ CLOCK_START: '2027-02-30 9am' }))).toThrow(/CLOCK_START/)
    expect(() => loadConfig(envOf({ NODE_ENV: 'production', ID_CARD_KEY: PROD_KEY, CLOCK_START: '2027-03-01T00:00:00Z' }))).toThrow(
      /CLOCK_START: a moved clock is refused in production/,
    )
  })

  test('SEED_DEMO switches demo people on in development, and only there', () => {
    expect(loadConfig(envOf({ SEED_DEMO: 'false' })).demo).toBe(false)
    expect(loadConfig(envOf({ SEED_DEMO: '1' })).demo).toBe(true)
    expect(loadConfig(envOf({ SEED_DEMO: 'true', NODE_ENV: 'test' })).demo).toBe(true)
  })

  test.each([
    ['DATABASE_URL', { DATABASE_URL: 'postgres://u@db:5432/guandao' }],
    ['WECHAT_SECRET', { WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'real-secret', PUBLIC_URL: 'https://guandao.example.cn' }],
  ])('demo accounts are refused beside %s, a real deployment’s setting', (name, env) => {
    expect(() => loadConfig(envOf({ SEED_DEMO: 'true', ...env }))).toThrow(new RegExp(`SEED_DEMO: demo accounts are refused beside ${name}`))
    expect(loadConfig(envOf(env)).demo).toBe(false)
  })

  test('real WeChat credentials need the public address WeChat fetches photos from for the content check', () => {
    const real = { WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'real-secret' }
    expect(() => loadConfig(envOf(real))).toThrow(/PUBLIC_URL: required with WECHAT_SECRET/)
    expect(loadConfig(envOf({ ...real, PUBLIC_URL: 'https://guandao.example.cn' })).PUBLIC_URL).toBe('https://guandao.example.cn')
    // A stand-in on this machine fetches from wherever the test says.
    expect(() => loadConfig(envOf({ ...real, WECHAT_API_BASE: 'http://127.0.0.1:4100' }))).not.toThrow()
    expect(() => loadConfig(envOf({ WECHAT_PUSH_TOKEN: 'has space' }))).toThrow(/WECHAT_PUSH_TOKEN/)
  })

  test('WeChat credentials aimed at a stand-in on this machine are no real deployment: demo people may stay on', () => {
    const standIn = { WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'stand-in', WECHAT_API_BASE: 'http://127.0.0.1:4100' }
    expect(loadConfig(envOf({ SEED_DEMO: 'true', ...standIn })).demo).toBe(true)
    expect(() => loadConfig(envOf({ SEED_DEMO: 'true', ...standIn, WECHAT_API_BASE: 'https://wx.example.com' }))).toThrow(/beside WECHAT_SECRET/)
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
