import { engines, isChinese, startBackend, type TestBackend } from '../../testing/harness'

describe.each(engines())('messages on %s', (engine) => {
  let t: TestBackend
  let resident: string
  let resident2: string
  let worker: string
  let requestId: number

  beforeAll(async () => {
    t = await startBackend(engine)
    ;[resident, resident2, worker] = await Promise.all([t.signIn('resident'), t.signIn('resident2'), t.signIn('gridworker')])
    const [category] = await t.ok('hotline', 'categories', {}, { token: resident })
    requestId = (await t.ok('hotline', 'submit', { categoryId: category.id, description: '楼下的共享单车堵住了出口' }, { token: resident })).id
    // Four messages for the resident, a minute apart: accepted and three replies.
    t.clock.advance(60_000)
    await t.ok('hotline', 'accept', { id: requestId }, { token: worker })
    for (const text of ['已通知运维公司', '运维公司下午来清理', '已清理完毕，请查看']) {
      t.clock.advance(60_000)
      await t.ok('hotline', 'reply', { id: requestId, text }, { token: worker })
    }
  })
  afterAll(() => t?.close())

  test('newest first, paged, with the unread count; nobody else’s', async () => {
    const first = await t.ok('messages', 'list', { pageSize: 3 }, { token: resident })
    expect(first).toMatchObject({ total: 4, unread: 4, page: 1, pageSize: 3, hasMore: true })
    expect(first.items.map((m) => [m.title, m.read])).toEqual([
      ['您的诉求有新回复', false],
      ['您的诉求有新回复', false],
      ['您的诉求有新回复', false],
    ])
    expect(first.items[0]).toMatchObject({ body: expect.stringContaining('已清理完毕，请查看'), link: `/features/hotline/pages/detail/index?id=${requestId}`, createdAt: t.clock.iso() })
    const second = await t.ok('messages', 'list', { pageSize: 3, page: 2 }, { token: resident })
    expect(second.items.map((m) => m.title)).toEqual(['您的诉求已受理'])
    expect(second.hasMore).toBe(false)
    expect(await t.ok('messages', 'list', {}, { token: resident2 })).toMatchObject({ items: [], total: 0, unread: 0 })
    expect(await t.ok('messages', 'unread', {}, { token: resident })).toEqual({ unread: 4 })
  })

  test('markRead: chosen ids of one’s own, then all; someone else’s ids are refused and stay unread', async () => {
    const { items } = await t.ok('messages', 'list', { pageSize: 10 }, { token: resident })
    t.clock.advance(60_000)
    expect(await t.ok('messages', 'markRead', { ids: [items[0].id, items[1].id] }, { token: resident })).toEqual({ unread: 2 })
    // Marking again changes nothing and is no error: the client may retry.
    expect(await t.ok('messages', 'markRead', { ids: [items[0].id] }, { token: resident })).toEqual({ unread: 2 })
    const row = await t.db.selectFrom('notifications').select('read_at').where('id', '=', items[0].id).executeTakeFirstOrThrow()
    expect(row.read_at).toBe(t.clock.iso())

    const theirs = await t.call('messages', 'markRead', { ids: [items[2].id] }, { token: resident2 })
    expect([theirs.status, theirs.error?.code, isChinese(theirs.error?.message)]).toEqual([404, 'NOT_FOUND', true])
    const mixed = await t.call('messages', 'markRead', { ids: [items[3].id, 999999] }, { token: resident })
    expect(mixed.status).toBe(404)
    expect(await t.ok('messages', 'unread', {}, { token: resident })).toEqual({ unread: 2 })
    // all: true marks only the caller's own.
    expect(await t.ok('messages', 'markRead', { all: true }, { token: resident2 })).toEqual({ unread: 0 })
    expect(await t.ok('messages', 'unread', {}, { token: resident })).toEqual({ unread: 2 })

    const nothing = await t.call('messages', 'markRead', {}, { token: resident })
    expect([nothing.status, Object.keys(nothing.error?.fields ?? {})]).toEqual([400, ['ids']])
    expect(await t.ok('messages', 'markRead', { all: true }, { token: resident })).toEqual({ unread: 0 })
    const after = await t.ok('messages', 'list', {}, { token: resident })
    expect(after.items.every((m) => m.read)).toBe(true)
  })

  test('signed-in people only', async () => {
    for (const action of ['list', 'unread', 'markRead'] as const) {
      expect((await t.call('messages', action, { all: true })).status).toBe(401)
    }
  })
})
