// Joining a team: a resident applies, a leader of that team (or staff) accepts — the resident becomes a volunteer of
// it — or declines with a reason; the applicant is told either way. Leaders see their own team only, record
// qualifications with an expiry, and members may leave, giving their coming shifts back.
import { atLocal } from '../../../common/time'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { DELETE_CONFIRMATION } from '../account/actions'
import { volunteerWorld } from './testing'

describe.each(engines())('volunteer teams on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof volunteerWorld>>
  beforeEach(async () => {
    t = await startBackend(engine)
    w = await volunteerWorld(t)
  })
  afterEach(() => t?.close())

  test('the six teams are there with their leaders, and the caller’s place in them', async () => {
    const teams = await t.ok('volunteer', 'teams', {}, { token: w.tk.volunteer })
    expect(teams.map((x) => x.name)).toEqual(['红石榴党员先锋队', '红石榴邻里互助队', '红石榴援法服务队', '红石榴文艺宣传队', '红石榴健康服务队', '红石榴平安巡逻队'])
    expect(teams.find((x) => x.id === w.neighbours)).toMatchObject({ leaders: ['周雨婷'], members: 1, mine: 'leader' })
    expect(w.teams.every((x) => x.mine === null)).toBe(true)
  })

  test('a resident applies, the leader accepts: the resident is a volunteer of the team and is told', async () => {
    const a = await t.ok('volunteer', 'apply', { teamId: w.neighbours, note: '会开车，可以帮忙接送' }, { token: w.tk.resident })
    expect(a).toMatchObject({ state: 'pending', team: { name: '红石榴邻里互助队' }, applicant: null, can: { withdraw: true, decide: false } })
    expect((await t.call('volunteer', 'apply', { teamId: w.teamId('红石榴健康服务队') }, { token: w.tk.resident })).error?.message).toBe('您已有一份申请在等待队长处理')
    const seen = await t.ok('volunteer', 'applications', {}, { token: w.tk.volunteer })
    expect(seen.map((x) => [x.applicant?.name, x.applicant?.phoneMasked, x.applicant?.address, x.can.decide])).toEqual([['李桂芳', '138****0001', '管道新村3号楼2单元301', true]])
    // The leader of another team does not see it; a resident cannot decide.
    expect((await t.call('volunteer', 'decide', { id: a.id, accept: true }, { token: w.tk.resident })).status).toBe(403)
    const done = await t.ok('volunteer', 'decide', { id: a.id, accept: true }, { token: w.tk.volunteer })
    expect(done.state).toBe('accepted')
    expect((await t.call('volunteer', 'decide', { id: a.id, accept: true }, { token: w.tk.volunteer })).error?.message).toBe('该申请已处理')
    const me = await t.ok('account', 'me', {}, { token: w.tk.resident })
    expect([me.roles.includes('volunteer'), me.team]).toEqual([true, { id: w.neighbours, name: '红石榴邻里互助队', leader: false }])
    expect((await w.messages(w.tk.resident))[0]).toMatchObject({ title: '欢迎加入红石榴邻里互助队', link: '/features/volunteer/pages/home/index' })
    const home = await t.ok('volunteer', 'home', {}, { token: w.tk.resident })
    expect(home).toMatchObject({ team: { name: '红石榴邻里互助队', leader: false }, blocked: null, leads: [] })
    expect((await t.call('volunteer', 'apply', { teamId: w.teamId('红石榴健康服务队') }, { token: w.tk.resident })).error?.message).toBe('您已是红石榴邻里互助队队员，如需换队请先退出')
  })

  test('declining needs a reason, named; the applicant is told it; a withdrawn application cannot be decided', async () => {
    const a = await t.ok('volunteer', 'apply', { teamId: w.neighbours }, { token: w.tk.resident })
    const bare = await t.call('volunteer', 'decide', { id: a.id, accept: false }, { token: w.tk.volunteer })
    expect([bare.status, bare.error?.fields?.reason]).toEqual([400, '请填写婉拒原因'])
    const no = await t.ok('volunteer', 'decide', { id: a.id, accept: false, reason: '本队名额已满，建议加入健康服务队' }, { token: w.tk.staff })
    expect([no.state, no.declineReason]).toEqual(['declined', '本队名额已满，建议加入健康服务队'])
    expect((await w.messages(w.tk.resident))[0]!.body).toContain('本队名额已满')
    expect((await t.ok('account', 'me', {}, { token: w.tk.resident })).roles).toEqual(['resident'])
    const b = await t.ok('volunteer', 'apply', { teamId: w.neighbours }, { token: w.tk.resident2 })
    await t.ok('volunteer', 'withdraw', { id: b.id }, { token: w.tk.resident2 })
    expect((await t.call('volunteer', 'decide', { id: b.id, accept: true }, { token: w.tk.volunteer })).error?.message).toBe('该申请已处理')
  })

  test('qualifications with an expiry; leaders manage their own team only; a member leaves and gives shifts back', async () => {
    await w.join('resident')
    const { members } = await t.ok('volunteer', 'members', { teamId: w.neighbours }, { token: w.tk.volunteer })
    const li = members.find((m) => m.name === '李桂芳')!
    expect(li).toMatchObject({ leader: false, qualifications: [], minutesTotal: 0, stars: 0, needsApproval: false })
    const past = await t.call('volunteer', 'saveQualification', { userId: li.userId, kind: '急救证', expiresOn: '2026-11-01' }, { token: w.tk.volunteer })
    expect([past.status, past.error?.fields?.expiresOn]).toEqual([400, '有效期已过，请核对'])
    const saved = await t.ok('volunteer', 'saveQualification', { userId: li.userId, kind: '急救证', expiresOn: '2027-06-30' }, { token: w.tk.volunteer })
    expect(saved.qualifications).toEqual([{ id: expect.any(Number), kind: '急救证', expiresOn: '2027-06-30', expired: false }])
    // Recording it again changes the expiry; it stays one qualification.
    const again = await t.ok('volunteer', 'saveQualification', { userId: li.userId, kind: '急救证', expiresOn: null }, { token: w.tk.volunteer })
    expect(again.qualifications.map((q) => [q.kind, q.expiresOn])).toEqual([['急救证', null]])
    expect((await t.call('volunteer', 'members', { teamId: w.teamId('红石榴健康服务队') }, { token: w.tk.volunteer })).status).toBe(404)
    expect((await t.call('volunteer', 'saveQualification', { userId: li.userId, kind: '驾驶证' }, { token: w.tk.resident2 })).status).toBe(403)

    const s = await w.publish()
    await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: w.tk.resident })
    expect((await t.ok('volunteer', 'shift', { id: s.id }, { token: w.tk.volunteer })).placesLeft).toBe(2)
    const home = await t.ok('volunteer', 'leave', {}, { token: w.tk.resident })
    expect([home.team, home.upcoming]).toEqual([null, []])
    expect((await t.ok('account', 'me', {}, { token: w.tk.resident })).roles).toEqual(['resident'])
    expect((await t.ok('volunteer', 'shift', { id: s.id }, { token: w.tk.volunteer })).placesLeft).toBe(3)
    expect((await t.call('volunteer', 'signUp', { shiftId: s.id }, { token: w.tk.resident })).status).toBe(403)
  })
})

describe.each(engines())('a volunteer’s own data on %s', (engine) => {
  let t: TestBackend
  let w: Awaited<ReturnType<typeof volunteerWorld>>
  beforeEach(async () => {
    t = await startBackend(engine)
    w = await volunteerWorld(t)
  })
  afterEach(() => t?.close())

  test('the export holds the application, shifts, hours and certificates; deleting the account gives shifts back and keeps certificates checkable without the name', async () => {
    const member = await w.join('resident')
    const s = await w.publish()
    const later = await w.publish({ date: '2026-11-29' })
    const held = await t.ok('volunteer', 'signUp', { shiftId: s.id }, { token: member })
    await t.ok('volunteer', 'signUp', { shiftId: later.id }, { token: member })
    t.clock.set(atLocal('2026-11-28', '09:00'))
    await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    t.clock.set(atLocal('2026-11-28', '11:00'))
    await t.ok('volunteer', 'scanVolunteer', { shiftId: s.id, code: held.code }, { token: w.tk.volunteer })
    const asked = await t.ok('volunteer', 'requestCertificate', { period: { from: '2026-11-01', to: '2026-11-28' }, idNumber: '320302195803121225' }, { token: member })
    const issued = await t.ok('volunteer', 'issue', { id: asked.id }, { token: w.tk.staff })

    const data = await t.ok('account', 'exportData', {}, { token: member })
    expect((data.volunteerApplications as unknown[]).length).toBe(1)
    expect((data.volunteerHours as { minutes: number }[]).map((h) => h.minutes)).toEqual([120])
    expect((data.volunteerShifts as unknown[]).length).toBe(2)
    expect((data.volunteerCertificates as { number: string }[]).map((c) => c.number)).toEqual([issued.number])

    const res = await t.call('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token: member })
    expect(res.status).toBe(200)
    expect((await t.ok('volunteer', 'shift', { id: later.id }, { token: w.tk.volunteer })).placesLeft).toBe(3)
    const checked = await t.ok('volunteer', 'verify', { number: issued.number! })
    expect([checked.name, checked.minutes]).toEqual(['已注销', 120])
    const row = await t.db.selectFrom('volunteer_certificates').select(['content', 'id_masked']).where('id', '=', asked.id).executeTakeFirstOrThrow()
    expect(row.id_masked).toBeNull()
    expect(row.content).not.toContain('李桂芳')
    expect(row.content).not.toContain('1225')
  })
})
