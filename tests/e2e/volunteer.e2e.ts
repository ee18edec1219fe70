// 志愿服务 end to end in Chromium against the real server: a resident applies to 红石榴邻里互助队 from 首页 and its
// leader accepts; the leader publishes a shift; the volunteer signs up and is refused an overlapping one; the
// leader checks them in at the desk and they check out by typing the shift's code; they see the hours and the star
// level; the leader corrects the record with a reason; staff issue a certificate, the volunteer opens it and a
// visitor checks it by number; staff export the hours and this test reads the file. The server's clock runs at the
// real pace: the shift is two days ahead (always publishable), moved to the coming half hour in the database for
// the desk, and moved two hours back once checked in, as if the morning had passed.
import Database from 'better-sqlite3'
import fs from 'node:fs'
import { Workbook } from 'exceljs'
import { addDays, atLocal, local, localDay } from '../../common/time'
import type { Page } from 'playwright-core'
import { cell, openAs, phone, setupE2E, shot, tab, tap } from './harness'

const e2e = setupE2E()

const see = (page: Page, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first().waitFor()
const confirm = (page: Page, text: string) => page.locator('.taro-modal__foot, .taro-modal__footer').getByText(text).click()

test('apply and accept, publish, sign up and an overlap refused, check in and out, hours and stars, a correction, a certificate, the sheet', async () => {
  const day = addDays(localDay(e2e.server.now()), 2)

  // 李桂芳 applies from 首页 → 志愿服务.
  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  await r.locator('.service-grid__item--volunteer').click()
  await r.waitForURL(/volunteer\/pages\/home/)
  await tap(r, '申请加入志愿服务队').click()
  await r.waitForURL(/volunteer\/pages\/teams/)
  await r.locator('.chip', { hasText: '邻里互助队' }).click()
  await r.locator('.vol-teams__note-input textarea').fill('退休在家，周末有空')
  await shot(r, 'volunteer-1-apply')
  await tap(r, '提交申请').click()
  await see(r, '待队长审核')

  // Her leader accepts from 我的 → 队伍管理.
  const leader = await openAs(e2e, 'volunteer')
  const l = leader.page
  await tab(l, '我的')
  await cell(l, '队伍管理').click()
  await l.waitForURL(/volunteer\/pages\/lead/)
  await l.locator('.lead-item', { hasText: '李桂芳' }).getByText('退休在家，周末有空').waitFor()
  await shot(l, 'volunteer-2-applications')
  await tap(l, '同意入队').click()
  await l.locator('.lead-item', { hasText: '李桂芳' }).locator('.tag', { hasText: '已入队' }).waitFor()

  // The leader publishes a shift two days ahead, 09:00–11:00, three places.
  await l.locator('.chip', { hasText: '班次' }).click()
  await tap(l, '发布服务班次').click()
  await l.waitForURL(/volunteer\/pages\/publish/)
  await l.locator('.vol-publish__task input').fill('独居老人入户探访')
  await l.locator('.vol-publish__place input').fill('管道新村')
  await l.locator('.vol-publish__date input').fill(day)
  await l.locator('.vol-publish__starts input').fill('09:00')
  await l.locator('.vol-publish__ends input').fill('11:00')
  await l.locator('.vol-publish__places input').fill('3')
  await shot(l, 'volunteer-3-publish')
  await tap(l, '发布班次').click()
  await l.waitForURL(/volunteer\/pages\/shift/)
  await see(l, '签到台与名单')
  const shiftId = Number(new URL(l.url().replace('/#', '')).searchParams.get('id'))
  // A second shift overlapping it, published through the API as the same leader.
  const token = (await e2e.server.api<{ token: string }>('auth', 'devSignIn', { as: 'volunteer' })).body.data!.token
  const teamId = (await e2e.server.api<{ id: number; name: string }[]>('volunteer', 'teams', {}, token)).body.data!.find((t) => t.name === '红石榴邻里互助队')!.id
  const overlap = await e2e.server.api<{ id: number }>('volunteer', 'publish', { teamId, task: '便民服务亭值守', place: '便民服务亭', date: day, starts: '10:00', ends: '12:00', places: 2, releaseHours: 12 }, token)
  expect(overlap.status).toBe(200)

  // The new volunteer signs up, and is refused the overlapping shift.
  await r.goto(`${e2e.server.url}/#/features/volunteer/pages/home/index`)
  await r.reload()
  await see(r, '本队班次')
  await r.locator('.shift-card', { hasText: '独居老人入户探访' }).click()
  await r.waitForURL(/volunteer\/pages\/shift/)
  await tap(r, '报名该班次').click()
  await r.locator('.qr-code').filter({ visible: true }).waitFor()
  await shot(r, 'volunteer-4-signed')
  await r.goto(`${e2e.server.url}/#/features/volunteer/pages/shift/index?id=${overlap.body.data!.id}`)
  await r.reload()
  await tap(r, '报名该班次').click()
  await see(r, /与您已报名的「独居老人入户探访」.*时间重叠/)

  // The day comes: the shift starts in twenty minutes. The leader checks her in at the desk.
  const db = new Database(e2e.server.sqliteFile)
  const now = e2e.server.now().getTime()
  const move = (startMs: number) => {
    const s = new Date(startMs).toISOString()
    const e = new Date(startMs + 2 * 3_600_000).toISOString()
    db.prepare('update volunteer_shifts set starts_at = ?, ends_at = ? where id = ?').run(s, e, shiftId)
    db.prepare('update shift_signups set starts_at = ?, ends_at = ? where shift_id = ?').run(s, e, shiftId)
  }
  move(now + 20 * 60_000)
  await l.goto(`${e2e.server.url}/#/features/volunteer/pages/desk/index?id=${shiftId}`)
  await l.reload()
  const entry = l.locator('.vol-desk__entry', { hasText: '李桂芳' })
  await entry.locator('.nut-button', { hasText: '签到' }).click()
  await entry.getByText('已签到').waitFor()
  await tap(l, '出示班次二维码').click()
  const shiftCode = (await l.locator('.vol-desk__pass-text').textContent())!.replace(/\s/g, '')
  await shot(l, 'volunteer-5-desk')

  // Two hours on: she checks out herself with the shift's code; in 09:00-ish, counted from the shift's start.
  const checkedIn = now - 110 * 60_000
  // The day she checked in on, Beijing time: the periods below start there, so the record is in them at any hour.
  const since = localDay(checkedIn)
  db.prepare('update volunteer_hours set checked_in_at = ? where shift_id = ?').run(new Date(checkedIn).toISOString(), shiftId)
  move(now - 100 * 60_000)
  db.close()
  await r.goto(`${e2e.server.url}/#/features/volunteer/pages/shift/index?id=${shiftId}`)
  await r.reload()
  await r.locator('.self-check__code input').fill(shiftCode.toLowerCase())
  await tap(r, '确定').click()
  await see(r, /签退成功，服务1小时4\d分/)
  await r.goto(`${e2e.server.url}/#/features/volunteer/pages/records/index`)
  await r.reload()
  await see(r, /再服务98小时\d+分可达1星/)
  await r.locator('.hours-card', { hasText: '独居老人入户探访' }).waitFor()
  await shot(r, 'volunteer-6-records')

  // The leader corrects the record: she came at the start but left ten minutes early.
  await l.goto(`${e2e.server.url}/#/features/volunteer/pages/lead/index?tab=hours`)
  await l.reload()
  await l.locator('.hours-from input').fill(since)
  await tap(l, '查询').click()
  const card = l.locator('.hours-card', { hasText: '李桂芳 · 独居老人入户探访' })
  await card.locator('.nut-button', { hasText: '更正时长' }).click()
  const out = atLocal(await card.locator('.fix-out-date input').inputValue(), await card.locator('.fix-out-time input').inputValue())
  const earlier = local(Date.parse(out) - 10 * 60_000)
  await card.locator('.fix-out-date input').fill(earlier.format('YYYY-MM-DD'))
  await card.locator('.fix-out-time input').fill(earlier.format('HH:mm'))
  await card.locator('.fix-reason input').fill('提前十分钟离开，按实际时间更正')
  await card.locator('.nut-button', { hasText: '保存更正' }).click()
  await card.getByText('原因：提前十分钟离开，按实际时间更正').waitFor()
  await card.getByText(/原记录：签到/).waitFor()
  await shot(l, 'volunteer-7-corrected')

  // She asks for a certificate; staff issue it; she opens it.
  await r.goto(`${e2e.server.url}/#/features/volunteer/pages/certificates/index`)
  await r.reload()
  await r.locator('.vol-certs__from input').fill(since)
  await r.locator('.vol-certs__purpose input').fill('单位评优')
  await tap(r, '提交申请').click()
  await r.waitForURL(/volunteer\/pages\/certificate\//)
  await see(r, '待出具')
  const staff = await openAs(e2e, 'staff')
  const s = staff.page
  await tab(s, '我的')
  await cell(s, '出具志愿服务证明').click()
  await s.waitForURL(/volunteer\/pages\/issue/)
  await s.locator('.vol-issue__request', { hasText: '李桂芳' }).getByText('单位评优').waitFor()
  await shot(s, 'volunteer-8-issue')
  await tap(s, '出具证明').click()
  await confirm(s, '出具')
  await see(s, /GDZY-\d{4}-0001/)
  await r.reload()
  await see(r, '兹证明李桂芳系管道社区红石榴邻里互助队志愿者')
  await see(r, '管道社区居民委员会')
  const number = (await r.locator('.vol-cert__number').textContent())!.replace('编号：', '')
  await shot(r, 'volunteer-9-certificate')

  // Anyone checks it by number, signed out.
  const visitorCtx = await phone(e2e)
  const visitor = await visitorCtx.newPage()
  await visitor.goto(`${e2e.server.url}/#/features/volunteer/pages/verify/index`)
  await visitor.locator('.vol-verify__number input').fill(number.toLowerCase())
  await tap(visitor, '查验').click()
  await see(visitor, '证明有效')
  await see(visitor, '志愿者：李**')
  await shot(visitor, 'volunteer-10-verified')
  await visitorCtx.close()

  // Staff export the team's hours this year and the file says what the record says.
  await s.goto(`${e2e.server.url}/#/features/volunteer/pages/lead/index?teamId=${teamId}&tab=hours`)
  await s.reload()
  await s.locator('.hours-from input').fill(since)
  await tap(s, '查询').click()
  await s.locator('.hours-card', { hasText: '李桂芳' }).first().waitFor()
  const download = s.waitForEvent('download')
  await tap(s, '导出Excel').click()
  const book = new Workbook()
  await book.xlsx.load(fs.readFileSync(await (await download).path()) as unknown as ArrayBuffer)
  const rows: unknown[][] = []
  book.getWorksheet('明细')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  const li = rows.find((x) => x[0] === '李桂芳')!
  expect(li.slice(1, 4)).toEqual(['红石榴邻里互助队', '独居老人入户探访', '管道新村'])
  expect(li[10]).toBe('提前十分钟离开，按实际时间更正（周雨婷）')

  for (const who of [resident, leader, staff]) expect(who.errors).toEqual([])
  await Promise.all([resident.close(), leader.close(), staff.close()])
})
