// Every page of the app, opened as every role that can open it, in standard mode and in 长辈版: each is audited
// (audit.ts) and photographed. A page that throws, shows nothing, loses its title or fails the audit fails here,
// and a page added to the route table without a visit here fails the first test.
import type { BrowserContext, Page } from 'playwright-core'
import { PAGE, TAB, type PageName } from '../../common/routes'
import { addDays, atLocal, localDay } from '../../common/time'
import { audit } from './audit'
import { button, cell, openAs, phone, setupE2E, shot, signInAs, tab, watchErrors } from './harness'

const e2e = setupE2E()

type Role = 'resident' | 'volunteer' | 'gridworker' | 'driver' | 'staff' | 'admin' | 'newcomer'
type Mode = 'standard' | 'elder'

interface Visit {
  /** A page of the route table, or a tab page. */
  page: PageName | keyof typeof TAB
  as: Role
  /** The query, with `{request}`, `{booking}` and the like standing for the records made before the tour. */
  query?: string
  /** Text the page shows once loaded. */
  expect: string
  /** A name for the screenshot when one page is visited more than once. */
  name?: string
  /** Steps to a further state of the page, audited and photographed too. */
  then?: (page: Page) => Promise<void>
}

const VISITS: Visit[] = [
  { page: 'home', as: 'resident', expect: '社区公告' },
  { page: 'home', as: 'staff', expect: '社区公告', name: 'home-staff' },
  { page: 'grid', as: 'resident', expect: '第一网格' },
  { page: 'me', as: 'volunteer', expect: '红石榴邻里互助队' },
  { page: 'me', as: 'gridworker', expect: '代办预约', name: 'me-gridworker' },
  { page: 'me', as: 'admin', expect: '社区工作台', name: 'me-admin' },
  { page: 'login', as: 'resident', expect: '演示账号' },
  {
    page: 'consent', as: 'newcomer', expect: '同意并继续',
    then: async (p) => {
      await p.getByRole('checkbox', { name: '我已阅读并同意《隐私保护指引》' }).click()
      await button(p, '同意并继续').click()
      await p.waitForURL(/onboarding\/pages\/register/)
    },
  },
  { page: 'register', as: 'newcomer', expect: '登记住户信息' },
  { page: 'privacyNotice', as: 'resident', expect: '三、谁能看到' },
  { page: 'profile', as: 'resident', expect: '删除出生年份' },
  {
    page: 'myData', as: 'resident', expect: '导出我的数据',
    then: async (p) => {
      await button(p, '导出我的数据').click()
      await p.locator('.my-data__pre', { hasText: '"name": "李桂芳"' }).waitFor()
    },
  },
  { page: 'announcement', as: 'resident', query: 'id=1', expect: '徐州东站班车冬季时刻调整' },
  { page: 'manageAnnouncements', as: 'staff', expect: '已发布' },
  { page: 'editAnnouncement', as: 'staff', query: 'id=2', expect: '已发布，居民可以看到' },
  { page: 'editAnnouncement', as: 'staff', expect: '保存草稿', name: 'editAnnouncement-new' },
  { page: 'people', as: 'admin', expect: '共 13 人' },
  { page: 'accessLog', as: 'admin', expect: '按手机号查找居民：李桂芳' },
  { page: 'person', as: 'admin', query: 'id=3', expect: '负责网格' },
  { page: 'person', as: 'admin', query: 'id=9', expect: '所属志愿队', name: 'person-volunteer' },
  { page: 'comingSoon', as: 'resident', query: 'service=volunteer', expect: '红石榴志愿服务' },
  { page: 'hotlineNew', as: 'resident', expect: '送达：第一网格网格员' },
  { page: 'hotlineMine', as: 'resident', expect: '楼道灯坏了' },
  { page: 'hotlineDetail', as: 'resident', query: 'id={request}', expect: '楼道灯坏了' },
  { page: 'hotlineDetail', as: 'gridworker', query: 'id={request}', expect: '楼道灯坏了', name: 'hotlineDetail-gridworker' },
  { page: 'hotlineDetail', as: 'staff', query: 'id={request}', expect: '楼道灯坏了', name: 'hotlineDetail-staff' },
  { page: 'hotlineInbox', as: 'gridworker', expect: '楼道灯坏了' },
  { page: 'hotlineInbox', as: 'staff', expect: '已超时', name: 'hotlineInbox-staff' },
  { page: 'hotlineBoard', as: 'staff', expect: '首次响应取中位数' },
  { page: 'hotlineSettings', as: 'admin', expect: '服务时限' },
  { page: 'messages', as: 'resident', expect: '消息' },
  { page: 'messageSettings', as: 'resident', expect: '可再收' },
  { page: 'messageSettings', as: 'staff', expect: '诉求进展', name: 'messageSettings-staff' },
  { page: 'moderation', as: 'staff', expect: '待处理照片' },
  { page: 'apptServices', as: 'resident', expect: '免费体检' },
  {
    page: 'apptBook', as: 'resident', query: 'serviceId=4', expect: '体检当天早晨空腹',
    then: async (p) => {
      await p.locator('.slot-grid__slot').filter({ visible: true }).first().waitFor()
    },
  },
  { page: 'apptBook', as: 'resident', query: 'serviceId=3', expect: '乘车人', name: 'apptBook-ticket' },
  { page: 'apptMine', as: 'resident', expect: '社保卡业务' },
  { page: 'apptDetail', as: 'resident', query: 'id={booking}', expect: '社保卡业务' },
  { page: 'apptDetail', as: 'staff', query: 'id={booking}', expect: '社保卡业务', name: 'apptDetail-staff' },
  { page: 'apptDesk', as: 'staff', expect: '前一天' },
  {
    page: 'apptManage', as: 'staff', expect: '预约规则',
    then: async (p) => {
      await p.getByText('达到上限后暂停预约').filter({ visible: true }).waitFor()
    },
  },
  { page: 'apptEdit', as: 'staff', query: 'id=4', expect: '每周开放时间' },
  { page: 'apptProxy', as: 'gridworker', expect: '李桂芳' },
  { page: 'companions', as: 'resident', expect: '与您的关系' },
  {
    page: 'shuttle', as: 'resident', expect: '赶火车',
    then: async (p) => {
      await p.locator('.chip', { hasText: '回管道社区' }).click()
      await p.getByText('坐火车回来').filter({ visible: true }).waitFor()
    },
  },
  { page: 'shuttleBook', as: 'resident', query: 'departureId={open}', expect: '在哪一站上车' },
  { page: 'shuttleBook', as: 'resident', query: 'departureId={full}', expect: '您已在这个班次的候补中', name: 'shuttleBook-waiting' },
  { page: 'shuttlePass', as: 'resident', query: 'id={seat}', expect: '乘车人 · 1个座位' },
  { page: 'shuttleWait', as: 'resident', query: 'id={wait}', expect: '您排在第' },
  { page: 'shuttleMine', as: 'resident', expect: '待出行' },
  { page: 'me', as: 'driver', expect: '我的班次', name: 'me-driver' },
  { page: 'shuttleRuns', as: 'driver', expect: '司机 周国强' },
  { page: 'shuttleRuns', as: 'staff', expect: '线路、时刻与规则', name: 'shuttleRuns-staff' },
  { page: 'shuttleManifest', as: 'driver', query: 'id={full}', expect: '马建国' },
  {
    page: 'shuttleManifest', as: 'staff', query: 'id={full}', expect: '马建国', name: 'shuttleManifest-staff',
    then: async (p) => {
      await button(p, '调整或取消本班次').click()
      await p.getByText('保存并通知乘客').filter({ visible: true }).waitFor()
    },
  },
  {
    page: 'shuttleManage', as: 'staff', expect: '每周班次',
    then: async (p) => {
      await p.locator('.chip', { hasText: '站点与预约' }).click()
      await p.getByText('在哪里候车').filter({ visible: true }).first().waitFor()
    },
  },
  { page: 'events', as: 'resident', expect: '红石榴艺术团迎新演出' },
  { page: 'event', as: 'resident', query: 'id={event}', expect: '活动介绍' },
  { page: 'event', as: 'staff', query: 'id={event}', expect: '报名名单与签到', name: 'event-staff' },
  { page: 'eventSignup', as: 'resident', query: 'id={signup}', expect: '入场时向工作人员出示' },
  { page: 'eventWait', as: 'resident', query: 'id={eventWait}', expect: '候补中' },
  { page: 'eventMine', as: 'resident', expect: '即将参加' },
  { page: 'eventOrganise', as: 'staff', expect: '新建活动' },
  { page: 'eventOrganise', as: 'volunteer', expect: '新建活动', name: 'eventOrganise-volunteer' },
  { page: 'eventEdit', as: 'staff', expect: '保存并发布' },
  { page: 'eventEdit', as: 'staff', query: 'id={event}', expect: '保存修改', name: 'eventEdit-published' },
  { page: 'eventDesk', as: 'staff', query: 'id={event}', expect: '报名名单' },
  { page: 'events', as: 'staff', expect: '组织活动', name: 'events-staff' },
  { page: 'event', as: 'volunteer', query: 'id={event}', expect: '活动介绍', name: 'event-volunteer' },
  { page: 'eventEdit', as: 'volunteer', expect: '红石榴邻里互助队组织', name: 'eventEdit-volunteer' },
  { page: 'event', as: 'gridworker', query: 'id={event}', expect: '复制活动链接', name: 'event-gridworker' },
  { page: 'volunteer', as: 'resident', expect: '查看我的申请' },
  { page: 'volunteer', as: 'volunteer', expect: '我报名的班次', name: 'volunteer-leader' },
  { page: 'volunteer', as: 'staff', expect: '队伍管理', name: 'volunteer-staff' },
  { page: 'volunteerTeams', as: 'resident', expect: '我的申请' },
  { page: 'volunteerTeams', as: 'gridworker', expect: '登记住户信息后', name: 'volunteerTeams-gridworker' },
  { page: 'volunteerShift', as: 'volunteer', query: 'id={shift}', expect: '我的签到码' },
  { page: 'volunteerShift', as: 'staff', query: 'id={shift}', expect: '签到台与名单', name: 'volunteerShift-staff' },
  { page: 'volunteerShift', as: 'resident', query: 'id={shift}', expect: '独居老人入户探访', name: 'volunteerShift-resident' },
  { page: 'volunteerRecords', as: 'volunteer', expect: '星级标准' },
  { page: 'volunteerRecords', as: 'resident', expect: '还没有服务记录', name: 'volunteerRecords-resident' },
  {
    page: 'volunteerLead', as: 'volunteer', expect: '同意入队',
    then: async (p) => {
      await p.locator('.chip', { hasText: '队员' }).click()
      await p.getByText('登记资质').filter({ visible: true }).first().waitFor()
    },
  },
  {
    page: 'volunteerLead', as: 'staff', query: 'tab=hours', expect: '导出Excel', name: 'volunteerLead-staff',
    then: async (p) => {
      await p.locator('.chip', { hasText: '班次' }).click()
      await p.getByText('发布服务班次').filter({ visible: true }).first().waitFor()
    },
  },
  { page: 'volunteerLead', as: 'staff', query: 'tab=rules', expect: '保存规则', name: 'volunteerLead-rules' },
  { page: 'volunteerPublish', as: 'volunteer', expect: '向其他队伍的志愿者开放报名' },
  { page: 'volunteerPublish', as: 'staff', expect: '平安巡逻队', name: 'volunteerPublish-staff' },
  {
    page: 'volunteerDesk', as: 'volunteer', query: 'id={shift}', expect: '班次二维码',
    then: async (p) => {
      await button(p, '出示班次二维码').click()
      await p.locator('.vol-desk__pass-text').filter({ visible: true }).waitFor()
    },
  },
  { page: 'volunteerCertificates', as: 'volunteer', expect: '我的申请' },
  { page: 'volunteerCertificate', as: 'volunteer', query: 'id={certificate}', expect: '兹证明' },
  { page: 'volunteerCertificate', as: 'volunteer', query: 'id={certificateAsked}', expect: '待出具', name: 'volunteerCertificate-requested' },
  { page: 'volunteerCertificate', as: 'staff', query: 'id={certificate}', expect: '兹证明', name: 'volunteerCertificate-staff' },
  { page: 'volunteerIssue', as: 'staff', expect: '出具证明' },
  { page: 'volunteerVerify', as: 'resident', query: 'number=GDZY-{year}-0001', expect: '证明有效' },
  { page: 'volunteerVerify', as: 'driver', expect: '输入证明上的编号', name: 'volunteerVerify-driver' },
]

const pathOf = (v: Visit) => (v.page in TAB ? TAB[v.page as keyof typeof TAB] : PAGE[v.page as PageName])

test('every page of the route table is on the tour', () => {
  const visited = new Set(VISITS.map((v) => v.page))
  const missing = [...Object.keys(TAB), ...Object.keys(PAGE)].filter((p) => !visited.has(p as Visit['page']))
  expect(missing).toEqual([])
})

/** Records the tour's pages need: a hotline request and a booking of 李桂芳's. */
async function makeRecords(): Promise<Record<string, number>> {
  const signIn = async (as: string) => (await e2e.server.api<{ token: string }>('auth', 'devSignIn', { as })).body.data!.token
  const resident = await signIn('resident')
  // One reminder allowed, as the booking's prompt would: 微信消息提醒 then shows a count.
  await e2e.server.api('messages', 'subscribed', { results: { 'demo-appointment_reminder': 'accept' } }, resident)
  const categories = await e2e.server.api<{ id: number; name: string }[]>('hotline', 'categories', {}, resident)
  const request = await e2e.server.api<{ id: number }>('hotline', 'submit', { categoryId: categories.body.data![0].id, description: '楼道灯坏了，晚上看不见台阶' }, resident)
  const services = await e2e.server.api<{ id: number; name: string }[]>('appointments', 'services', {}, resident)
  const social = services.body.data!.find((s) => s.name === '社保卡业务')!
  const days = await e2e.server.api<{ days: { day: string; closed: boolean; left: number }[] }>('appointments', 'days', { serviceId: social.id }, resident)
  const day = days.body.data!.days.find((d) => !d.closed && d.left > 0)!.day
  const slots = await e2e.server.api<{ start: string; state: string }[]>('appointments', 'slots', { serviceId: social.id, day }, resident)
  const booking = await e2e.server.api<{ id: number }>('appointments', 'book', { serviceId: social.id, start: slots.body.data!.find((s) => s.state === 'open')!.start }, resident)
  // A lookup by a whole number, so the admins' 查询记录 has a line to show.
  const staff = await signIn('staff')
  const lookup = await e2e.server.api('people', 'search', { q: '13852140001' }, staff)
  expect([request.status, booking.status, lookup.status]).toEqual([200, 200, 200])
  return {
    request: request.body.data!.id,
    booking: booking.body.data!.id,
    ...(await shuttleRecords(signIn, staff, resident)),
    ...(await eventRecords(signIn, staff, resident)),
    ...(await volunteerRecords(signIn, staff, resident)),
  }
}

/**
 * 李桂芳's application to 红石榴邻里互助队 (pending); a shift two days ahead its leader holds; two certificates of the
 * leader's seeded year of service, one issued and one waiting.
 */
async function volunteerRecords(signIn: (as: string) => Promise<string>, staff: string, resident: string): Promise<Record<string, number>> {
  const leader = await signIn('volunteer')
  const today = localDay(e2e.server.now())
  const teamId = (await e2e.server.api<{ id: number; name: string }[]>('volunteer', 'teams', {}, leader)).body.data!.find((t) => t.name === '红石榴邻里互助队')!.id
  const applied = await e2e.server.api('volunteer', 'apply', { teamId, note: '退休在家，周末有空' }, resident)
  const shift = (await e2e.server.api<{ id: number }>('volunteer', 'publish', { teamId, task: '独居老人入户探访', place: '管道新村', date: addDays(today, 2), starts: '09:00', ends: '11:00', places: 3, releaseHours: 12 }, leader)).body.data!
  const held = await e2e.server.api('volunteer', 'signUp', { shiftId: shift.id }, leader)
  const period = { from: addDays(today, -365), to: today }
  const issued = (await e2e.server.api<{ id: number }>('volunteer', 'requestCertificate', { period, purpose: '单位评优' }, leader)).body.data!
  const done = await e2e.server.api('volunteer', 'issue', { id: issued.id }, staff)
  const asked = (await e2e.server.api<{ id: number }>('volunteer', 'requestCertificate', { period, purpose: '社区表彰' }, leader)).body.data!
  expect([applied.status, held.status, done.status]).toEqual([200, 200, 200])
  return { shift: shift.id, certificate: issued.id, certificateAsked: asked.id, year: Number(today.slice(0, 4)) }
}

/** Two days ahead: a one-place show 马建国 holds and 李桂芳 waits for, and her place in a 老年大学 class. */
async function eventRecords(signIn: (as: string) => Promise<string>, staff: string, resident: string): Promise<Record<string, number>> {
  const today = localDay(e2e.server.now())
  const day = addDays(today, 2)
  const venues = (await e2e.server.api<{ id: number }[]>('events', 'venues', {}, staff)).body.data!
  const publish = async (title: string, category: string, places: number) => {
    const input = {
      title, category, places, description: '欢迎居民参加。', venueId: venues[0]!.id, sessions: [{ date: day, starts: '14:30', ends: '16:30' }],
      signupOpens: { date: today, time: '00:00' }, signupCloses: { date: day, time: '12:00' }, cancelUntil: { date: day, time: '12:00' }, maxGuests: 2, guestMode: 'named',
    }
    const draft = (await e2e.server.api<{ id: number }>('events', 'save', input, staff)).body.data!
    return (await e2e.server.api<{ id: number }>('events', 'publish', { id: draft.id }, staff)).body.data!.id
  }
  const show = await publish('红石榴艺术团迎新演出', '演出', 1)
  const cls = await publish('老年大学书法班', '老年大学', 20)
  const held = await e2e.server.api('events', 'signUp', { eventId: show }, await signIn('resident2'))
  const wait = await e2e.server.api<{ id: number }>('events', 'wait', { eventId: show }, resident)
  const mine = await e2e.server.api<{ id: number }>('events', 'signUp', { eventId: cls }, resident)
  // Given once for a class with an age band, so 个人资料 shows it to change or remove.
  const born = await e2e.server.api('account', 'setBirthYear', { birthYear: 1958 }, resident)
  expect([held.status, wait.status, mine.status, born.status]).toEqual([200, 200, 200, 200])
  return { event: show, eventWait: wait.body.data!.id, signup: mine.body.data!.id }
}

/** Two days ahead (always bookable): a one-seat run 马建国 holds and 李桂芳 waits for, and her seat on the 10:00. */
async function shuttleRecords(signIn: (as: string) => Promise<string>, staff: string, resident: string): Promise<Record<string, number>> {
  type Run = { id: number; departsAt: string; stops: { id: number }[] }
  const day = addDays(localDay(e2e.server.now()), 2)
  const routes = (await e2e.server.api<{ id: number; direction: string }[]>('shuttle', 'routes', {}, staff)).body.data!
  const driverId = (await e2e.server.api<{ id: number; name: string }[]>('shuttle', 'drivers', {}, staff)).body.data!.find((d) => d.name === '周国强')!.id
  const full = (await e2e.server.api<Run>('shuttle', 'addRun', { routeId: routes.find((r) => r.direction === 'to_station')!.id, day, departs: '10:15', seats: 1, driverId, note: '临时加开' }, staff)).body.data!
  const runs = (await e2e.server.api<{ departures: Run[] }>('shuttle', 'departures', { direction: 'to_station', day }, resident)).body.data!.departures
  const at = (hhmm: string) => runs.find((d) => d.departsAt === atLocal(day, hhmm))!
  const seat = (d: Run, token: string) => e2e.server.api<{ id: number }>('shuttle', 'book', { departureId: d.id, stopId: d.stops[0]!.id, self: true, companionIds: [] }, token)
  const held = await seat(full, await signIn('resident2'))
  const wait = await e2e.server.api<{ id: number }>('shuttle', 'wait', { departureId: full.id, stopId: full.stops[0]!.id, self: true, companionIds: [] }, resident)
  const mine = await seat(at('10:00'), resident)
  expect([held.status, wait.status, mine.status]).toEqual([200, 200, 200])
  return { full: full.id, open: at('13:30').id, seat: mine.body.data!.id, wait: wait.body.data!.id }
}

async function setMode(page: Page, mode: Mode, as: Role) {
  if (as === 'newcomer') {
    // A newcomer has no 我的 yet; 长辈版 is kept on the device the way the app keeps a choice made before consent.
    await page.evaluate((on) => {
      localStorage.setItem('prefs.elder', JSON.stringify({ data: String(on) }))
      localStorage.setItem('prefs.elder.unsynced', JSON.stringify({ data: 'true' }))
    }, mode === 'elder')
    return
  }
  await page.goto(`${e2e.server.url}/#${TAB.me}`)
  await page.reload()
  const sw = page.getByRole('switch', { name: '长辈版' })
  await sw.waitFor()
  if ((await sw.getAttribute('aria-checked')) !== String(mode === 'elder')) {
    await sw.click()
    await page.getByText(mode === 'elder' ? '已切换为长辈版' : '已切换为标准版').waitFor()
  }
}

let records: Record<string, number> | null = null

for (const mode of ['standard', 'elder'] as const) {
  for (const as of [...new Set(VISITS.map((v) => v.as))]) {
    test(`${as}'s pages in ${mode} mode pass the audit`, async () => {
      records ??= await makeRecords()
      let ctx: BrowserContext
      let page: Page
      let errors: string[]
      if (as === 'newcomer') {
        ctx = await phone(e2e)
        page = await ctx.newPage()
        errors = watchErrors(page)
        await signInAs(page, e2e.server, 'newcomer')
        await page.waitForURL(/onboarding\/pages\/consent/)
      } else {
        ;({ page, errors } = await openAs(e2e, as))
        ctx = page.context()
      }
      await setMode(page, mode, as)
      const findings: string[] = []
      for (const v of VISITS.filter((x) => x.as === as)) {
        const query = (v.query ?? '').replace(/\{(\w+)\}/g, (_, k: string) => String(records![k]))
        await page.goto(`${e2e.server.url}/#${pathOf(v)}${query ? `?${query}` : ''}`)
        await page.reload()
        await page.getByText(v.expect, { exact: false }).filter({ visible: true }).first().waitFor()
        const name = `tour-${mode}-${v.name ?? v.page}`
        const check = async (label: string) => {
          for (const f of await audit(page, { elder: mode === 'elder' })) findings.push(`${label}: ${f}`)
          await shot(page, label)
        }
        await check(name)
        if (v.then) {
          await v.then(page)
          await check(`${name}-then`)
        }
      }
      expect(findings).toEqual([])
      expect(errors).toEqual([])
      await ctx.close()
    })
  }
}

test('a resident is refused the staff pages', async () => {
  const { page, close } = await openAs(e2e, 'resident')
  // A deep link opened afresh, as a shared link would be: only that page is on the stack.
  await page.goto(`${e2e.server.url}/#/features/people/pages/list/index`)
  await page.reload()
  await page.locator('.state--error', { hasText: '您没有权限进行此操作' }).filter({ visible: true }).first().waitFor()
  await shot(page, 'tour-resident-people-refused')
  await close()
})

test('a grid worker books for a resident of their grid from 我的', async () => {
  const { page, errors, close } = await openAs(e2e, 'gridworker')
  await tab(page, '我的')
  await cell(page, '代办预约').filter({ visible: true }).click()
  await page.locator('.appt-proxy__resident', { hasText: '李桂芳' }).click()
  await page.getByText('为 李桂芳 代办预约').filter({ visible: true }).waitFor()
  expect(errors).toEqual([])
  await close()
})
