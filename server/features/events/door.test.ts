// On the day: check-in by code from an hour before each session (a second use refused saying who and when, another
// event's code refused naming it), walk-ins filling free places, attendance per session, absences recorded and the
// no-show rule, the morning reminder sent once however often the sweep runs, the spreadsheet, and an account's
// sign-ups going with the account.
import { Workbook } from 'exceljs'
import { atLocal } from '../../../common/time'
import { DELETE_CONFIRMATION } from '../account/actions'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { eventsWorld } from './testing'

describe.each(engines())('events at the door on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof eventsWorld>>
  beforeEach(async () => {
    t = await startBackend(engine)
    w = await eventsWorld(t)
  })
  afterEach(() => t?.close())

  test('check-in by code from an hour before: once, for this event only, typed loosely', async () => {
    const e = await w.published({ places: 5 })
    const other = await w.published({ places: 5, title: '新思想讲习所讲座', sessions: [{ date: '2026-11-28', starts: '19:00', ends: '20:00' }], signupCloses: { date: '2026-11-28', time: '18:00' } })
    const s = (await w.signUp('resident', e)).data!
    const elsewhere = (await w.signUp('resident2', other)).data!
    const checkIn = (code: string, eventId = e.id) => t.call('events', 'checkIn', { eventId, code }, { token: w.tk.staff })
    t.clock.set(atLocal('2026-11-28', '12:59'))
    expect((await checkIn(s.code)).error?.message).toBe('下一次活动11月28日 14:00开始，开始前60分钟起可以签到')
    t.clock.set(atLocal('2026-11-28', '13:30'))
    const ok = await checkIn(`${s.code.slice(0, 4).toLowerCase()} ${s.code.slice(4)}`)
    expect(ok.status).toBe(200)
    expect(ok.data).toMatchObject({ name: '李桂芳', places: 1, roster: { sessions: [{ present: 1, presentPlaces: 1 }] } })
    t.clock.set(atLocal('2026-11-28', '13:40'))
    expect((await checkIn(s.code)).error?.message).toBe('该签到码已于11月28日 13:30签到（李桂芳）')
    expect((await checkIn(elsewhere.code)).error?.message).toBe('该签到码属于活动「新思想讲习所讲座」（11月28日 19:00），不是本活动的')
    expect((await checkIn('ABCD2345')).error?.fields).toEqual({ code: '签到码不存在，请核对' })
    expect((await t.call('events', 'checkIn', { eventId: e.id, code: s.code }, { token: w.tk.volunteer })).status).toBe(404)
    const mine = await t.ok('events', 'signup', { id: s.id }, { token: w.tk.resident })
    expect(mine.attendance).toEqual([{ sessionId: e.sessions[0]!.id, state: 'present', at: atLocal('2026-11-28', '13:30') }])
  })

  test('walk-ins fill free places and are checked in at once; none when full', async () => {
    const e = await w.published({ places: 3 })
    await w.signUp('resident', e)
    t.clock.set(atLocal('2026-11-28', '14:05'))
    const walk = await t.ok('events', 'walkIn', { eventId: e.id, name: '张大爷', guests: 1 }, { token: w.tk.staff })
    expect(walk.roster.entries.map((x) => [x.name, x.places, x.walkIn, x.attendance.map((a) => a.state)])).toEqual([
      ['李桂芳', 1, false, []],
      ['张大爷', 2, true, ['present']],
    ])
    expect(await w.unit(e)).toEqual({ places: 3, taken: 3 })
    expect((await t.call('events', 'walkIn', { eventId: e.id, name: '王阿姨' }, { token: w.tk.staff })).error?.message).toBe('名额已满，无法现场报名')
    expect((await t.call('events', 'walkIn', { eventId: e.id, name: '' }, { token: w.tk.staff })).error?.fields).toEqual({ name: '请填写姓名' })
  })

  test('a series keeps attendance per session; absences are recorded when a session ends and the no-show rule pauses sign-ups', async () => {
    const term = ['2026-11-30', '2026-12-07'].map((date) => ({ date, starts: '09:00', ends: '10:30' }))
    const e = await w.published({ category: '老年大学', title: '老年大学书法班', sessions: term, places: 10, signupCloses: { date: '2026-11-29', time: '18:00' }, cancelUntil: { date: '2026-11-29', time: '18:00' } })
    const a = (await w.signUp('resident', e)).data!
    const b = (await w.signUp('resident2', e)).data!
    t.clock.set(atLocal('2026-11-30', '09:10'))
    await t.ok('events', 'checkIn', { eventId: e.id, code: a.code }, { token: w.tk.staff })
    t.clock.set(atLocal('2026-11-30', '10:30'))
    expect((await w.sweep()) as object).toMatchObject({ absent: 1 })
    expect((await w.sweep()) as object).toMatchObject({ absent: 0 })
    t.clock.set(atLocal('2026-12-07', '09:00'))
    await t.ok('events', 'checkIn', { eventId: e.id, code: b.code }, { token: w.tk.staff })
    const r = await t.ok('events', 'roster', { eventId: e.id }, { token: w.tk.staff })
    expect(r.current).toBe(e.sessions[1]!.id)
    expect(r.entries.map((x) => [x.name, x.attendance.map((y) => [y.sessionId === e.sessions[0]!.id ? 1 : 2, y.state])])).toEqual([
      ['李桂芳', [[1, 'present']]],
      ['马建国', [[1, 'absent'], [2, 'present']]],
    ])
    // An absence checked in late for that session is corrected, not refused.
    t.clock.set(atLocal('2026-12-07', '10:00'))
    expect((await t.call('events', 'checkIn', { eventId: e.id, code: b.code, sessionId: e.sessions[0]!.id }, { token: w.tk.staff })).error?.message).toBe('第1次活动11月30日 09:00开始，开始前60分钟起至结束可以签到')
  })

  test('three events missed at every session pause sign-ups for the set days', async () => {
    const days = ['2026-11-28', '2026-11-29', '2026-11-30']
    for (const day of days) {
      const e = await w.published({ title: `红石榴书屋读书会${day.slice(-2)}`, sessions: [{ date: day, starts: '14:00', ends: '15:00' }], signupCloses: { date: day, time: '12:00' }, cancelUntil: { date: day, time: '12:00' } })
      await w.signUp('resident', e)
    }
    const later = await w.published({ title: '迎新春联欢会', sessions: [{ date: '2026-12-10', starts: '14:00', ends: '16:00' }], signupCloses: { date: '2026-12-09', time: '12:00' }, cancelUntil: { date: '2026-12-09', time: '12:00' }, places: 10 })
    t.clock.set(atLocal('2026-11-29', '15:00'))
    await w.sweep()
    expect((await w.signUp('resident', later)).status).toBe(200)
    await t.ok('events', 'cancel', { id: (await t.ok('events', 'mine', {}, { token: w.tk.resident })).upcoming.find((s) => s.event.id === later.id)!.id }, { token: w.tk.resident })
    t.clock.set(atLocal('2026-11-30', '15:00'))
    await w.sweep()
    expect((await w.signUp('resident', later)).error?.message).toBe('您近期有3次报名未到场，2026年12月30日 15:00前暂停报名')
    await t.ok('events', 'saveSettings', { noShowLimit: 4, noShowWindowDays: 90, noShowBlockDays: 30 }, { token: w.tk.staff })
    expect((await w.signUp('resident', later)).status).toBe(200)
  })

  test('the morning reminder goes once to everyone signed up, from 07:00 on the day', async () => {
    const e = await w.published({ places: 5 })
    await w.signUp('resident', e)
    await w.signUp('resident2', e)
    t.clock.set(atLocal('2026-11-28', '06:59'))
    expect((await w.sweep()) as object).toMatchObject({ reminded: 0 })
    t.clock.set(atLocal('2026-11-28', '07:00'))
    const [one, two] = await Promise.all([w.sweep(), w.sweep()])
    expect((one as { reminded: number }).reminded + (two as { reminded: number }).reminded).toBe(2)
    expect((await w.sweep()) as object).toMatchObject({ reminded: 0 })
    const m = (await w.messages('resident')).filter((x) => x.title === '今天有您报名的活动')
    expect(m).toHaveLength(1)
    expect(m[0]!.body).toContain('11月28日（周六）14:00开始，地点：红石榴广场')
    const outbox = await t.db.selectFrom('outbox').select('template').where('template', '=', 'event_reminder').execute()
    expect(outbox).toHaveLength(2)
  })

  test('the spreadsheet opens with the Chinese names, companions and attendance', async () => {
    const e = await w.published({ places: 5 })
    const spouse = await w.companion('resident', '王德明')
    const s = (await w.signUp('resident', e, { companionIds: [spouse] })).data!
    await w.signUp('resident2', e)
    t.clock.set(atLocal('2026-11-28', '14:10'))
    await t.ok('events', 'checkIn', { eventId: e.id, code: s.code }, { token: w.tk.staff })
    const file = await t.ok('events', 'exportSheet', { eventId: e.id }, { token: w.tk.staff })
    expect(file.filename).toBe('红石榴艺术团迎新演出-20261128-报名与出勤.xlsx')
    const book = new Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const rows = (name: string) => {
      const out: unknown[][] = []
      book.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)))
      return out
    }
    expect(rows('报名名单')).toEqual([
      ['序号', '姓名', '手机号', '人数', '同行人', '报名方式', '报名时间'],
      [1, '李桂芳', '138****0001', 2, '王德明（配偶）', '线上报名', '2026-11-27 10:00'],
      [2, '马建国', '138****0002', 1, undefined, '线上报名', '2026-11-27 10:00'].map((v) => (v === undefined ? '' : v)),
    ])
    expect(rows('出勤')).toEqual([
      ['姓名', '人数', '第1次 11月28日 14:00'],
      ['李桂芳', 2, '已签到 14:10'],
      ['马建国', 1, ''],
      ['到场合计', '', '1户 2人'],
    ])
    expect((await t.call('events', 'exportSheet', { eventId: e.id }, { token: w.tk.resident })).status).toBe(403)
  })

  test('a deleted account gives its places back to the queue and leaves no names behind', async () => {
    const e = await w.published({ places: 2 })
    const spouse = await w.companion('resident', '王德明')
    const s = (await w.signUp('resident', e, { companionIds: [spouse] })).data!
    const q = (await w.waitFor('resident2', e)).data!
    const data = await t.ok('account', 'exportData', {}, { token: w.tk.resident })
    expect((data.eventSignups as { code: string }[]).map((x) => x.code)).toEqual([s.code])
    await t.ok('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token: w.tk.resident })
    expect((await t.ok('events', 'getWait', { id: q.id }, { token: w.tk.resident2 })).state).toBe('promoted')
    const guests = await t.db.selectFrom('event_guests').select(['name']).where('signup_id', '=', s.id).execute()
    expect(guests).toEqual([{ name: '已注销' }])
  })
})
