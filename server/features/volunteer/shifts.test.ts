// Shifts: leaders publish for their own team (staff for any), bad input named field by field with nothing written;
// volunteers sign up within their team or for shifts open to all, never two overlapping shifts nor more than the set
// hours in a row, with the qualification a shift asks for; sign out before the deadline, after it only a leader
// releases them; a cancelled shift tells everyone; the event a shift serves lists it; the reminder comes once.
import { atLocal } from '../../../common/time'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { volunteerWorld } from './testing'

describe.each(engines())('volunteer shifts on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof volunteerWorld>>
  beforeEach(async () => {
    t = await startBackend(engine)
    w = await volunteerWorld(t)
  })
  afterEach(() => t?.close())

  test('publishing: bad input names the field and writes nothing; leaders publish for their own team only', async () => {
    const cases: [object, string, string][] = [
      [{ task: '' }, 'task', '服务内容至少2个字'],
      [{ places: 0 }, 'places', '人数不能少于1人'],
      [{ starts: '9点' }, 'starts', '开始时间格式应为 09:30'],
      [{ ends: '09:00' }, 'ends', '结束时间不能与开始时间相同'],
      [{ date: '2026-11-26' }, 'date', '服务时间已过，请重新选择'],
      [{ starts: '08:00', ends: '18:00' }, 'ends', '一个班次不能超过8小时'],
      [{ releaseHours: 200 }, 'releaseHours', '退出截止不能超过168小时'],
      [{ teamId: w.teamId('红石榴健康服务队') }, 'teamId', '您只能为自己带领的队伍发布班次'],
      [{ eventId: 999999 }, 'eventId', '所选活动不存在或未发布'],
    ]
    const before = await t.db.selectFrom('volunteer_shifts').select('id').execute()
    for (const [over, field, message] of cases) {
      const res = await t.call('volunteer', 'publish', w.input(over as never), { token: w.tk.volunteer })
      expect([field, res.status, res.error?.fields?.[field]]).toEqual([field, 400, message])
    }
    expect(await t.db.selectFrom('volunteer_shifts').select('id').execute()).toEqual(before)
    expect((await t.call('volunteer', 'publish', w.input(), { token: w.tk.resident })).status).toBe(403)
    const s = await w.publish()
    expect(s).toMatchObject({ task: '独居老人入户探访', places: 3, placesLeft: 3, status: 'open', startsAt: atLocal('2026-11-28', '09:00'), releaseUntil: atLocal('2026-11-27', '21:00'), can: { cancel: true, desk: true } })
    // Staff publish for any team; a night patrol ends on the next day.
    const night = await w.publish({ teamId: w.teamId('红石榴平安巡逻队'), task: '夜间巡逻', starts: '22:00', ends: '02:00' }, 'staff')
    expect([night.startsAt, night.endsAt]).toEqual([atLocal('2026-11-28', '22:00'), atLocal('2026-11-29', '02:00')])
  })

  test('own team first, others open to all; the team-only shift of another team is refused', async () => {
    const member = await w.join('resident')
    const own = await w.publish()
    const other = await w.publish({ teamId: w.teamId('红石榴健康服务队'), task: '义诊引导', openToAll: true }, 'staff')
    const closed = await w.publish({ teamId: w.teamId('红石榴援法服务队'), task: '法律咨询登记', date: '2026-11-29' }, 'staff')
    const list = await t.ok('volunteer', 'shifts', {}, { token: member })
    expect([list.own.map((s) => s.task), list.open.map((s) => s.task)]).toEqual([['独居老人入户探访'], ['义诊引导']])
    expect(list.own[0]!.eligibility).toEqual({ ok: true, reason: null })
    expect((await w.signUp(member, closed)).error?.message).toBe('该班次仅限本队队员报名')
    expect((await w.signUp(member, own)).status).toBe(200)
    // 义诊引导 is at the same time: refused for the overlap, naming the shift it clashes with.
    expect((await w.signUp(member, other)).error?.message).toBe('与您已报名的「独居老人入户探访」（11月28日 09:00）时间重叠')
    expect((await w.signUp(member, own)).error?.message).toBe('您已报名该班次')
  })

  test('no more than the set hours in a row: shifts under an hour apart are one stretch', async () => {
    const member = await w.join('resident')
    const a = await w.publish({ starts: '08:00', ends: '12:00' })
    const b = await w.publish({ starts: '12:30', ends: '16:30', task: '便民服务亭值守' })
    const c = await w.publish({ starts: '13:00', ends: '16:00', task: '便民服务亭值守' })
    expect((await w.signUp(member, a)).status).toBe(200)
    expect((await w.signUp(member, b)).error?.message).toBe('连续服务不能超过8小时，班次之间请至少间隔60分钟')
    // An hour's rest makes a new stretch.
    expect((await w.signUp(member, c)).status).toBe(200)
    // The limit is a setting: at four hours, 13:00–16:00 and 16:30–17:30 (4½ hours in a row) are too long.
    await t.ok('volunteer', 'saveSettings', { starHours: [100, 300, 600, 1000, 1500], noShowLimit: 2, maxHoursInRow: 4 }, { token: w.tk.staff })
    const d = await w.publish({ starts: '16:30', ends: '17:30', task: '整理物资' })
    expect((await w.signUp(member, d)).error?.message).toBe('连续服务不能超过4小时，班次之间请至少间隔60分钟')
    await t.ok('volunteer', 'saveSettings', { starHours: [100, 300, 600, 1000, 1500], noShowLimit: 2, maxHoursInRow: 5 }, { token: w.tk.staff })
    expect((await w.signUp(member, d)).status).toBe(200)
  })

  test('a shift asking for a qualification takes those who hold it, valid on the day', async () => {
    const member = await w.join('resident')
    const s = await w.publish({ qualification: '急救证', task: '健步走活动医护保障' })
    expect((await w.signUp(member, s)).error?.message).toBe('该班次需要「急救证」，请联系队长登记')
    const { members } = await t.ok('volunteer', 'members', { teamId: w.neighbours }, { token: w.tk.volunteer })
    const li = members.find((m) => m.name === '李桂芳')!
    // Valid until the day before the shift: still refused.
    await t.ok('volunteer', 'saveQualification', { userId: li.userId, kind: '急救证', expiresOn: '2026-11-27' }, { token: w.tk.volunteer })
    expect((await w.signUp(member, s)).status).toBe(409)
    await t.ok('volunteer', 'saveQualification', { userId: li.userId, kind: '急救证', expiresOn: '2026-11-28' }, { token: w.tk.volunteer })
    expect((await w.signUp(member, s)).status).toBe(200)
  })

  test('places run out; signing out before the deadline frees one; after it only a leader releases, and tells', async () => {
    const one = await w.join('resident')
    const two = await w.join('resident2')
    const s = await w.publish({ places: 1, releaseHours: 12 })
    const held = await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: one })
    expect(held).toMatchObject({ state: 'signed', code: expect.stringMatching(/^[0-9A-Z]{8}$/), can: { signOut: true }, shift: { placesLeft: 0, status: 'full', mine: { signupId: held.id } } })
    expect((await w.signUp(two, s)).error?.message).toBe('该班次名额已满')
    await t.ok('volunteer', 'signOut', { id: held.id }, { token: one })
    const second = await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: two })
    // Past the deadline (21:00 the evening before) the volunteer cannot sign out; the leader can.
    t.clock.set(atLocal('2026-11-27', '21:00'))
    expect((await t.call('volunteer', 'signOut', { id: second.id }, { token: two })).error?.message).toBe('自行退出截止到11月27日 21:00，现在请联系队长')
    expect((await t.call('volunteer', 'signOut', { id: second.id }, { token: one })).status).toBe(404)
    const released = await t.ok('volunteer', 'signOut', { id: second.id }, { token: w.tk.volunteer })
    expect([released.state, released.releasedBy]).toEqual(['released', '周雨婷'])
    expect((await w.messages(two))[0]).toMatchObject({ title: '您已被移出服务班次', link: `/features/volunteer/pages/shift/index?id=${s.id}` })
    expect((await t.ok('volunteer', 'shift', { id: s.id }, { token: one })).placesLeft).toBe(1)
  })

  test('cancelling a shift ends every holding and tells each volunteer; an event lists the shifts serving it', async () => {
    const member = await w.join('resident')
    const venues = await t.ok('events', 'venues', {}, { token: w.tk.staff })
    const draft = await t.ok(
      'events',
      'save',
      {
        title: '红石榴健步走',
        category: '培训',
        description: '社区健步走活动。',
        venueId: venues[0]!.id,
        sessions: [{ date: '2026-11-29', starts: '08:00', ends: '10:00' }],
        places: 50,
        signupOpens: { date: '2026-11-27', time: '09:00' },
        signupCloses: { date: '2026-11-29', time: '07:00' },
        cancelUntil: { date: '2026-11-29', time: '07:00' },
        maxGuests: 0,
        guestMode: 'count',
      },
      { token: w.tk.staff },
    )
    const e = await t.ok('events', 'publish', { id: draft.id }, { token: w.tk.staff })
    const s = await w.publish({ eventId: e.id, task: '健步走沿途引导', date: '2026-11-29', starts: '07:30', ends: '10:00' })
    const shown = await t.call('volunteer', 'forEvent', { eventId: e.id })
    expect(shown.data!.map((x) => [x.task, x.places, x.placesLeft, x.event?.title])).toEqual([['健步走沿途引导', 3, 3, '红石榴健步走']])
    await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member })
    const cancelled = await t.ok('volunteer', 'cancelShift', { id: s.id, reason: '天气原因，活动改期' }, { token: w.tk.volunteer })
    expect([cancelled.state, cancelled.status, cancelled.cancelReason]).toEqual(['cancelled', 'cancelled', '天气原因，活动改期'])
    expect((await w.messages(member))[0]).toMatchObject({ title: '服务班次已取消', body: expect.stringContaining('天气原因，活动改期') })
    expect((await t.ok('volunteer', 'mine', {}, { token: member })).upcoming).toEqual([])
    expect((await t.ok('volunteer', 'forEvent', { eventId: e.id })).length).toBe(0)
  })

  test('the reminder an hour before the start reaches 消息中心 once, however often the sweep runs', async () => {
    const member = await w.join('resident')
    const s = await w.publish()
    await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member })
    t.clock.set(atLocal('2026-11-28', '07:59'))
    await w.sweep()
    expect((await w.messages(member)).filter((m) => m.title === '服务班次即将开始')).toEqual([])
    t.clock.set(atLocal('2026-11-28', '08:00'))
    await w.sweep()
    await w.sweep()
    const reminders = (await w.messages(member)).filter((m) => m.title === '服务班次即将开始')
    expect(reminders.map((m) => [m.body, m.link])).toEqual([['您报名的「独居老人入户探访」11月28日（周六）09:00在便民服务亭开始，请按时到岗签到。', `/features/volunteer/pages/shift/index?id=${s.id}`]])
  })
})
