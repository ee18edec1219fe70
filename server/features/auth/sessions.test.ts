// Sessions of staff and admins end sooner and when idle (a desk computer nobody signed out of); residents keep
// theirs on their own phone; anyone can end all their sessions at once.
import { DAY_MS, engines, startBackend, type TestBackend } from '../../testing/harness'

const HOUR = 3_600_000

describe.each(engines())('session policy on %s', (engine) => {
  let t: TestBackend
  beforeEach(async () => {
    // The production defaults (the harness lengthens them for other tests); config.test.ts checks they are these.
    t = await startBackend(engine, { env: { STAFF_SESSION_TTL_DAYS: '7', STAFF_IDLE_HOURS: '8' } })
  })
  afterEach(() => t?.close())

  const me = (token: string) => t.call('account', 'me', {}, { token })

  test('a staff session left idle for longer than STAFF_IDLE_HOURS ends; use keeps it alive', async () => {
    const staff = await t.signIn('staff')
    for (let i = 0; i < 4; i++) {
      t.clock.advance(7 * HOUR)
      expect((await me(staff)).status).toBe(200)
    }
    t.clock.advance(8 * HOUR + 60_000)
    const idle = await me(staff)
    expect([idle.status, idle.error?.code]).toEqual([401, 'SESSION_EXPIRED'])
    // It is gone, not just refused.
    expect(await t.db.selectFrom('sessions').select('user_id').execute()).toEqual([])
  })

  test('a staff session ends after STAFF_SESSION_TTL_DAYS however it is used; a resident’s lasts its 30 days', async () => {
    const [staff, resident] = [await t.signIn('staff'), await t.signIn('resident')]
    for (let h = 0; h < 7 * 24; h += 6) {
      t.clock.advance(6 * HOUR)
      if (h + 6 < 7 * 24) expect((await me(staff)).status).toBe(200)
    }
    t.clock.advance(HOUR)
    expect((await me(staff)).status).toBe(401)
    expect((await me(resident)).status).toBe(200)
    t.clock.advance(10 * DAY_MS)
    expect((await me(resident)).status).toBe(200)
  })

  test('signing out everywhere ends every session of the person, and only theirs', async () => {
    const [phone, desk, other] = [await t.signIn('staff'), await t.signIn('staff'), await t.signIn('resident')]
    await t.ok('auth', 'signOut', { everywhere: true }, { token: phone })
    expect((await me(phone)).status).toBe(401)
    expect((await me(desk)).status).toBe(401)
    expect((await me(other)).status).toBe(200)
  })

  test('signing out without everywhere ends this session only', async () => {
    const [phone, desk] = [await t.signIn('resident'), await t.signIn('resident')]
    await t.ok('auth', 'signOut', {}, { token: phone })
    expect((await me(phone)).status).toBe(401)
    expect((await me(desk)).status).toBe(200)
  })
})
