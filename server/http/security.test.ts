// The HTTP edge as an attacker meets it: rate limits that made-up tokens do not escape, a sign-in limit of its
// own, demo sign-in only from this machine, and clients told apart behind a trusted proxy.
import { randomBytes } from 'node:crypto'
import { engines, startHttp } from '../testing/harness'

type Http = Awaited<ReturnType<typeof startHttp>>

const fakeToken = () => randomBytes(32).toString('base64url')
const json = { 'content-type': 'application/json' }

function postFrom(h: Http, domain: string, body: unknown, o: { token?: string; forwardedFor?: string } = {}) {
  const headers: Record<string, string> = { ...json }
  if (o.token) headers.authorization = `Bearer ${o.token}`
  if (o.forwardedFor) headers['x-forwarded-for'] = o.forwardedFor
  return h.request('POST', `/api/${domain}`, { body: JSON.stringify(body), headers })
}

describe.each(engines())('rate limits on %s', (engine) => {
  let h: Http
  beforeAll(async () => {
    h = await startHttp(engine, { env: { RATE_LIMIT_PER_MINUTE: '4', SIGNIN_RATE_LIMIT_PER_MINUTE: '3' } })
  })
  afterAll(() => h?.close())

  test('sign-in has its own small limit per address, which made-up tokens do not escape', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await postFrom(h, 'auth', { action: 'devSignIn', data: { as: 'resident' } }, { token: fakeToken() })).status)
    expect(statuses).toEqual([200, 200, 200, 429, 429])
  })

  test('an address at its limit stays there whatever token it makes up; a real session has its own allowance', async () => {
    const { token } = await h.ok('auth', 'devSignIn', { as: 'staff' })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await postFrom(h, 'community', { action: 'info' })).status)
    for (let i = 0; i < 3; i++) statuses.push((await postFrom(h, 'community', { action: 'info' }, { token: fakeToken() })).status)
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429])
    // From the same address, a person signed in is counted as themselves.
    expect((await postFrom(h, 'account', { action: 'me' }, { token })).status).toBe(200)
  })
})

describe.each(engines())('behind a proxy on %s', (engine) => {
  test('without TRUST_PROXY every client behind the proxy is one address; with it each is its own', async () => {
    const shared = await startHttp(engine, { env: { SIGNIN_RATE_LIMIT_PER_MINUTE: '2' } })
    const trusted = await startHttp(engine, { env: { SIGNIN_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '1' } })
    try {
      const signIn = { action: 'demoUsers' }
      const run = async (h: Http) => {
        const out: number[] = []
        for (const client of ['127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.4']) out.push((await postFrom(h, 'auth', signIn, { forwardedFor: client })).status)
        return out
      }
      expect(await run(shared)).toEqual([200, 200, 429, 429])
      expect(await run(trusted)).toEqual([200, 200, 200, 200])
    } finally {
      await shared.close()
      await trusted.close()
    }
  })

  test('demo sign-in is refused to a client that is not this machine', async () => {
    const h = await startHttp(engine, { env: { TRUST_PROXY: 'true' } })
    try {
      const remote = await postFrom(h, 'auth', { action: 'devSignIn', data: { as: 'admin' } }, { forwardedFor: '203.0.113.7' })
      expect(remote.status).toBe(403)
      expect(remote.json.error.code).toBe('DEV_SIGNIN_DISABLED')
      expect((await postFrom(h, 'auth', { action: 'demoUsers' }, { forwardedFor: '203.0.113.7' })).status).toBe(403)
      const local = await postFrom(h, 'auth', { action: 'devSignIn', data: { as: 'admin' } }, { forwardedFor: '127.0.0.1' })
      expect(local.status).toBe(200)
      expect(local.json.data.token).toEqual(expect.any(String))
    } finally {
      await h.close()
    }
  })
})
