import { DAY_MS, engines, isChinese, startBackend, type TestBackend } from '../../testing/harness'

describe.each(engines())('announcements on %s', (engine) => {
  let t: TestBackend
  let staff: string
  let resident: string

  beforeAll(async () => {
    t = await startBackend(engine)
    ;[staff, resident] = await Promise.all([t.signIn('staff'), t.signIn('resident')])
  })
  afterAll(() => t?.close())

  const publicTitles = async () => (await t.ok('announcements', 'list', { pageSize: 50 })).items.map((a) => a.title)

  test('the public list has the seeded announcements, pinned first, then newest first, without signing in', async () => {
    const res = await t.call('announcements', 'list')
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ page: 1, pageSize: 10, total: 4, hasMore: false })
    expect(res.data.items.map((a) => a.title)).toEqual([
      '徐州东站班车冬季时刻调整',
      '社区医疗服务中心免费体检安排',
      '红石榴艺术团元旦文艺汇演节目征集',
      '老年大学春季班开始预报名',
    ])
    expect(res.data.items[0].pinned).toBe(true)
    for (const a of res.data.items) expect(a.status).toBe('published')
    // Seeded relative to the injected clock.
    expect(res.data.items[1].publishedAt).toBe(new Date(t.clock.now().getTime() - 3 * DAY_MS).toISOString())
  })

  test('paging: hasMore until the last page', async () => {
    const p1 = await t.ok('announcements', 'list', { page: 1, pageSize: 3 })
    const p2 = await t.ok('announcements', 'list', { page: 2, pageSize: 3 })
    expect(p1).toMatchObject({ page: 1, pageSize: 3, total: 4, hasMore: true })
    expect(p1.items).toHaveLength(3)
    expect(p2).toMatchObject({ page: 2, total: 4, hasMore: false })
    expect(p2.items).toHaveLength(1)
    expect(p1.items.map((a) => a.id)).not.toContain(p2.items[0].id)
    const p9 = await t.ok('announcements', 'list', { page: 9, pageSize: 3 })
    expect(p9).toMatchObject({ items: [], hasMore: false, total: 4 })
  })

  test('staff save a draft (not public), publish it (public, at the top of the unpinned), withdraw it (gone)', async () => {
    t.clock.advance(60_000)
    const draft = await t.ok('announcements', 'save', { title: '  楼道消防通道清理通知  ', body: '本周六上午统一清理楼道堆放杂物，请各户配合。' }, { token: staff })
    expect(draft).toMatchObject({ title: '楼道消防通道清理通知', status: 'draft', pinned: false, publishedAt: null, updatedAt: t.clock.iso() })
    expect(await publicTitles()).not.toContain('楼道消防通道清理通知')
    const hidden = await t.call('announcements', 'get', { id: draft.id })
    expect(hidden.status).toBe(404)
    expect((await t.call('announcements', 'get', { id: draft.id }, { token: resident })).status).toBe(404)
    // Staff open their drafts to edit them.
    expect((await t.ok('announcements', 'get', { id: draft.id }, { token: staff })).status).toBe('draft')
    expect((await t.ok('announcements', 'manage', {}, { token: staff })).items.map((a) => a.id)).toContain(draft.id)

    t.clock.advance(60_000)
    const published = await t.ok('announcements', 'publish', { id: draft.id }, { token: staff })
    expect(published).toMatchObject({ status: 'published', publishedAt: t.clock.iso() })
    expect((await publicTitles()).slice(0, 2)).toEqual(['徐州东站班车冬季时刻调整', '楼道消防通道清理通知'])
    expect((await t.ok('announcements', 'get', { id: draft.id })).body).toBe('本周六上午统一清理楼道堆放杂物，请各户配合。')

    const withdrawn = await t.ok('announcements', 'withdraw', { id: draft.id }, { token: staff })
    expect(withdrawn.status).toBe('withdrawn')
    expect(await publicTitles()).not.toContain('楼道消防通道清理通知')
    expect((await t.call('announcements', 'get', { id: draft.id })).status).toBe(404)
    const manage = await t.ok('announcements', 'manage', { pageSize: 50 }, { token: staff })
    expect(manage.items.find((a) => a.id === draft.id)?.status).toBe('withdrawn')
  })

  test('a newly pinned announcement goes above the older pinned one', async () => {
    const a = await t.ok('announcements', 'save', { title: '停水通知', body: '明日上午9点至12点管道新村停水检修。', pinned: true }, { token: staff })
    t.clock.advance(60_000)
    await t.ok('announcements', 'publish', { id: a.id }, { token: staff })
    const list = await t.ok('announcements', 'list', {})
    expect(list.items.slice(0, 2).map((x) => [x.title, x.pinned])).toEqual([
      ['停水通知', true],
      ['徐州东站班车冬季时刻调整', true],
    ])
  })

  test('editing keeps the status; editing something that does not exist → 404', async () => {
    const a = await t.ok('announcements', 'save', { title: '旧标题', body: '旧的正文内容写在这里。' }, { token: staff })
    t.clock.advance(60_000)
    const edited = await t.ok('announcements', 'save', { id: a.id, title: '新标题', body: '新的正文内容写在这里。' }, { token: staff })
    expect(edited).toMatchObject({ id: a.id, title: '新标题', status: 'draft', updatedAt: t.clock.iso() })
    const missing = await t.call('announcements', 'save', { id: 999999, title: '新标题', body: '新的正文内容写在这里。' }, { token: staff })
    expect(missing.status).toBe(404)
    expect((await t.call('announcements', 'publish', { id: 999999 }, { token: staff })).status).toBe(404)
  })

  test.each(['resident', 'gridworker', 'volunteer'])('%s cannot manage, save, publish or withdraw', async (who) => {
    const token = await t.signIn(who)
    const [one] = (await t.ok('announcements', 'list', {})).items
    const attempts = [
      await t.call('announcements', 'manage', {}, { token }),
      await t.call('announcements', 'save', { title: '冒名公告', body: '这是一条不应出现的公告。' }, { token }),
      await t.call('announcements', 'publish', { id: one.id }, { token }),
      await t.call('announcements', 'withdraw', { id: one.id }, { token }),
    ]
    for (const res of attempts) {
      expect(res.status).toBe(403)
      expect(res.error?.code).toBe('FORBIDDEN')
    }
    expect(await publicTitles()).not.toContain('冒名公告')
    expect((await t.ok('announcements', 'get', { id: one.id })).status).toBe('published')
  })

  test('validation names title and body in Chinese', async () => {
    const empty = await t.call('announcements', 'save', { title: ' ', body: '短' }, { token: staff })
    expect(empty.status).toBe(400)
    expect(empty.error?.fields).toEqual({ title: expect.stringContaining('标题'), body: expect.stringContaining('正文') })
    const long = await t.call('announcements', 'save', { title: '长'.repeat(41), body: '正'.repeat(2001) }, { token: staff })
    expect(long.error?.fields?.title).toContain('40')
    expect(long.error?.fields?.body).toContain('2000')
    for (const m of Object.values(long.error?.fields ?? {})) expect(isChinese(m)).toBe(true)
    const missing = await t.call('announcements', 'save', {}, { token: staff })
    expect(Object.keys(missing.error?.fields ?? {}).sort()).toEqual(['body', 'title'])
  })
})
