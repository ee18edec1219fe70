import { DAY_MS, FakeClock, T0, engines, pgSchemaExists, startBackend, testConfig } from './harness'

describe('engines', () => {
  test('always include PostgreSQL as well as SQLite', () => {
    expect(engines()).toEqual(['sqlite', 'postgres'])
  })
})

describe('FakeClock', () => {
  test('starts where told, advances and is set', () => {
    const clock = new FakeClock(T0)
    expect(clock.fn().toISOString()).toBe(T0)
    clock.advance(DAY_MS)
    expect(clock.iso()).toBe('2026-11-28T02:00:00.000Z')
    clock.set('2027-01-01T00:00:00Z')
    expect(clock.fn().toISOString()).toBe('2027-01-01T00:00:00.000Z')
  })
})

describe('testConfig', () => {
  test('is a silent test configuration without WeChat credentials', () => {
    const c = testConfig({ SESSION_TTL_DAYS: '7' })
    expect(c.NODE_ENV).toBe('test')
    expect(c.LOG_LEVEL).toBe('silent')
    expect(c.demo).toBe(true)
    expect(c.production).toBe(false)
    expect(c.SESSION_TTL_DAYS).toBe(7)
    expect(c.WECHAT_APPID).toBeUndefined()
  })
})

describe.each(engines())('startBackend on %s', (engine) => {
  test('runs on the engine asked for, with the injected clock, and cleans up after itself', async () => {
    const t = await startBackend(engine)
    try {
      expect(t.services.engine).toBe(engine)
      expect(t.services.clock().toISOString()).toBe(T0)
      t.clock.advance(60_000)
      expect(t.services.clock().toISOString()).toBe('2026-11-27T02:01:00.000Z')
      const info = await t.ok('community', 'info')
      expect(info.name).toBe('管道社区')
      if (engine === 'postgres') {
        expect(t.pgSchema).toMatch(/^t_/)
        expect(await pgSchemaExists(t.pgSchema!)).toBe(true)
      }
    } finally {
      await t.close()
    }
    if (engine === 'postgres') expect(await pgSchemaExists(t.pgSchema!)).toBe(false)
  })

  test('a second backend started while the first is open is isolated from it', async () => {
    // Sequential on purpose: the second migration then finds the first one's bookkeeping tables in the database.
    const a = await startBackend(engine)
    try {
      const b = await startBackend(engine)
      try {
        const token = await a.signIn('staff')
        await a.ok('announcements', 'save', { title: '只在甲库', body: '这条公告只写进第一个库' }, { token })
        const inA = await a.ok('announcements', 'manage', {}, { token })
        const inB = await b.ok('announcements', 'manage', {}, { token: await b.signIn('staff') })
        expect(inA.total).toBe(inB.total + 1)
        expect(inA.items.map((x) => x.title)).toContain('只在甲库')
        expect(inB.items.map((x) => x.title)).not.toContain('只在甲库')
      } finally {
        await b.close()
      }
    } finally {
      await a.close()
    }
  })

  test('close() may be called twice', async () => {
    const t = await startBackend(engine)
    await t.close()
    await expect(t.close()).resolves.toBeUndefined()
  })
})
