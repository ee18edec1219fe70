import { createHash } from 'node:crypto'
import { ERROR_MESSAGES } from '../../../common/errors'
import { loadConfig } from '../../core/config'
import { DEMO_PEOPLE } from '../../db/seed'
import { DAY_MS, engines, envOf, isChinese, PROD_KEY, startBackend, type TestBackend } from '../../testing/harness'
import { startWeChatStandIn, type WeChatStandIn } from '../../testing/wechat-stand-in'

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

describe.each(engines())('auth on %s', (engine) => {
  describe('demo sign-in (development)', () => {
    let t: TestBackend
    beforeAll(async () => {
      t = await startBackend(engine)
    })
    afterAll(() => t?.close())

    test('demoUsers lists every seeded demo person, publicly', async () => {
      const res = await t.call('auth', 'demoUsers')
      expect(res.status).toBe(200)
      expect(res.data.map((u) => u.key)).toEqual(DEMO_PEOPLE.map((p) => p.key))
      expect(res.data.find((u) => u.key === 'staff')).toEqual({ key: 'staff', name: '陈志强', role: '社区工作人员' })
    })

    test.each(DEMO_PEOPLE.map((p) => [p.key, p] as const))('devSignIn as %s signs in that person with their roles', async (_key, person) => {
      const res = await t.call('auth', 'devSignIn', { as: person.key })
      expect(res.status).toBe(200)
      expect(res.data.token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
      expect(res.data.expiresAt).toBe(new Date(t.clock.now().getTime() + t.config.SESSION_TTL_DAYS * DAY_MS).toISOString())
      const me = await t.ok('account', 'me', {}, { token: res.data.token })
      expect(me.name).toBe(person.name)
      expect(me.phone).toBe(person.phone)
      expect([...me.roles].sort()).toEqual([...person.roles].sort())
      expect(me.consent.accepted).toBe(me.consent.required)
      expect(me.household !== null).toBe(Boolean(person.home))
    })

    test('signing in twice as the same demo person is the same person with two sessions', async () => {
      const a = await t.signIn('gridworker')
      const b = await t.signIn('gridworker')
      expect(a).not.toBe(b)
      const [meA, meB] = await Promise.all([t.ok('account', 'me', {}, { token: a }), t.ok('account', 'me', {}, { token: b })])
      expect(meA.id).toBe(meB.id)
    })

    test("'newcomer' creates a distinct new person each time, with no roles and no consent", async () => {
      const users = Number((await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      const a = await t.ok('account', 'me', {}, { token: await t.signIn('newcomer') })
      const b = await t.ok('account', 'me', {}, { token: await t.signIn('newcomer') })
      expect(a.id).not.toBe(b.id)
      for (const me of [a, b]) {
        expect(me).toMatchObject({ name: null, phone: null, roles: [], household: null, gridIds: [], team: null })
        expect(me.consent.accepted).toBeNull()
      }
      const after = Number((await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      expect(after).toBe(users + 2)
    })

    test('an unknown demo key → 400 naming `as`', async () => {
      const res = await t.call('auth', 'devSignIn', { as: 'mayor' })
      expect(res.status).toBe(400)
      expect(res.error?.code).toBe('BAD_INPUT')
      expect(Object.keys(res.error?.fields ?? {})).toEqual(['as'])
      expect(isChinese(res.error?.fields?.as)).toBe(true)
    })

    test('tokens are stored hashed: the sessions table never holds the raw token', async () => {
      const token = await t.signIn('staff')
      const rows = await t.db.selectFrom('sessions').select('token_hash').execute()
      expect(rows.length).toBeGreaterThan(0)
      const stored = rows.map((r) => r.token_hash)
      expect(stored).toContain(hash(token))
      for (const h of stored) {
        expect(h).not.toContain(token)
        expect(h).toMatch(/^[0-9a-f]{64}$/)
      }
    })

    test('signOut ends that session only; the token is refused afterwards', async () => {
      const token = await t.signIn('resident2')
      const other = await t.signIn('resident2')
      expect((await t.call('account', 'me', {}, { token })).status).toBe(200)
      const out = await t.call('auth', 'signOut', {}, { token })
      expect(out).toMatchObject({ status: 200, data: null })
      const after = await t.call('account', 'me', {}, { token })
      expect(after.status).toBe(401)
      expect(after.error?.code).toBe('SESSION_EXPIRED')
      expect(await t.db.selectFrom('sessions').select('user_id').where('token_hash', '=', hash(token)).execute()).toEqual([])
      // The same person's other device stays signed in.
      expect((await t.call('account', 'me', {}, { token: other })).status).toBe(200)
    })

    test('signOut without a session → 401', async () => {
      const res = await t.call('auth', 'signOut', {})
      expect(res.status).toBe(401)
      expect(res.error?.code).toBe('UNAUTHENTICATED')
    })

    test('expired sessions of a person are cleared when a new one is issued', async () => {
      const start = t.clock.iso()
      try {
        const old = await t.signIn('volunteer')
        t.clock.advance((t.config.SESSION_TTL_DAYS + 1) * DAY_MS)
        await t.signIn('volunteer')
        const left = await t.db.selectFrom('sessions').select('token_hash').where('token_hash', '=', hash(old)).execute()
        expect(left).toEqual([])
      } finally {
        t.clock.set(start)
      }
    })

    test('SESSION_TTL_DAYS from the configuration sets the expiry', async () => {
      const short = await startBackend(engine, { env: { SESSION_TTL_DAYS: '2' } })
      try {
        const res = await short.ok('auth', 'devSignIn', { as: 'resident' })
        expect(res.expiresAt).toBe(new Date(short.clock.now().getTime() + 2 * DAY_MS).toISOString())
        short.clock.advance(2 * DAY_MS)
        expect((await short.call('account', 'me', {}, { token: res.token })).error?.code).toBe('SESSION_EXPIRED')
      } finally {
        await short.close()
      }
    })
  })

  describe('in production', () => {
    let t: TestBackend
    beforeAll(async () => {
      const config = loadConfig(envOf({ NODE_ENV: 'production', ID_CARD_KEY: PROD_KEY, LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', H5_DIR: '/nonexistent' }))
      expect(config.production).toBe(true)
      t = await startBackend(engine, { config })
    })
    afterAll(() => t?.close())

    test('devSignIn and demoUsers are refused with 403 DEV_SIGNIN_DISABLED', async () => {
      for (const as of ['resident', 'admin', 'newcomer']) {
        const res = await t.call('auth', 'devSignIn', { as })
        expect(res.status).toBe(403)
        expect(res.error).toEqual({ code: 'DEV_SIGNIN_DISABLED', message: ERROR_MESSAGES.DEV_SIGNIN_DISABLED })
      }
      const list = await t.call('auth', 'demoUsers')
      expect(list.status).toBe(403)
      expect(list.error?.code).toBe('DEV_SIGNIN_DISABLED')
    })

    test('no demo people are seeded and no session was created', async () => {
      expect(await t.db.selectFrom('users').select('id').execute()).toEqual([])
      expect(await t.db.selectFrom('sessions').select('user_id').execute()).toEqual([])
      // The community itself is there.
      expect((await t.ok('community', 'info')).name).toBe('管道社区')
    })

    test('SEED_DEMO=true is refused in production at start', () => {
      expect(() => loadConfig(envOf({ NODE_ENV: 'production', SEED_DEMO: 'true' }))).toThrow(/SEED_DEMO/)
    })
  })

  test('SEED_DEMO=false also turns demo sign-in off outside production', async () => {
    const t = await startBackend(engine, { env: { SEED_DEMO: 'false' } })
    try {
      const res = await t.call('auth', 'devSignIn', { as: 'resident' })
      expect(res.status).toBe(403)
      expect(res.error?.code).toBe('DEV_SIGNIN_DISABLED')
    } finally {
      await t.close()
    }
  })

  describe('WeChat sign-in through code2Session', () => {
    let wx: WeChatStandIn
    let t: TestBackend
    beforeAll(async () => {
      wx = await startWeChatStandIn({ appid: 'wx1234567890abcdef', secret: 'test-secret' })
      t = await startBackend(engine, { env: { WECHAT_API_BASE: wx.base, WECHAT_APPID: wx.appid, WECHAT_SECRET: wx.secret, SEED_DEMO: 'false' } })
    })
    afterAll(async () => {
      await t?.close()
      await wx?.close()
    })
    beforeEach(() => {
      wx.requests.length = 0
    })

    test('asks WeChat with appid, secret, js_code and grant_type, then issues a session', async () => {
      const res = await t.call('auth', 'signIn', { code: 'ok-alice' })
      expect(res.status).toBe(200)
      expect(wx.requests).toEqual([
        {
          path: '/sns/jscode2session',
          query: { appid: 'wx1234567890abcdef', secret: 'test-secret', js_code: 'ok-alice', grant_type: 'authorization_code' },
          body: {},
        },
      ])
      const me = await t.ok('account', 'me', {}, { token: res.data.token })
      expect(me.roles).toEqual([])
      const row = await t.db.selectFrom('users').select('openid').where('id', '=', me.id).executeTakeFirstOrThrow()
      expect(row.openid).toBe('wx-openid-alice')
    })

    test('the same openid is the same person on a second sign-in; another openid is another person', async () => {
      const first = await t.ok('auth', 'signIn', { code: 'ok-bob' })
      const second = await t.ok('auth', 'signIn', { code: 'ok-bob' })
      const other = await t.ok('auth', 'signIn', { code: 'ok-carol' })
      expect(second.token).not.toBe(first.token)
      const [a, b, c] = await Promise.all([first, second, other].map((s) => t.ok('account', 'me', {}, { token: s.token })))
      expect(b.id).toBe(a.id)
      expect(c.id).not.toBe(a.id)
      expect(await t.db.selectFrom('users').select('id').where('openid', '=', 'wx-openid-bob').execute()).toHaveLength(1)
    })

    test.each([
      ['an errcode answer', 'bad-code'],
      ['a used code', 'used'],
      ['an answer that is not JSON', 'html'],
    ])('%s → 502 WECHAT_LOGIN_FAILED and no session', async (_label, code) => {
      const sessions = (await t.db.selectFrom('sessions').select('token_hash').execute()).length
      const res = await t.call('auth', 'signIn', { code })
      expect(res.status).toBe(502)
      expect(res.error?.code).toBe('WECHAT_LOGIN_FAILED')
      expect(isChinese(res.error?.message)).toBe(true)
      expect(wx.requests).toHaveLength(1)
      expect((await t.db.selectFrom('sessions').select('token_hash').execute()).length).toBe(sessions)
    })

    test.each([
      ['an expired code (40029)', 'expired', '登录凭证已失效，请重新进入小程序'],
      ['a used code (40163)', 'used', '登录凭证已使用过，请重新进入小程序'],
      ['a high-risk account (40226)', 'risky', '微信判断该账号存在风险，暂不能登录。请在微信中完成安全验证后再试，或到社区服务窗口办理'],
      ['too frequent (45011)', 'often', '登录太频繁，请稍等一分钟再试'],
    ])('%s has its own Chinese message', async (_label, code, message) => {
      const res = await t.call('auth', 'signIn', { code })
      expect([res.status, res.error?.code, res.error?.message]).toEqual([502, 'WECHAT_LOGIN_FAILED', message])
    })

    test('WeChat unreachable → WECHAT_LOGIN_FAILED, not a 500', async () => {
      const closedPort = await startWeChatStandIn()
      await closedPort.close()
      const down = await startBackend(engine, { env: { WECHAT_API_BASE: closedPort.base, WECHAT_APPID: 'wxappid', WECHAT_SECRET: 's', SEED_DEMO: 'false' } })
      try {
        const res = await down.call('auth', 'signIn', { code: 'ok-dave' })
        expect(res.status).toBe(502)
        expect(res.error?.code).toBe('WECHAT_LOGIN_FAILED')
      } finally {
        await down.close()
      }
    })

    test('without WECHAT_APPID/WECHAT_SECRET the server says WeChat sign-in is not configured', async () => {
      const bare = await startBackend(engine, { env: { WECHAT_API_BASE: wx.base } })
      try {
        const res = await bare.call('auth', 'signIn', { code: 'ok-erin' })
        expect(res.status).toBe(502)
        expect(res.error?.code).toBe('WECHAT_LOGIN_FAILED')
        expect(res.error?.message).toContain('AppID')
        expect(wx.requests).toEqual([])
      } finally {
        await bare.close()
      }
    })
  })
})
