// 办事预约 end to end in Chromium against the real server: a resident books, sees the code, reschedules, cancels and
// books again; a full slot says 已满; staff check the resident in at the window; a ticket request goes to 已出票.
// The server's clock runs at the real pace (from wherever E2E_AT started it), so the test books whatever the plan
// offers next and, where the window's day matters (check-in is for today's bookings), moves the booking to today in
// the database, as a later day would.
import Database from 'better-sqlite3'
import { localDay } from '../../common/time'
import { button, cell, openAs, pageBoxes, setupE2E, shot, tab } from './harness'

const e2e = setupE2E()

async function token(key: string): Promise<string> {
  const res = await e2e.server.api<{ token: string }>('auth', 'devSignIn', { as: key })
  return res.body.data!.token
}

test('a resident books, reschedules, cancels and books again; staff check them in', async () => {
  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  await r.locator('.service-grid__item--appointments').click()
  await r.waitForURL(/appointments\/pages\/services/)
  await r.locator('.appt-services__item', { hasText: '免费体检' }).waitFor()
  await shot(r, 'appointments-1-services')
  await r.locator('.appt-services__item', { hasText: '身份证/居住证办理协助' }).click()
  await r.waitForURL(/appointments\/pages\/book/)
  await r.locator('.appt-book__check', { hasText: '户口簿原件' }).filter({ visible: true }).waitFor()
  // The second open day: a whole day of slots, whatever the hour the test runs at.
  await r.locator('.day-strip__day:not(.day-strip__day--off)').filter({ visible: true }).nth(1).click()
  const open = r.locator('.slot-grid__slot--open').filter({ visible: true })
  await open.first().waitFor()
  const firstLabel = (await open.first().locator('.slot-grid__time').textContent())!.trim()
  await open.first().click()
  await r.getByText(new RegExp(`预约：.*${firstLabel}`)).waitFor()
  await shot(r, 'appointments-2-book')
  await button(r, '确认预约').filter({ visible: true }).click()
  await r.waitForURL(/appointments\/pages\/detail/)
  const code = (await r.locator('.appt-detail__code-text').filter({ visible: true }).textContent())!.replace(/\s/g, '')
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
  await r.locator('.qr-code').filter({ visible: true }).waitFor()
  await r.locator('.appt-tag', { hasText: '已预约' }).filter({ visible: true }).waitFor()
  await shot(r, 'appointments-3-detail-code')

  // 改约: another free slot the same day; the old one is shown as the current booking.
  await button(r, '改约').filter({ visible: true }).click()
  await r.waitForURL(/reschedule=/)
  await r.locator('.slot-grid__slot', { hasText: '当前预约' }).filter({ visible: true }).waitFor()
  const other = r.locator('.slot-grid__slot--open:not(.slot-grid__slot--off)').filter({ visible: true })
  const newLabel = (await other.first().locator('.slot-grid__time').textContent())!.trim()
  await other.first().click()
  await button(r, '确认改约').filter({ visible: true }).click()
  await r.waitForURL(/appointments\/pages\/detail/)
  await r.locator('.appt-detail__when', { hasText: newLabel }).filter({ visible: true }).waitFor()
  expect((await r.locator('.appt-detail__code-text').filter({ visible: true }).textContent())!.replace(/\s/g, '')).toBe(code)

  // 取消, after a confirmation.
  await button(r, '取消预约').filter({ visible: true }).click()
  await r.locator('.taro-modal__foot, .taro-modal__footer').getByText('取消预约').click()
  await r.locator('.appt-tag', { hasText: '已取消' }).filter({ visible: true }).waitFor()
  await shot(r, 'appointments-4-cancelled')

  // And book again, from 我的预约.
  await r.goto(`${e2e.server.url}/#/pages/me/index`)
  await r.reload()
  await cell(r, '我的预约').click()
  await r.waitForURL(/appointments\/pages\/mine/)
  await r.locator('.booking-card', { hasText: '已取消' }).waitFor()
  await button(r, '预约办事').filter({ visible: true }).last().click()
  await r.waitForURL(/appointments\/pages\/services/)
  await r.locator('.appt-services__item', { hasText: '身份证/居住证办理协助' }).filter({ visible: true }).click()
  await r.waitForURL(/appointments\/pages\/book/)
  await r.locator('.day-strip__day:not(.day-strip__day--off)').filter({ visible: true }).nth(1).click()
  await r.locator('.slot-grid__slot--open').filter({ visible: true }).first().click()
  await button(r, '确认预约').filter({ visible: true }).click()
  await r.waitForURL(/appointments\/pages\/detail/)
  const rebooked = (await r.locator('.appt-detail__code-text').filter({ visible: true }).textContent())!.replace(/\s/g, '')
  const bookingId = Number(new URL(r.url().replace('#/', '')).searchParams.get('id'))

  // The window's day is today: move the booking there, as the clock would.
  const db = new Database(e2e.server.sqliteFile)
  // It starts now, so it is the window's day on the server's clock whatever the hour (Beijing midnight included).
  const now = e2e.server.now()
  db.prepare('update appt_bookings set day = ?, starts_at = ?, ends_at = ? where id = ?').run(localDay(now), now.toISOString(), new Date(now.getTime() + 30 * 60_000).toISOString(), bookingId)
  db.close()

  const staff = await openAs(e2e, 'staff')
  const s = staff.page
  await tab(s, '我的')
  await cell(s, '预约窗口').click()
  await s.waitForURL(/appointments\/pages\/desk/)
  await s.locator('.appt-desk__code input').fill(rebooked.toLowerCase())
  await button(s, '签到').filter({ visible: true }).first().click()
  await s.locator('.appt-desk__last', { hasText: '李桂芳' }).waitFor()
  await s.locator('.appt-desk__booking', { hasText: '李桂芳' }).locator('.appt-tag', { hasText: '已签到' }).waitFor()
  await shot(s, 'appointments-5-desk-checked-in')
  await s.locator('.appt-desk__booking', { hasText: '李桂芳' }).click()
  await s.waitForURL(/appointments\/pages\/detail/)
  await button(s, '办结').filter({ visible: true }).click()
  await s.locator('.appt-tag', { hasText: '已办结' }).filter({ visible: true }).waitFor()

  expect(resident.errors).toEqual([])
  expect(staff.errors).toEqual([])
  await resident.close()
  await staff.close()
})

test('a full slot shows 已满 and cannot be chosen', async () => {
  const other = await token('resident2')
  const services = await e2e.server.api<{ id: number; name: string }[]>('appointments', 'services', {}, other)
  const social = services.body.data!.find((x) => x.name === '社保卡业务')!
  const days = await e2e.server.api<{ days: { day: string; closed: boolean; left: number }[] }>('appointments', 'days', { serviceId: social.id }, other)
  const day = days.body.data!.days.filter((d) => !d.closed && d.left > 0)[1]!.day
  const slots = await e2e.server.api<{ start: string; label: string; state: string }[]>('appointments', 'slots', { serviceId: social.id, day }, other)
  const slot = slots.body.data!.find((x) => x.state === 'open')!
  expect((await e2e.server.api('appointments', 'book', { serviceId: social.id, start: slot.start }, other)).status).toBe(200)

  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  await r.goto(`${e2e.server.url}/#/features/appointments/pages/book/index?serviceId=${social.id}`)
  await r.reload()
  await r.locator(`#day-${day}`).click()
  const full = r.locator('.slot-grid__slot', { hasText: slot.label }).filter({ visible: true })
  await full.getByText('已满').waitFor()
  expect(await full.getAttribute('aria-disabled')).toBe('true')
  await full.click({ force: true })
  expect(await r.locator('.appt-book__summary').filter({ visible: true }).textContent()).toBe('请选择时段')
  await shot(r, 'appointments-6-full')
  await resident.close()
})

test('ticket assistance: the trip with a checked ID number, then staff record 已出票 and the resident sees it', async () => {
  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  await r.goto(`${e2e.server.url}/#/features/appointments/pages/services/index`)
  await r.reload()
  await r.locator('.appt-services__item', { hasText: '火车票/飞机票代购' }).click()
  await r.waitForURL(/appointments\/pages\/book/)
  await r.locator('.slot-grid__slot--open').filter({ visible: true }).first().click()
  await r.locator('.trip-form .day-strip__day').nth(3).click()
  await r.locator('.trip-form__to input').fill('南京南')
  await r.locator('.trip-form__pref input').fill('上午 高铁二等座')
  // A mistyped number is caught before anything is sent, beside the field.
  await r.locator('.trip-form__pid input').first().fill('320311195803120041')
  await button(r, '确认预约').filter({ visible: true }).click()
  await r.getByText('乘车人身份证号不正确，请核对').first().waitFor()
  // Giving ID numbers needs its own agreement, each time, beside the privacy notice accepted once.
  await r.getByText('请阅读并勾选同意使用乘车人身份证号购票').first().waitFor()
  // The draft keeps the trip on the device, but never the ID number typed into it.
  const stored = await r.evaluate(() => JSON.stringify(Object.entries(localStorage)))
  expect(stored).toContain('南京南')
  expect(stored).not.toContain('320311195803120041')
  await shot(r, 'appointments-7-ticket-bad-id')
  await r.locator('.trip-form__pid input').first().fill('32031119580312019x')
  await r.getByRole('checkbox', { name: /使用以上乘车人的姓名和身份证号/ }).click()
  await button(r, '确认预约').filter({ visible: true }).click()
  await r.waitForURL(/appointments\/pages\/detail/)
  await r.getByText('3203**********019X').first().waitFor()
  await r.getByText('徐州东 → 南京南', { exact: false }).first().waitFor()
  const url = r.url()
  await shot(r, 'appointments-8-ticket-detail')

  const staff = await openAs(e2e, 'staff')
  const s = staff.page
  await s.goto(url.replace(/^https?:\/\/[^/]+/, e2e.server.url))
  await s.reload()
  await button(s, '记录出票结果').filter({ visible: true }).click()
  await s.getByRole('radio', { name: '已出票' }).click()
  await s.locator('.appt-detail__ticket-text input').fill('G1234次 08:15 徐州东→南京南 二等座 1张')
  await button(s, '保存并通知居民').filter({ visible: true }).click()
  await s.locator('.appt-tag', { hasText: '已出票' }).filter({ visible: true }).waitFor()
  await shot(s, 'appointments-9-ticket-issued')

  await r.reload()
  await r.locator('.appt-detail__outcome', { hasText: 'G1234次' }).filter({ visible: true }).waitFor()
  await r.locator('.appt-tag', { hasText: '已出票' }).filter({ visible: true }).waitFor()
  expect(resident.errors).toEqual([])
  await resident.close()
  await staff.close()
})

test('代办: a grid worker books for a resident of their grid, who finds it in 我的预约 and the message centre', async () => {
  const worker = await openAs(e2e, 'gridworker')
  const w = worker.page
  await tab(w, '我的')
  await cell(w, '代办预约').click()
  await w.waitForURL(/appointments\/pages\/proxy/)
  await w.locator('.appt-proxy__search input').fill('李桂芳')
  await w.locator('.appt-proxy__resident', { hasText: '李桂芳' }).click()
  await w.waitForURL(/appointments\/pages\/services/)
  await w.locator('.appt-services__item', { hasText: '免费体检' }).filter({ visible: true }).click()
  await w.waitForURL(/appointments\/pages\/book/)
  // Seen once in a while on a loaded machine: the book page's text never visible. What the page boxes were is
  // printed before the test fails, to tell a hidden page from a page that never rendered.
  await w.locator('.appt-book__for', { hasText: '为 李桂芳 代办预约' }).filter({ visible: true }).waitFor().catch(async (err: unknown) => {
    console.warn(`book page not visible at ${w.url()}; page boxes:\n${await pageBoxes(w, '.appt-book__for, .state, .slot-grid')}`)
    throw err
  })
  await w.locator('.slot-grid__slot--open').filter({ visible: true }).first().click()
  await button(w, '确认预约').filter({ visible: true }).click()
  await w.waitForURL(/appointments\/pages\/detail/)
  await w.getByText('网格员 赵晓燕代办').filter({ visible: true }).waitFor()
  await w.getByText('李桂芳 · 管道新村3号楼 2单元 301室').filter({ visible: true }).waitFor()
  await shot(w, 'appointments-10-proxy-booked')

  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  await tab(r, '我的')
  // The rare 我的 drawn but not visible right after the switch (docs/architecture.md): the boxes are printed and
  // the page reloaded, as tab() does, so a new cause shows in the log without failing the booking under test.
  await cell(r, '我的预约').filter({ visible: true }).waitFor({ timeout: 10_000 }).catch(async () => {
    console.warn(`我的 not visible; page boxes:\n${await pageBoxes(r)}`)
    await r.reload()
  })
  await cell(r, '我的预约').click()
  await r.locator('.booking-card', { hasText: '免费体检' }).filter({ hasText: '网格员 赵晓燕代办' }).waitFor()
  await r.goto(`${e2e.server.url}/#/features/messages/pages/list/index`)
  await r.reload()
  await r.getByText('已为您预约').filter({ visible: true }).first().waitFor()
  expect(worker.errors).toEqual([])
  expect(resident.errors).toEqual([])
  await worker.close()
  await resident.close()
})

test('staff close a window for a day: the booking on it is listed to handle and the resident sees why', async () => {
  const other = await token('resident2')
  const services = await e2e.server.api<{ id: number; name: string }[]>('appointments', 'services', {}, other)
  const idService = services.body.data!.find((x) => x.name === '身份证/居住证办理协助')!
  const days = await e2e.server.api<{ days: { day: string; closed: boolean; left: number }[] }>('appointments', 'days', { serviceId: idService.id }, other)
  // A day after tomorrow, so that it is not today whatever the hour.
  const day = days.body.data!.days.filter((d) => !d.closed && d.left > 0)[1]!.day
  const slots = await e2e.server.api<{ start: string; state: string }[]>('appointments', 'slots', { serviceId: idService.id, day }, other)
  const booked = await e2e.server.api<{ id: number }>('appointments', 'book', { serviceId: idService.id, start: slots.body.data!.find((x) => x.state === 'open')!.start }, other)
  expect(booked.status).toBe(200)

  const staff = await openAs(e2e, 'staff')
  const s = staff.page
  await tab(s, '我的')
  await cell(s, '预约设置').click()
  await s.waitForURL(/appointments\/pages\/manage/)
  await s.getByRole('radio', { name: '身份证/居住证办理协助' }).click()
  await s.locator(`#closure-${day}`).click()
  await s.locator('.appt-manage__reason input').fill('窗口系统升级')
  await button(s, '添加停办').filter({ visible: true }).click()
  await s.locator('.appt-manage__closure', { hasText: '窗口系统升级' }).waitFor()
  await s.getByText(`${day} 全天 · 身份证/居住证办理协助`).waitFor()
  await shot(s, 'appointments-11-closure-added')

  await s.goto(`${e2e.server.url}/#/features/appointments/pages/desk/index`)
  await s.reload()
  await s.getByText('需处理：开放安排调整影响的预约（1）').filter({ visible: true }).waitFor()
  await s.locator('.booking-card', { hasText: '时段有变动' }).filter({ visible: true }).waitFor()
  await shot(s, 'appointments-12-desk-attention')

  const resident = await openAs(e2e, 'resident2')
  const r = resident.page
  await r.goto(`${e2e.server.url}/#/features/appointments/pages/detail/index?id=${booked.body.data!.id}`)
  await r.reload()
  await r.getByText('社区调整了开放安排').filter({ visible: true }).waitFor()
  await shot(r, 'appointments-13-resident-displaced')

  // Lifting the closure puts the booking back as it was.
  await s.goto(`${e2e.server.url}/#/features/appointments/pages/manage/index`)
  await s.reload()
  await s.locator('.appt-manage__closure', { hasText: '窗口系统升级' }).locator('.nut-button', { hasText: '撤销' }).click()
  await s.locator('.appt-manage__closure', { hasText: '窗口系统升级' }).waitFor({ state: 'detached' })
  const after = await e2e.server.api<{ displaced: boolean }>('appointments', 'get', { id: booked.body.data!.id }, other)
  expect(after.body.data!.displaced).toBe(false)
  expect(staff.errors).toEqual([])
  await staff.close()
  await resident.close()
})
