// The HTTP adapter over a real socket: status codes, bodies that are not JSON, routes that do not exist.
import { engines, isChinese, startHttp } from '../testing/harness'

type Http = Awaited<ReturnType<typeof startHttp>>

function expectEnvelopeError(res: { status: number; json: any; headers: Headers }, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/application\/json/)
  expect(res.json).toEqual({ ok: false, error: expect.objectContaining({ code, message: expect.any(String) }) })
  expect(isChinese(res.json.error.message)).toBe(true)
}

describe.each(engines())('HTTP adapter on %s', (engine) => {
  let h: Http

  beforeAll(async () => {
    h = await startHttp(engine)
  })
  afterAll(() => h?.close())

  test('GET /healthz answers with the engine and the server clock', async () => {
    const res = await h.request('GET', '/healthz')
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ ok: true, engine, now: h.clock.iso() })
  })

  test('sign in, then call with the Bearer token', async () => {
    const signIn = await h.post('auth', { action: 'devSignIn', data: { as: 'resident' } })
    expect(signIn.status).toBe(200)
    expect(signIn.json.ok).toBe(true)
    const token = signIn.json.data.token as string
    const me = await h.post('account', { action: 'me' }, token)
    expect(me.status).toBe(200)
    expect(me.json).toEqual({ ok: true, data: expect.objectContaining({ name: '李桂芳', roles: ['resident'] }) })
  })

  test('status codes follow the error: 401 without a token, 403 by role, 404 unknown, 400 bad input', async () => {
    expectEnvelopeError(await h.post('account', { action: 'me' }), 401, 'UNAUTHENTICATED')
    expectEnvelopeError(await h.post('account', { action: 'me' }, 'no-such-token'), 401, 'SESSION_EXPIRED')
    const resident = (await h.post('auth', { action: 'devSignIn', data: { as: 'resident' } })).json.data.token
    expectEnvelopeError(await h.post('people', { action: 'search' }, resident), 403, 'FORBIDDEN')
    expectEnvelopeError(await h.post('nope', { action: 'x' }), 404, 'UNKNOWN_ACTION')
    expectEnvelopeError(await h.post('account', { action: 'nope' }, resident), 404, 'UNKNOWN_ACTION')
    const bad = await h.post('account', { action: 'setElderMode', data: { enabled: 'yes' } }, resident)
    expectEnvelopeError(bad, 400, 'BAD_INPUT')
    expect(Object.keys(bad.json.error.fields)).toEqual(['enabled'])
  })

  test('an Authorization header that is not a Bearer token counts as none', async () => {
    const res = await h.request('POST', '/api/account', {
      body: JSON.stringify({ action: 'me' }),
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
    })
    expectEnvelopeError(res, 401, 'UNAUTHENTICATED')
  })

  test('invalid JSON → 400 envelope, not 500', async () => {
    const res = await h.request('POST', '/api/account', { body: '{"action": "me",', headers: { 'content-type': 'application/json' } })
    expectEnvelopeError(res, 400, 'BAD_INPUT')
  })

  test('an empty JSON body → 400 envelope', async () => {
    const res = await h.request('POST', '/api/account', { body: '', headers: { 'content-type': 'application/json' } })
    expectEnvelopeError(res, 400, 'BAD_INPUT')
  })

  test('a JSON array body → 400 envelope', async () => {
    const res = await h.request('POST', '/api/auth', { body: JSON.stringify([{ action: 'demoUsers' }]), headers: { 'content-type': 'application/json' } })
    expectEnvelopeError(res, 400, 'BAD_INPUT')
  })

  test.each([
    ['a JSON string', '"hello"'],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
  ])('%s as the body → 400 envelope', async (_label, body) => {
    const res = await h.request('POST', '/api/community', { body, headers: { 'content-type': 'application/json' } })
    expectEnvelopeError(res, 400, 'BAD_INPUT')
  })

  test('plain text and unknown content types → 400 envelope', async () => {
    expectEnvelopeError(await h.request('POST', '/api/community', { body: 'action=info', headers: { 'content-type': 'text/plain' } }), 400, 'BAD_INPUT')
    expectEnvelopeError(
      await h.request('POST', '/api/community', { body: 'action=info', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      400,
      'BAD_INPUT',
    )
  })

  test('a huge body → 400 envelope saying it is too large', async () => {
    const body = JSON.stringify({ action: 'info', data: { filler: 'x'.repeat(2 * 1024 * 1024) } })
    const res = await h.request('POST', '/api/community', { body, headers: { 'content-type': 'application/json' } })
    expectEnvelopeError(res, 400, 'BAD_INPUT')
    expect(res.json.error.message).toContain('过大')
  })

  test.each(['GET', 'PUT', 'DELETE'])('%s /api/x → 404 envelope', async (method) => {
    const res = await h.request(method, '/api/x')
    expectEnvelopeError(res, 404, 'UNKNOWN_ACTION')
  })

  test('GET on a real domain and deeper paths under /api → 404 envelope, never 500', async () => {
    expectEnvelopeError(await h.request('GET', '/api/auth'), 404, 'UNKNOWN_ACTION')
    expectEnvelopeError(await h.request('POST', '/api/auth/devSignIn', { body: '{}', headers: { 'content-type': 'application/json' } }), 404, 'UNKNOWN_ACTION')
    expectEnvelopeError(await h.request('GET', '/api/'), 404, 'UNKNOWN_ACTION')
  })

  test('error bodies never carry a stack or internal detail', async () => {
    const res = await h.request('POST', '/api/account', { body: '{bad json', headers: { 'content-type': 'application/json' } })
    expect(res.text).not.toMatch(/stack|at Object|node_modules|SyntaxError|FST_/i)
  })
})

describe.each(engines())('HTTP rate limit on %s', (engine) => {
  let h: Http
  beforeAll(async () => {
    h = await startHttp(engine, { env: { RATE_LIMIT_PER_MINUTE: '3' } })
  })
  afterAll(() => h?.close())

  test('past the limit a caller gets 429 RATE_LIMITED in the envelope', async () => {
    const statuses: number[] = []
    let last
    for (let i = 0; i < 4; i++) {
      last = await h.post('community', { action: 'info' })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(last!.json.ok).toBe(false)
    expect(last!.json.error.code).toBe('RATE_LIMITED')
    expect(isChinese(last!.json.error.message)).toBe(true)
  })
})
