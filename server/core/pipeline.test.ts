import { Writable } from 'node:stream'
import pino from 'pino'
import { z } from 'zod'
import { defineDomain, mutation, query } from '../../common/contract'
import { ERROR_MESSAGES } from '../../common/errors'
import { DAY_MS, engines, isChinese, startBackend, type TestBackend } from '../testing/harness'
import { implement, type DomainModule } from './context'
import { createDispatcher } from './pipeline'

describe.each(engines())('pipeline on %s', (engine) => {
  let t: TestBackend
  let resident: string
  let staff: string
  let admin: string

  beforeAll(async () => {
    t = await startBackend(engine)
    ;[resident, staff, admin] = await Promise.all([t.signIn('resident'), t.signIn('staff'), t.signIn('admin')])
  })
  afterAll(() => t?.close())

  describe('routing', () => {
    test.each(['nope', '__proto__', 'constructor', 'hasOwnProperty', ''])('unknown domain %p → 404 UNKNOWN_ACTION', async (domain) => {
      const res = await t.dispatch(domain, { action: 'me' })
      expect(res.status).toBe(404)
      expect(res.error?.code).toBe('UNKNOWN_ACTION')
      expect(isChinese(res.error?.message)).toBe(true)
    })

    test.each(['nope', 'toString', 'constructor', '__proto__', 'hasOwnProperty'])('unknown action %p → 404 UNKNOWN_ACTION', async (action) => {
      const res = await t.dispatch('account', { action }, { kind: 'session', token: resident })
      expect(res.status).toBe(404)
      expect(res.error).toEqual({ code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION })
    })
  })

  describe('the envelope', () => {
    test.each([
      ['null', null],
      ['a string', 'account.me'],
      ['a number', 42],
      ['an array', [{ action: 'me' }]],
      ['undefined', undefined],
      ['true', true],
    ])('a body that is %s → 400 BAD_INPUT in Chinese', async (_label, body) => {
      const res = await t.dispatch('account', body, { kind: 'session', token: resident })
      expect(res.status).toBe(400)
      expect(res.error?.code).toBe('BAD_INPUT')
      expect(res.error?.fields).toBeDefined()
      expect(isChinese(res.error?.message)).toBe(true)
      for (const message of Object.values(res.error?.fields ?? {})) expect(isChinese(message)).toBe(true)
    })

    test.each([
      ['action', { data: {} }],
      ['action', { action: 42 }],
      ['action', { action: '' }],
      ['action', { action: 'x'.repeat(65) }],
      ['data', { action: 'me', data: 'x' }],
      ['data', { action: 'me', data: [1, 2] }],
      ['data', { action: 'me', data: 5 }],
      ['idempotencyKey', { action: 'me', idempotencyKey: 12345678 }],
      ['idempotencyKey', { action: 'me', idempotencyKey: 'short' }],
      ['idempotencyKey', { action: 'me', idempotencyKey: 'k'.repeat(129) }],
    ])('a wrong %s → 400 naming it', async (field, body) => {
      const res = await t.dispatch('account', body, { kind: 'session', token: resident })
      expect(res.status).toBe(400)
      expect(res.error?.code).toBe('BAD_INPUT')
      expect(Object.keys(res.error?.fields ?? {})).toEqual([field])
      expect(isChinese(res.error?.fields?.[field])).toBe(true)
      expect(res.error?.message).toBe(res.error?.fields?.[field])
    })

    test('data: null is the same as no data', async () => {
      const res = await t.dispatch('account', { action: 'me', data: null }, { kind: 'session', token: resident })
      expect(res.status).toBe(200)
      expect((res.data as { name: string }).name).toBe('李桂芳')
    })

    test('wrong types inside data name the field, in Chinese', async () => {
      const elder = await t.call('account', 'setElderMode', { enabled: 'yes' }, { token: resident })
      expect(elder.status).toBe(400)
      expect(elder.error?.fields).toEqual({ enabled: '长辈版开关应为是或否' })
      expect(elder.error?.message).toBe('长辈版开关应为是或否')

      const page = await t.call('announcements', 'list', { page: '2', pageSize: 0 })
      expect(page.status).toBe(400)
      expect(page.error?.fields).toEqual({ page: '页码应为数字', pageSize: '每页至少1条' })
    })

    test('a NUL character in text is refused naming the field, on both engines alike', async () => {
      const save = await t.call('announcements', 'save', { title: '停电\u0000通知', body: '明天上午停电检修线路。' }, { token: staff })
      expect(save.status).toBe(400)
      expect(Object.keys(save.error?.fields ?? {})).toEqual(['title'])
      expect(isChinese(save.error?.message)).toBe(true)
      const search = await t.call('people', 'search', { q: '李\u0000' }, { token: staff })
      expect([search.status, Object.keys(search.error?.fields ?? {})]).toEqual([400, ['q']])
      const key = await t.call('announcements', 'save', { title: '停电通知', body: '明天上午停电检修线路。' }, { token: staff, idempotencyKey: 'key-with-\u0000-nul' })
      expect([key.status, Object.keys(key.error?.fields ?? {})]).toEqual([400, ['idempotencyKey']])
      expect(await t.db.selectFrom('announcements').select('id').where('title', 'like', '停电%').execute()).toEqual([])
    })

    test('deeply nested input is handled, not a crash', async () => {
      let deep: unknown = 'x'
      for (let i = 0; i < 100_000; i++) deep = [deep]
      const res = await t.dispatch('people', { action: 'search', data: { q: '李', extra: deep } }, { kind: 'session', token: staff })
      expect(res.status).toBe(200)
    })

    test('unknown keys in data are dropped, not trusted', async () => {
      // A role or user id in a request body is never trusted: extra keys cannot change who is acting.
      const res = await t.call('account', 'me', { userId: 1, roles: ['admin'] }, { token: resident })
      expect(res.status).toBe(200)
      expect(res.data.roles).toEqual(['resident'])
      expect(res.data.name).toBe('李桂芳')
    })
  })

  describe('identity and roles', () => {
    test('no token → 401 UNAUTHENTICATED on an action that needs a person', async () => {
      const res = await t.call('account', 'me')
      expect(res.status).toBe(401)
      expect(res.error).toEqual({ code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED })
    })

    test('no token is fine for a public action', async () => {
      const res = await t.call('community', 'info')
      expect(res.status).toBe(200)
      expect(res.data.hotline).toBe('0516-83861234')
    })

    test('an unknown token → 401 SESSION_EXPIRED; on a public action it is simply anonymous', async () => {
      for (const token of ['not-a-real-token', 'x'.repeat(500)]) {
        const res = await t.call('account', 'me', {}, { token })
        expect(res.status).toBe(401)
        expect(res.error?.code).toBe('SESSION_EXPIRED')
      }
      const pub = await t.call('community', 'info', {}, { token: 'not-a-real-token' })
      expect(pub.status).toBe(200)
    })

    test('a session past SESSION_TTL_DAYS → 401 SESSION_EXPIRED', async () => {
      const start = t.clock.iso()
      try {
        const token = await t.signIn('resident2')
        const ttl = t.config.SESSION_TTL_DAYS * DAY_MS
        t.clock.advance(ttl - 1000)
        expect((await t.call('account', 'me', {}, { token })).status).toBe(200)
        t.clock.advance(1000)
        const res = await t.call('account', 'me', {}, { token })
        expect(res.status).toBe(401)
        expect(res.error).toEqual({ code: 'SESSION_EXPIRED', message: ERROR_MESSAGES.SESSION_EXPIRED })
        // A fresh sign-in works again at that time.
        expect((await t.call('account', 'me', {}, { token: await t.signIn('resident2') })).status).toBe(200)
      } finally {
        t.clock.set(start)
      }
    })

    test.each([
      ['resident', 'people', 'search'],
      ['resident', 'community', 'grids'],
      ['gridworker', 'community', 'teams'],
      ['volunteer', 'announcements', 'manage'],
      ['staff', 'people', 'assign'],
      ['staff', 'account', 'myGrid'],
    ] as const)('%s calling %s.%s → 403 FORBIDDEN', async (who, domain, action) => {
      const token = await t.signIn(who)
      const res = await t.dispatch(domain, { action, data: {} }, { kind: 'session', token })
      expect(res.status).toBe(403)
      expect(res.error).toEqual({ code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN })
    })

    test('the role check comes before input validation: an outsider learns nothing about the input', async () => {
      const res = await t.call('people', 'assign', { userId: 'x' }, { token: resident })
      expect(res.status).toBe(403)
      expect(res.error?.fields).toBeUndefined()
    })

    test('roles come from the database on every request, so a change applies at once', async () => {
      const worker = await t.consentedNewcomer()
      const me = await t.ok('account', 'me', {}, { token: worker })
      expect((await t.call('community', 'grids', {}, { token: worker })).status).toBe(403)
      await t.ok('people', 'assign', { userId: me.id, roles: ['staff'] }, { token: admin })
      expect((await t.call('community', 'grids', {}, { token: worker })).status).toBe(200)
    })
  })

  describe('consent', () => {
    test('a newcomer gets CONSENT_REQUIRED on an action that is not allowed before consent', async () => {
      const token = await t.signIn('newcomer')
      const res = await t.call('community', 'buildings', {}, { token })
      expect(res.status).toBe(403)
      expect(res.error).toEqual({ code: 'CONSENT_REQUIRED', message: ERROR_MESSAGES.CONSENT_REQUIRED })
      const register = await t.call('account', 'register', { name: '王小明', phone: '13900000000', buildingId: 1, unit: 1, room: '101' }, { token })
      expect(register.error?.code).toBe('CONSENT_REQUIRED')

      // Actions marked beforeConsent still run: reading one's own record, consenting, signing out.
      const me = await t.call('account', 'me', {}, { token })
      expect(me.status).toBe(200)
      expect(me.data.consent.accepted).toBeNull()
      await t.ok('account', 'consent', { version: me.data.consent.required }, { token })
      expect((await t.call('community', 'buildings', {}, { token })).status).toBe(200)
    })

    test('a new privacy notice version asks everyone to consent again', async () => {
      const token = await t.signIn('resident2')
      expect((await t.call('community', 'buildings', {}, { token })).status).toBe(200)
      const before = await t.ok('community', 'info')
      await t.db.updateTable('community').set({ privacy_version: '2099-01-01' }).where('id', '=', 1).execute()
      try {
        const res = await t.call('community', 'buildings', {}, { token })
        expect(res.error?.code).toBe('CONSENT_REQUIRED')
        await t.ok('account', 'consent', { version: '2099-01-01' }, { token })
        expect((await t.call('community', 'buildings', {}, { token })).status).toBe(200)
      } finally {
        await t.db.updateTable('community').set({ privacy_version: before.privacyVersion }).where('id', '=', 1).execute()
      }
    })
  })

  describe('idempotency', () => {
    const draft = (title: string) => ({ title, body: '用于测试幂等的公告正文' })
    const countTitled = async (title: string) =>
      Number((await t.db.selectFrom('announcements').select((eb) => eb.fn.countAll<number>().as('n')).where('title', '=', title).executeTakeFirstOrThrow()).n)

    test('the same key twice runs the mutation once and answers the same', async () => {
      const key = 'idem-key-0001'
      const first = await t.call('announcements', 'save', draft('幂等一'), { token: staff, idempotencyKey: key })
      const second = await t.call('announcements', 'save', draft('幂等一'), { token: staff, idempotencyKey: key })
      expect(first.status).toBe(200)
      expect(second.status).toBe(200)
      expect(second.data).toEqual(first.data)
      expect(await countTitled('幂等一')).toBe(1)

      // Without a key, a repeat is a new request.
      await t.ok('announcements', 'save', draft('幂等一'), { token: staff })
      expect(await countTitled('幂等一')).toBe(2)
    })

    test('a key sent again with different data is refused with 409 saying so, and nothing runs', async () => {
      const key = 'idem-key-0002'
      const first = await t.ok('announcements', 'save', draft('幂等二'), { token: staff, idempotencyKey: key })
      const again = await t.call('announcements', 'save', draft('幂等二改'), { token: staff, idempotencyKey: key })
      expect([again.status, again.error?.code]).toEqual([409, 'CONFLICT'])
      expect(again.error?.message).toContain('内容不同')
      expect(await countTitled('幂等二改')).toBe(0)
      // The same data in another key order is the same request.
      const same = await t.ok('announcements', 'save', { body: draft('幂等二').body, title: '幂等二' }, { token: staff, idempotencyKey: key })
      expect(same.id).toBe(first.id)
    })

    test('a refusal writes nothing: no key is kept, so the same key can carry a corrected request', async () => {
      const key = 'idem-key-0009'
      const keys = async () => Number((await t.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll<number>().as('n')).where('key', '=', key).executeTakeFirstOrThrow()).n)
      const missing = await t.call('announcements', 'publish', { id: 999999 }, { token: staff, idempotencyKey: key })
      expect(missing.status).toBe(404)
      expect(await keys()).toBe(0)
      const saved = await t.ok('announcements', 'save', draft('幂等九'), { token: staff })
      expect((await t.call('announcements', 'publish', { id: saved.id }, { token: staff, idempotencyKey: key })).status).toBe(200)
      expect(await keys()).toBe(1)
    })

    test('a key reused by a different action is refused with 409 and nothing runs', async () => {
      const key = 'idem-key-0003'
      const saved = await t.ok('announcements', 'save', draft('幂等三'), { token: staff, idempotencyKey: key })
      const res = await t.call('announcements', 'publish', { id: saved.id }, { token: staff, idempotencyKey: key })
      expect(res.status).toBe(409)
      expect(res.error?.code).toBe('CONFLICT')
      expect(isChinese(res.error?.message)).toBe(true)
      const row = await t.db.selectFrom('announcements').select('status').where('id', '=', saved.id).executeTakeFirstOrThrow()
      expect(row.status).toBe('draft')
    })

    test('keys belong to one person: another person with the same key is not given the first answer', async () => {
      const key = 'idem-key-0004'
      const a = await t.ok('announcements', 'save', draft('幂等四'), { token: staff, idempotencyKey: key })
      const b = await t.ok('announcements', 'save', draft('幂等四'), { token: admin, idempotencyKey: key })
      expect(b.id).not.toBe(a.id)
      expect(await countTitled('幂等四')).toBe(2)
    })

    test('a failed attempt releases its key so the person can try again', async () => {
      const key = 'idem-key-0005'
      const missing = await t.call('announcements', 'publish', { id: 999999 }, { token: staff, idempotencyKey: key })
      expect(missing.status).toBe(404)
      const saved = await t.ok('announcements', 'save', draft('幂等五'), { token: staff })
      const retry = await t.call('announcements', 'publish', { id: saved.id }, { token: staff, idempotencyKey: key })
      expect(retry.status).toBe(200)
      expect(retry.data.status).toBe('published')
    })

    test('a double tap (two requests at once with one key) creates one record', async () => {
      const key = 'idem-key-0006'
      const results = await Promise.all([
        t.call('announcements', 'save', draft('幂等六'), { token: staff, idempotencyKey: key }),
        t.call('announcements', 'save', draft('幂等六'), { token: staff, idempotencyKey: key }),
      ])
      for (const r of results) expect([200, 409]).toContain(r.status)
      expect(results.some((r) => r.status === 200)).toBe(true)
      for (const r of results) if (r.status === 409) expect(r.error?.code).toBe('IN_PROGRESS')
      expect(await countTitled('幂等六')).toBe(1)
    })

    test('a claim left by a request that died is taken over once it is stale, and only then', async () => {
      const key = 'idem-key-0008'
      const me = await t.ok('account', 'me', {}, { token: staff })
      // A claim with no answer, as a process that crashed mid-request leaves it.
      await t.db
        .insertInto('idempotency_keys')
        .values({ user_id: me.id, key, action: 'announcements.save', response: null, created_at: t.clock.now().toISOString() })
        .execute()
      const fresh = await t.call('announcements', 'save', draft('幂等八'), { token: staff, idempotencyKey: key })
      expect(fresh.status).toBe(409)
      expect(fresh.error?.code).toBe('IN_PROGRESS')
      t.clock.advance(61_000)
      const taken = await t.call('announcements', 'save', draft('幂等八'), { token: staff, idempotencyKey: key })
      expect(taken.status).toBe(200)
      expect(await countTitled('幂等八')).toBe(1)
      const again = await t.ok('announcements', 'save', draft('幂等八'), { token: staff, idempotencyKey: key })
      expect(again.id).toBe(taken.data.id)
    })

    test('queries ignore the key', async () => {
      const key = 'idem-key-0007'
      const a = await t.ok('account', 'me', {}, { token: resident, idempotencyKey: key })
      await t.ok('account', 'setElderMode', { enabled: !a.elderMode }, { token: resident })
      const b = await t.ok('account', 'me', {}, { token: resident, idempotencyKey: key })
      expect(b.elderMode).toBe(!a.elderMode)
      await t.ok('account', 'setElderMode', { enabled: a.elderMode }, { token: resident })
    })
  })

  describe('bugs', () => {
    test('an exception that is not an AppError → 500 with details hidden, and logged', async () => {
      const lines: string[] = []
      const sink = new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk))
          done()
        },
      })
      const boom = defineDomain('boom', {
        explode: query<null>()({ input: z.object({}), access: 'public' }),
        fine: mutation<{ n: number }>()({ input: z.object({ n: z.number() }), access: 'public' }),
      })
      const mod = implement(boom, {
        explode: async () => {
          throw new Error('secret table users_private does not exist')
        },
        fine: async (input) => ({ n: input.n + 1 }),
      })
      const dispatch = createDispatcher({ ...t.services, log: pino({ level: 'info' }, sink) }, { boom: mod as unknown as DomainModule }, 4)
      const res = await dispatch('boom', { action: 'explode' }, null)
      expect(res.status).toBe(500)
      expect(res.envelope).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } })
      expect(JSON.stringify(res.envelope)).not.toContain('secret')
      expect(lines.join('')).toContain('secret table users_private does not exist')

      const fine = await dispatch('boom', { action: 'fine', data: { n: 1 } }, null)
      expect(fine).toEqual({ status: 200, envelope: { ok: true, data: { n: 2 } } })
    })
  })
})
