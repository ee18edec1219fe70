// Hours: checked in and out by a leader scanning the volunteer's code or by the volunteer scanning the shift's code,
// only around the shift; the minutes are the time in within the shift's bounds, across midnight and New Year's in
// Beijing; a leader's correction keeps the original beside it; stars from the settings' thresholds; no-shows
// recorded by the sweep until a leader approves; certificates issued by staff and checked by anyone by number;
// the hours exported as xlsx and read back.
import { Workbook } from 'exceljs'
import { atLocal } from '../../../common/time'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { volunteerWorld } from './testing'

describe.each(engines())('volunteer hours on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof volunteerWorld>>
  beforeEach(async () => {
    t = await startBackend(engine)
    w = await volunteerWorld(t)
  })
  afterEach(() => t?.close())

  test('the leader scans the volunteer in, the volunteer scans the shift out; minutes within the shift; a third scan is refused', async () => {
    const member = await w.join('resident')
    const s = await w.publish()
    const held = await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member })
    const desk = await t.ok('volunteer', 'desk', { shiftId: s.id }, { token: w.tk.volunteer })
    expect(desk.entries.map((e) => [e.name, e.phoneMasked, e.checkedInAt])).toEqual([['李桂芳', '138****0001', null]])
    expect((await t.call('volunteer', 'desk', { shiftId: s.id }, { token: member })).status).toBe(404)
    // Too early: the code is taken from half an hour before the start.
    t.clock.set(atLocal('2026-11-28', '08:29'))
    expect((await t.call('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })).error?.message).toBe('签到从11月28日 08:30开始')
    t.clock.set(atLocal('2026-11-28', '08:40'))
    const inn = await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    expect([inn.did, inn.name]).toEqual(['in', '李桂芳'])
    // Someone else's code for this shift, or a code of another shift, is not taken.
    expect((await t.call('volunteer', 'scanShift', { code: desk.checkCode }, { token: w.tk.resident2 })).status).toBe(403)
    t.clock.set(atLocal('2026-11-28', '11:20'))
    const out = await t.ok('volunteer', 'scanShift', { code: desk.checkCode }, { token: member })
    // In at 08:40, out at 11:20: counted from 09:00 to 11:00.
    expect([out.did, out.minutes]).toEqual(['out', 120])
    expect((await t.call('volunteer', 'scanShift', { code: desk.checkCode }, { token: member })).error?.message).toBe('您已签退')
    const { summary, records } = await t.ok('volunteer', 'records', {}, { token: member })
    expect([summary.minutesYear, summary.minutesTotal, summary.stars.stars, summary.stars.next]).toEqual([120, 120, 0, { stars: 1, hours: 100, minutesToGo: 6000 - 120 }])
    expect(records.map((r) => [r.shift.task, r.minutes, r.original.inVia, r.original.outVia, r.corrections])).toEqual([['独居老人入户探访', 120, 'leader', 'scan', []]])
    // A signed-out volunteer cannot check in; after the shift a check-in is refused, a check-out closes an hour after.
    expect((await t.call('volunteer', 'signOut', { id: held.id }, { token: member })).error?.message).toBe('已签到的班次不能退出')
  })

  test('a night shift across New Year’s midnight counts in both years; a correction keeps the original and is what counts', async () => {
    const member = await w.join('resident')
    const s = await w.publish({ date: '2026-12-31', starts: '22:00', ends: '02:00', task: '跨年夜平安巡逻' })
    const held = await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member })
    t.clock.set(atLocal('2026-12-31', '21:50'))
    // A month on, everyone signs in again.
    for (const who of ['volunteer', 'resident'] as const) w.tk[who] = await t.signIn(who)
    await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    t.clock.set(atLocal('2027-01-01', '02:30'))
    const out = await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    expect(out.minutes).toBe(240)
    // In 2027, two hours of it are this year's.
    const first = await t.ok('volunteer', 'records', {}, { token: w.tk.resident })
    let summary = first.summary
    expect([summary.year, summary.minutesYear, summary.minutesTotal]).toEqual([2027, 120, 240])
    const r = first.records[0]!
    const bad = [
      [{ checkedIn: { date: '2026-12-31', time: '20:00' } }, 'checkedIn.date'],
      [{ checkedOut: { date: '2026-12-31', time: '22:30' }, checkedIn: { date: '2026-12-31', time: '23:00' } }, 'checkedOut.date'],
      [{ checkedOut: { date: '2027-01-01', time: '05:00' } }, 'checkedOut.date'],
      [{ reason: '' }, 'reason'],
    ] as const
    for (const [over, field] of bad) {
      const res = await t.call('volunteer', 'correct', { hoursId: r.id, checkedIn: { date: '2026-12-31', time: '22:00' }, checkedOut: { date: '2027-01-01', time: '01:00' }, reason: '提前离岗，按实际时间更正', ...over }, { token: w.tk.volunteer })
      expect([field, res.status, typeof res.error?.fields?.[field]]).toEqual([field, 400, 'string'])
    }
    expect((await t.call('volunteer', 'correct', { hoursId: r.id, checkedIn: { date: '2026-12-31', time: '22:00' }, checkedOut: { date: '2027-01-01', time: '01:00' }, reason: '提前离岗' }, { token: w.tk.resident })).status).toBe(404)
    const fixed = await t.ok('volunteer', 'correct', { hoursId: r.id, checkedIn: { date: '2026-12-31', time: '22:00' }, checkedOut: { date: '2027-01-01', time: '01:00' }, reason: '提前离岗，按实际时间更正' }, { token: w.tk.volunteer })
    expect([fixed.minutes, fixed.checkedOutAt, fixed.original.minutes, fixed.original.checkedOutAt]).toEqual([180, atLocal('2027-01-01', '01:00'), 240, atLocal('2027-01-01', '02:30')])
    expect(fixed.corrections).toEqual([{ checkedInAt: atLocal('2026-12-31', '22:00'), checkedOutAt: atLocal('2027-01-01', '01:00'), minutes: 180, reason: '提前离岗，按实际时间更正', by: '周雨婷', at: t.clock.iso() }])
    ;({ summary } = await t.ok('volunteer', 'records', {}, { token: w.tk.resident }))
    expect([summary.minutesYear, summary.minutesTotal]).toEqual([60, 180])
    expect(await t.db.selectFrom('volunteer_hours').select(['minutes', 'checked_out_at']).where('id', '=', r.id).execute()).toEqual([{ minutes: 240, checked_out_at: atLocal('2027-01-01', '02:30') }])
  })

  test('stars follow the thresholds in the settings', async () => {
    const member = await w.join('resident')
    await t.ok('volunteer', 'saveSettings', { starHours: [1, 2, 3, 4, 5], noShowLimit: 2, maxHoursInRow: 8 }, { token: w.tk.staff })
    const bad = await t.call('volunteer', 'saveSettings', { starHours: [1, 3, 2, 4, 5], noShowLimit: 2, maxHoursInRow: 8 }, { token: w.tk.staff })
    expect([bad.status, bad.error?.fields?.starHours]).toEqual([400, '星级时长应逐级增加'])
    const s = await w.publish({ starts: '09:00', ends: '11:30' })
    const held = await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member })
    t.clock.set(atLocal('2026-11-28', '09:00'))
    await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    t.clock.set(atLocal('2026-11-28', '11:30'))
    await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    const { summary } = await t.ok('volunteer', 'records', {}, { token: member })
    expect([summary.stars.stars, summary.stars.next]).toEqual([2, { stars: 3, hours: 3, minutesToGo: 30 }])
    const { members } = await t.ok('volunteer', 'members', { teamId: w.neighbours }, { token: w.tk.volunteer })
    expect(members.find((m) => m.name === '李桂芳')).toMatchObject({ stars: 2, minutesTotal: 150 })
  })

  test('the sweep closes a record nobody checked out at the shift’s end and records no-shows; then a leader must approve', async () => {
    const member = await w.join('resident')
    const shifts = []
    for (const [i, date] of ['2026-11-28', '2026-11-29', '2026-11-30'].entries()) shifts.push(await w.publish({ date, task: `探访${i + 1}` }))
    const held = []
    for (const s of shifts) held.push(await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member }))
    t.clock.set(atLocal('2026-11-28', '09:10'))
    await t.ok('volunteer', 'scanVolunteer', { shiftId: shifts[0]!.id, code: held[0]!.code }, { token: w.tk.volunteer })
    t.clock.set(atLocal('2026-11-28', '12:01'))
    expect(await w.sweep()).toMatchObject({ closed: 1, noShows: 0 })
    const [rec] = (await t.ok('volunteer', 'records', {}, { token: member })).records
    expect([rec!.minutes, rec!.checkedOutAt, rec!.original.outVia]).toEqual([110, atLocal('2026-11-28', '11:00'), 'sweep'])
    t.clock.set(atLocal('2026-11-30', '12:01'))
    expect(await w.sweep()).toMatchObject({ noShows: 2 })
    const next = await w.publish({ date: '2026-12-02' })
    expect((await w.signUp(member, next)).error?.message).toBe('您有2次报名后未到岗，需队长确认后才能再报名')
    const { members } = await t.ok('volunteer', 'members', { teamId: w.neighbours }, { token: w.tk.volunteer })
    const li = members.find((m) => m.name === '李桂芳')!
    expect([li.noShows, li.needsApproval]).toEqual([2, true])
    const approved = await t.ok('volunteer', 'approve', { userId: li.userId }, { token: w.tk.volunteer })
    expect([approved.noShows, approved.needsApproval]).toEqual([0, false])
    expect((await w.signUp(member, next)).status).toBe(200)
    expect((await t.call('volunteer', 'approve', { userId: li.userId }, { token: w.tk.volunteer })).error?.message).toBe('该志愿者现在可以直接报名，无需确认')
  })

  test('certificates: asked for a period with hours, issued by staff with a number, checked by anyone, the ID number masked', async () => {
    const member = await w.join('resident')
    const s = await w.publish()
    const held = await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member })
    const none = await t.call('volunteer', 'requestCertificate', { period: { from: '2026-11-01', to: '2026-11-27' } }, { token: member })
    expect([none.status, none.error?.fields?.['period.from']]).toEqual([400, '所选期间没有已记录的志愿服务时长'])
    t.clock.set(atLocal('2026-11-28', '09:00'))
    await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    t.clock.set(atLocal('2026-11-28', '10:30'))
    await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    const future = await t.call('volunteer', 'requestCertificate', { period: { from: '2026-11-01', to: '2026-12-31' } }, { token: member })
    expect([future.status, future.error?.fields?.['period.to']]).toEqual([400, '结束日期不能晚于今天'])
    const badId = await t.call('volunteer', 'requestCertificate', { period: { from: '2026-11-01', to: '2026-11-28' }, idNumber: '32030219580312' }, { token: member })
    expect([badId.status, badId.error?.fields?.idNumber]).toEqual([400, '身份证号应为18位'])
    const asked = await t.ok('volunteer', 'requestCertificate', { period: { from: '2026-11-01', to: '2026-11-28' }, purpose: '单位评优', idNumber: '320302195803121225' }, { token: member })
    expect(asked).toMatchObject({ state: 'requested', number: null, minutes: 90, content: null, can: { issue: false } })
    expect((await t.call('volunteer', 'issue', { id: asked.id }, { token: w.tk.volunteer })).status).toBe(403)
    const desk = await t.ok('volunteer', 'certificateDesk', {}, { token: w.tk.staff })
    expect(desk.requested.map((c) => [c.applicant.name, c.applicant.team, c.minutes, c.can.issue])).toEqual([['李桂芳', '红石榴邻里互助队', 90, true]])
    const issued = await t.ok('volunteer', 'issue', { id: asked.id }, { token: w.tk.staff })
    expect(issued).toMatchObject({ state: 'issued', number: 'GDZY-2026-0001' })
    expect(issued.content).toEqual({
      name: '李桂芳',
      idMasked: '3203**********1225',
      teams: ['红石榴邻里互助队'],
      minutes: 90,
      services: [{ task: '独居老人入户探访', times: 1, minutes: 90 }],
      issuer: '管道社区居民委员会',
      contact: expect.stringMatching(/\d/),
      issuedOn: '2026-11-28',
    })
    expect(JSON.stringify(await t.db.selectFrom('volunteer_certificates').selectAll().execute())).not.toContain('320302195803121225')
    expect((await w.messages(member))[0]).toMatchObject({ title: '志愿服务证明已出具', link: `/features/volunteer/pages/certificate/index?id=${asked.id}` })
    const checked = await t.call('volunteer', 'verify', { number: 'gdzy-2026-0001' })
    expect(checked.data).toEqual({ number: 'GDZY-2026-0001', name: '李**', fromDay: '2026-11-01', toDay: '2026-11-28', minutes: 90, issuedOn: '2026-11-28', issuer: '管道社区居民委员会' })
    expect((await t.call('volunteer', 'verify', { number: 'GDZY-2026-0002' })).error?.message).toBe('没有找到该编号的志愿服务证明，请核对编号')
    expect((await t.call('volunteer', 'certificate', { id: asked.id }, { token: w.tk.resident2 })).status).toBe(404)
    const second = await t.ok('volunteer', 'requestCertificate', { period: { from: '2026-11-28', to: '2026-11-28' } }, { token: member })
    expect((await t.ok('volunteer', 'issue', { id: second.id }, { token: w.tk.admin })).number).toBe('GDZY-2026-0002')
  })

  test('leaders and staff export the hours as xlsx: the summary and each record with its correction', async () => {
    const member = await w.join('resident')
    const s = await w.publish()
    const held = await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member })
    t.clock.set(atLocal('2026-11-28', '09:00'))
    await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    t.clock.set(atLocal('2026-11-28', '11:00'))
    const out = await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    expect(out.minutes).toBe(120)
    const [rec] = (await t.ok('volunteer', 'teamHours', { teamId: w.neighbours }, { token: w.tk.volunteer })).records
    await t.ok('volunteer', 'correct', { hoursId: rec!.id, checkedIn: { date: '2026-11-28', time: '09:30' }, checkedOut: { date: '2026-11-28', time: '11:00' }, reason: '迟到半小时' }, { token: w.tk.volunteer })
    expect((await t.call('volunteer', 'exportHours', { teamId: w.teamId('红石榴健康服务队'), period: { from: '2026-11-01', to: '2026-11-30' } }, { token: w.tk.volunteer })).status).toBe(404)
    const file = await t.ok('volunteer', 'exportHours', { period: { from: '2026-11-01', to: '2026-11-30' } }, { token: w.tk.staff })
    expect(file.filename).toBe('红石榴志愿服务队-志愿服务时长-2026-11-01至2026-11-30.xlsx')
    const book = new Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as never)
    const rows = (name: string) => {
      const out: unknown[][] = []
      book.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)))
      return out
    }
    expect(rows('汇总')).toEqual([
      ['序号', '姓名', '服务队', '服务次数', '服务时长（小时）'],
      [1, '李桂芳', '红石榴邻里互助队', 1, 1.5],
      [undefined, '合计', undefined, 1, 1.5],
    ])
    expect(rows('明细')[1]).toEqual(['李桂芳', '红石榴邻里互助队', '独居老人入户探访', '便民服务亭', '2026-11-28 09:00', '2026-11-28 09:30', '2026-11-28 11:00', 1.5, '2026-11-28 09:00', '2026-11-28 11:00', '迟到半小时（周雨婷）'])
  })
})
