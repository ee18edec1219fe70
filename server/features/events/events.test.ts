// Publishing and signing up: drafts only organisers see, who may publish what, bad input named field by field with
// nothing written, places counting companions, the waiting list promoted when someone cancels, the sign-up window
// and who may come enforced at Beijing-time instants, and everyone told of a change or a cancellation.
import { atLocal } from '../../../common/time'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { makeResidents } from '../../testing/storm'
import { eventsWorld } from './testing'

describe.each(engines())('events on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof eventsWorld>>
  beforeEach(async () => {
    t = await startBackend(engine)
    w = await eventsWorld(t)
  })
  afterEach(() => t?.close())

  test('a draft is seen by its organisers only; published, it is listed with its places and open for sign-up', async () => {
    const draft = await t.ok('events', 'save', w.input(), { token: w.tk.staff })
    expect(draft).toMatchObject({ state: 'draft', status: 'draft', places: 2, placesLeft: 2, can: { edit: true, publish: true } })
    expect(draft.sessions.map((s) => [s.startsAt, s.endsAt])).toEqual([[atLocal('2026-11-28', '14:00'), atLocal('2026-11-28', '16:00')]])
    expect((await t.call('events', 'get', { id: draft.id }, { token: w.tk.resident })).status).toBe(404)
    expect((await t.ok('events', 'list', {}, { token: w.tk.resident })).events).toEqual([])
    const e = await t.ok('events', 'publish', { id: draft.id }, { token: w.tk.staff })
    expect(e).toMatchObject({ state: 'published', status: 'open', placesLeft: 2, audience: { text: '全体居民' }, venue: { name: '红石榴广场' } })
    const seen = (await t.ok('events', 'list', {}, { token: w.tk.resident })).events
    expect(seen.map((x) => [x.title, x.status, x.can.edit, x.eligibility?.ok])).toEqual([['红石榴艺术团迎新演出', 'open', false, true]])
    // Anyone may open it, signed in or not: a shared card's page.
    const outside = await t.call('events', 'get', { id: e.id })
    expect(outside.status).toBe(200)
    expect(outside.data).toMatchObject({ title: '红石榴艺术团迎新演出', mine: null, eligibility: null })
    expect((await t.call('events', 'publish', { id: e.id }, { token: w.tk.staff })).error?.message).toBe('该活动已发布')
  })

  test('bad input names the field in Chinese and writes nothing', async () => {
    const cases: [object, string, string][] = [
      [{ title: '' }, 'title', '活动名称至少2个字'],
      [{ places: 0 }, 'places', '名额不能少于1个'],
      [{ category: '聚餐' }, 'category', '请选择活动类别'],
      [{ sessions: [{ date: '2026-11-28', starts: '16:00', ends: '14:00' }] }, 'sessions.0.ends', '结束时间应晚于开始时间'],
      [{ sessions: [{ date: '2026-11-28', starts: '14:00', ends: '16:00' }, { date: '2026-11-28', starts: '15:00', ends: '17:00' }] }, 'sessions.1.date', '各次活动应按时间先后排列，且时间不能重叠'],
      [{ signupCloses: { date: '2026-11-27', time: '08:00' } }, 'signupCloses.date', '报名截止应晚于报名开始'],
      [{ signupCloses: { date: '2026-11-28', time: '15:00' } }, 'signupCloses.date', '报名截止不能晚于活动开始'],
      [{ cancelUntil: { date: '2026-11-29', time: '09:00' } }, 'cancelUntil.date', '取消截止不能晚于活动开始'],
      [{ venueId: 999999 }, 'venueId', '活动地点不存在，请重新选择'],
      [{ minAge: 70, maxAge: 60 }, 'maxAge', '最高年龄应不低于最低年龄'],
      [{ sessions: [{ date: '2026-11-20', starts: '14:00', ends: '16:00' }] }, 'sessions.0.date', '活动时间已过，请重新选择'],
      [{ posterId: 999999 }, 'posterId', '海报不存在或已被使用，请重新上传'],
    ]
    for (const [over, field, message] of cases) {
      const res = await t.call('events', 'save', w.input(over as never), { token: w.tk.staff })
      expect([field, res.status, res.error?.fields?.[field]]).toEqual([field, 400, message])
    }
    expect(await t.db.selectFrom('events').select('id').execute()).toEqual([])
    expect(await t.db.selectFrom('event_sessions').select('id').execute()).toEqual([])
  })

  test('a team leader organises their own team’s events only; residents and drivers none', async () => {
    const teams = await t.ok('events', 'organised', {}, { token: w.tk.volunteer })
    expect(teams.teams.map((x) => x.name)).toEqual(['红石榴邻里互助队'])
    const own = teams.teams[0]!.id
    const other = (await t.ok('events', 'organised', {}, { token: w.tk.staff })).teams.find((x) => x.name === '红石榴文艺宣传队')!.id
    expect((await t.call('events', 'save', w.input({ teamId: other }), { token: w.tk.volunteer })).error?.fields).toEqual({ teamId: '只能组织本队的活动' })
    expect((await t.call('events', 'save', w.input(), { token: w.tk.volunteer })).error?.fields).toEqual({ teamId: '请选择组织活动的志愿服务队' })
    const mine = await w.published({ teamId: own, title: '邻里互助读书会' }, 'volunteer')
    expect(mine).toMatchObject({ team: { name: '红石榴邻里互助队' }, can: { edit: true, checkIn: true } })
    const staffs = await w.published()
    expect((await t.call('events', 'cancelEvent', { id: staffs.id, reason: '天气原因' }, { token: w.tk.volunteer })).status).toBe(404)
    expect((await t.call('events', 'save', w.input({ title: '改个名字' }), { token: w.tk.resident })).status).toBe(403)
    expect((await t.call('events', 'organised', {}, { token: w.tk.driver })).status).toBe(403)
    expect((await t.ok('events', 'organised', {}, { token: w.tk.volunteer })).events.map((e) => e.title)).toEqual(['邻里互助读书会'])
  })

  test('places count companions; when full a third waits, the first cancels and the third is promoted and told', async () => {
    const e = await w.published({ places: 3 })
    const spouse = await w.companion('resident', '王德明')
    const first = await w.signUp('resident', e, { companionIds: [spouse] })
    expect(first.status).toBe(200)
    expect(first.data).toMatchObject({ state: 'signed', places: 2, named: [{ name: '王德明', relation: '配偶' }], guests: 0, can: { cancel: true } })
    expect(first.data!.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
    expect((await w.signUp('resident2', e)).status).toBe(200)
    expect(await w.unit(e)).toEqual({ places: 3, taken: 3 })
    const [third] = await makeResidents(t, 1, 'third')
    const full = await w.signUp(third!, e)
    expect([full.status, full.error?.message]).toEqual([409, '名额已满，可以加入候补'])
    expect((await t.ok('events', 'get', { id: e.id }, { token: third })).status).toBe('full')
    const waiting = await w.waitFor(third!, e)
    expect(waiting.data).toMatchObject({ state: 'waiting', position: 1, places: 1 })
    expect((await w.signUp('resident', e)).error?.message).toBe('您已报名该活动，可在“我的报名”中查看')

    const cancelled = await t.ok('events', 'cancel', { id: first.data!.id }, { token: w.tk.resident })
    expect(cancelled.state).toBe('cancelled')
    const promoted = await t.ok('events', 'getWait', { id: waiting.data!.id }, { token: third })
    expect(promoted).toMatchObject({ state: 'promoted', position: null })
    const told = (await w.messages(third!))[0]!
    expect(told.title).toBe('候补成功，已为您报名')
    expect(told.link).toBe(`/features/events/pages/signup/index?id=${promoted.signupId}`)
    // Two places freed, one taken by the promoted party: one left.
    expect(await w.unit(e)).toEqual({ places: 3, taken: 2 })
    // The promoted resident may give the place back.
    expect((await t.ok('events', 'cancel', { id: promoted.signupId! }, { token: third })).state).toBe('cancelled')
    expect(await w.unit(e)).toEqual({ places: 3, taken: 1 })
    const mine = await t.ok('events', 'mine', {}, { token: w.tk.resident })
    expect([mine.upcoming.length, mine.past.map((s) => s.state)]).toEqual([0, ['cancelled']])
  })

  test('companions as a count, within the event’s limit; named ones must be the resident’s own', async () => {
    const counted = await w.published({ guestMode: 'count', maxGuests: 2, places: 10 })
    const two = await w.signUp('resident', counted, { guests: 2 })
    expect(two.data).toMatchObject({ places: 3, guests: 2, named: [] })
    expect((await w.signUp('resident2', counted, { guests: 3 })).error?.fields).toEqual({ guests: '本活动每人最多带2位同行人' })
    const theirs = await w.companion('resident2', '马小军', '子女')
    expect((await w.signUp('resident2', counted, { companionIds: [theirs] })).error?.fields).toEqual({ companionIds: '本活动只需填写同行人数' })
    const named = await w.published({ places: 10, title: '老年大学书法班' })
    expect((await w.signUp('resident', named, { companionIds: [theirs] })).error?.fields).toEqual({ 'companionIds.0': '该常用乘车人不存在，请刷新后重选' })
    expect((await w.signUp('resident', named, { guests: 1 })).error?.fields).toEqual({ guests: '本活动请从常用乘车人中选择同行人' })
    const alone = await w.published({ places: 10, maxGuests: 0, title: '议事会' })
    expect((await w.signUp('resident', alone, { guests: 1 })).error?.fields).toEqual({ guests: '本活动不能带同行人' })
    expect(await t.db.selectFrom('event_signups').select('id').where('event_id', '!=', counted.id).execute()).toEqual([])
  })

  test('the sign-up window opens and closes at Beijing midnight, to the second', async () => {
    const e = await w.published({
      sessions: [{ date: '2026-11-30', starts: '09:00', ends: '11:00' }],
      signupOpens: { date: '2026-11-28', time: '00:00' },
      signupCloses: { date: '2026-11-29', time: '00:00' },
      cancelUntil: { date: '2026-11-29', time: '00:00' },
    })
    t.clock.set('2026-11-27T15:59:59.000Z')
    expect((await w.get(e)).status).toBe('not_open')
    expect((await w.signUp('resident', e)).error?.message).toBe('11月28日 00:00开始报名')
    t.clock.set('2026-11-27T16:00:00.000Z')
    expect((await w.signUp('resident', e)).status).toBe(200)
    t.clock.set('2026-11-28T15:59:59.000Z')
    expect((await w.signUp('resident2', e)).status).toBe(200)
    t.clock.set('2026-11-28T16:00:00.000Z')
    expect((await w.get(e)).status).toBe('closed')
    const [late] = await makeResidents(t, 1, 'late')
    expect((await w.signUp(late!, e)).error?.message).toBe('报名已于11月29日 00:00截止')
    const mine = (await t.ok('events', 'mine', {}, { token: w.tk.resident })).upcoming[0]!
    expect((await t.call('events', 'cancel', { id: mine.id }, { token: w.tk.resident })).error?.message).toBe('已过取消截止时间（11月29日 00:00），如需取消请联系社区')
    // Staff may still cancel it for the resident, who is told.
    expect((await t.ok('events', 'cancel', { id: mine.id }, { token: w.tk.staff })).state).toBe('cancelled')
    expect((await w.messages('resident'))[0]!.title).toBe('活动报名已取消')
  })

  test('who may come: some grids, an age band that asks for a birth year only then', async () => {
    const grids = await t.db.selectFrom('users').innerJoin('households', 'households.id', 'users.household_id').innerJoin('buildings', 'buildings.id', 'households.building_id').innerJoin('grids', 'grids.id', 'buildings.grid_id').select(['users.openid', 'grids.id', 'grids.name']).where('users.openid', 'in', ['demo:resident', 'demo:resident2']).execute()
    const g1 = grids.find((g) => g.openid === 'demo:resident')!
    const g2 = grids.find((g) => g.openid === 'demo:resident2')!
    expect(g1.id).not.toBe(g2.id)
    const local = await w.published({ gridIds: [g2.id], places: 10 })
    expect((await w.get(local)).eligibility).toEqual({ ok: false, reason: `本活动仅限${g2.name}居民报名`, needsBirthYear: false })
    expect((await w.signUp('resident', local)).error?.message).toBe(`本活动仅限${g2.name}居民报名`)
    expect((await w.signUp('resident2', local)).status).toBe(200)
    expect((await w.get(local, 'resident2')).audience.text).toBe(`${g2.name}居民`)

    const elders = await w.published({ minAge: 60, places: 10, title: '老年大学合唱班' })
    expect((await w.get(elders)).eligibility).toEqual({ ok: false, reason: '本活动限60岁及以上居民报名，请先填写出生年份', needsBirthYear: true })
    expect((await w.signUp('resident', elders)).status).toBe(409)
    expect((await t.ok('account', 'setBirthYear', { birthYear: 1990 }, { token: w.tk.resident })).birthYear).toBe(1990)
    expect((await w.signUp('resident', elders)).error?.message).toBe('本活动限60岁及以上居民报名')
    // 60 in the year the event is held (2026): born in 1966.
    await t.ok('account', 'setBirthYear', { birthYear: 1966 }, { token: w.tk.resident })
    expect((await w.signUp('resident', elders)).status).toBe(200)
    expect((await t.call('account', 'setBirthYear', { birthYear: 2030 }, { token: w.tk.resident })).error?.fields).toEqual({ birthYear: '出生年份不能晚于今年' })
  })

  test('a new time or place tells everyone signed up and waiting; a cancellation tells them and ends the sign-ups', async () => {
    const e = await w.published({ places: 1 })
    const s = (await w.signUp('resident', e)).data!
    const q = (await w.waitFor('resident2', e)).data!
    const moved = await t.ok('events', 'save', { ...w.input({ places: 1, venueId: w.venues[1]!.id, room: '阅览区', sessions: [{ date: '2026-11-28', starts: '15:00', ends: '17:00' }] }), id: e.id }, { token: w.tk.staff })
    expect(moved.startsAt).toBe(atLocal('2026-11-28', '15:00'))
    for (const who of ['resident', 'resident2'] as const) {
      const m = (await w.messages(who))[0]!
      expect([m.title, m.body.includes('红石榴书屋 · 阅览区'), m.body.includes('11月28日（周六）15:00'), m.link]).toEqual(['活动时间或地点有变', true, true, `/features/events/pages/detail/index?id=${e.id}`])
    }
    // A change of the description alone tells nobody.
    const before = (await w.messages('resident')).length
    await t.ok('events', 'save', { ...w.input({ places: 1, venueId: w.venues[1]!.id, room: '阅览区', description: '新的介绍', sessions: [{ date: '2026-11-28', starts: '15:00', ends: '17:00' }] }), id: e.id }, { token: w.tk.staff })
    expect((await w.messages('resident')).length).toBe(before)

    const cancelled = await t.ok('events', 'cancelEvent', { id: e.id, reason: '大风预警' }, { token: w.tk.staff })
    expect(cancelled.status).toBe('cancelled')
    expect((await t.ok('events', 'signup', { id: s.id }, { token: w.tk.resident })).state).toBe('cancelled')
    expect((await t.ok('events', 'getWait', { id: q.id }, { token: w.tk.resident2 })).state).toBe('left')
    for (const who of ['resident', 'resident2'] as const) expect((await w.messages(who))[0]!.title).toBe('活动已取消')
    expect((await t.call('events', 'save', { ...w.input(), id: e.id }, { token: w.tk.staff })).error?.message).toBe('该活动已取消')
  })

  test('places cannot drop below what is taken; more places serve the queue at once', async () => {
    const e = await w.published({ places: 1 })
    await w.signUp('resident', e)
    const q = (await w.waitFor('resident2', e)).data!
    expect((await t.call('events', 'save', { ...w.input({ places: 1 }), places: 0, id: e.id }, { token: w.tk.staff })).status).toBe(400)
    await t.ok('events', 'save', { ...w.input({ places: 2 }), id: e.id }, { token: w.tk.staff })
    expect((await t.ok('events', 'getWait', { id: q.id }, { token: w.tk.resident2 })).state).toBe('promoted')
    expect(await w.unit(e)).toEqual({ places: 2, taken: 2 })
    const lower = await t.call('events', 'save', { ...w.input({ places: 1 }), id: e.id }, { token: w.tk.staff })
    expect(lower.error?.fields).toEqual({ places: '已有2人报名（含同行人），名额不能少于2' })
  })

  test('a series is one sign-up for all its sessions, listed by week in Beijing time', async () => {
    const term = ['2026-11-30', '2026-12-07', '2026-12-14'].map((date) => ({ date, starts: '09:00', ends: '10:30' }))
    const e = await w.published({ title: '老年大学书法班（冬季）', category: '老年大学', sessions: term, places: 20, signupCloses: { date: '2026-11-29', time: '18:00' }, cancelUntil: { date: '2026-11-29', time: '18:00' } })
    expect(e.sessions.map((s) => s.position)).toEqual([1, 2, 3])
    expect([e.startsAt, e.endsAt]).toEqual([atLocal('2026-11-30', '09:00'), atLocal('2026-12-14', '10:30')])
    const s = (await w.signUp('resident', e)).data!
    expect(s.event.sessions).toHaveLength(3)
    const week = (day: string) => t.ok('events', 'list', { week: day, category: '老年大学' }, { token: w.tk.resident })
    // Listed in each week it meets in (Monday to Sunday, Beijing): Sunday 29 Nov is the week before it starts,
    // Sunday 20 Dec the week of its last class, Monday 21 Dec the week after.
    expect((await week('2026-11-29')).events).toEqual([])
    expect((await week('2026-12-06')).events.map((x) => x.id)).toEqual([e.id])
    expect((await week('2026-12-20')).events.map((x) => x.id)).toEqual([e.id])
    expect((await week('2026-12-21')).events).toEqual([])
    expect((await t.ok('events', 'list', { category: '演出' }, { token: w.tk.resident })).events).toEqual([])
  })
})
