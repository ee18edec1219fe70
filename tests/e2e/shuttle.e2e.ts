// 高铁站班车 end to end in Chromium against the real server: a resident finds her bus with 赶火车 and books two
// seats for herself and her husband; the run fills; a second resident waits; a cancelled passenger's seat goes to
// him and he is told; the driver checks them in at the door and departs; staff cancel a later run and the resident
// rebooks from the notice in one tap. The server's clock runs at the real pace, so the runs are two days ahead
// (always open, whatever the hour) and, for the door, the run is moved to the next hour in the database.
import Database from 'better-sqlite3'
import { addDays, atLocal, localDay } from '../../common/time'
import { button, cell, openAs, setupE2E, shot, tab } from './harness'

const e2e = setupE2E()

async function token(key: string): Promise<string> {
  return (await e2e.server.api<{ token: string }>('auth', 'devSignIn', { as: key })).body.data!.token
}

type Departure = { id: number; departsAt: string; routeName: string; direction: string }

test('赶火车, two seats, 已满 and the waiting list, a partial cancel and a promotion, the door, and a one-tap rebook', async () => {
  const day = addDays(localDay(e2e.server.now()), 2)
  const staffToken = await token('staff')
  // Staff add a small extra run the day after tomorrow: two seats, 10:15, driven by 周国强.
  const routes = await e2e.server.api<{ id: number; direction: string }[]>('shuttle', 'routes', {}, staffToken)
  const drivers = await e2e.server.api<{ id: number; name: string }[]>('shuttle', 'drivers', {}, staffToken)
  const toStation = routes.body.data!.find((r) => r.direction === 'to_station')!
  const driverId = drivers.body.data!.find((d) => d.name === '周国强')!.id
  const extra = await e2e.server.api<Departure>('shuttle', 'addRun', { routeId: toStation.id, day, departs: '10:15', seats: 2, driverId, note: '临时加开' }, staffToken)
  expect(extra.status).toBe(200)

  // 常用乘车人 first, from 我的.
  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  await tab(r, '我的')
  await cell(r, '常用乘车人').click()
  await r.waitForURL(/account\/pages\/companions/)
  await r.locator('.companions__input-name input').fill('王德明')
  await r.locator('.chip', { hasText: '配偶' }).click()
  await r.locator('.companions__input-phone input').fill('13900001111')
  await shot(r, 'shuttle-1-companion-form')
  await button(r, '保存').filter({ visible: true }).click()
  await r.locator('.companions__item', { hasText: '王德明' }).waitFor()

  // 赶火车: a train at 11:40 from 徐州东站; 40 minutes before it means a bus there by 11:00.
  await r.goto(`${e2e.server.url}/#/pages/home/index`)
  await r.reload()
  await r.locator('.service-grid__item--shuttle').click()
  await r.waitForURL(/shuttle\/pages\/timetable/)
  await r.locator('.departure-card').first().waitFor()
  await r.locator(`#train-${day}`).click()
  await r.locator('.shuttle__train-time input').fill('11:40')
  await r.locator('.shuttle__train-no input').fill('g1234')
  await button(r, '查找合适的班车').click()
  const suggested = r.locator('.shuttle__found .departure-card')
  await suggested.first().waitFor()
  expect(await suggested.locator('.departure-card__label').allTextContents()).toEqual(['推荐 · 最晚一班', '更稳妥 · 早一班'])
  expect(await suggested.locator('.departure-card__time:not(.departure-card__time--to)').allTextContents()).toEqual(['10:15', '10:00'])
  await shot(r, 'shuttle-2-train-finder')
  await suggested.first().click()
  await r.waitForURL(/shuttle\/pages\/book/)
  await r.locator('.rider-picker__companion', { hasText: '王德明（配偶）' }).click()
  expect(await r.locator('.seat-book__train-no input').inputValue()).toBe('g1234')
  await shot(r, 'shuttle-3-book')
  await button(r, '预约2个座位').click()
  await r.waitForURL(/shuttle\/pages\/pass/)
  await r.locator('.qr-code').filter({ visible: true }).waitFor()
  const code = (await r.locator('.pass__code-text').textContent())!.replace(/\s/g, '')
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
  expect(await r.locator('.pass__rider').allTextContents()).toEqual(['李桂芳（本人）待上车', '王德明（配偶）待上车'])
  await r.getByText('要赶的火车：G1234 11:40开').waitFor()
  await shot(r, 'shuttle-4-pass')

  // The run is full: 马建国 joins its waiting list from the timetable.
  const second = await openAs(e2e, 'resident2')
  const m = second.page
  await m.goto(`${e2e.server.url}/#/features/shuttle/pages/timetable/index?day=${day}`)
  await m.reload()
  const full = m.locator('.departure-card', { hasText: '10:15' })
  await full.locator('.departure-tag', { hasText: '已满 · 可候补' }).waitFor()
  await shot(m, 'shuttle-5-full')
  await full.click()
  await m.waitForURL(/shuttle\/pages\/book/)
  await m.getByText('本班次已满，可以排队候补').waitFor()
  await shot(m, 'shuttle-5b-book-full')
  await button(m, '加入候补（1人）').click()
  await m.waitForURL(/shuttle\/pages\/wait/)
  await m.locator('.wait__number', { hasText: '1' }).waitFor()
  await shot(m, 'shuttle-6-waiting')

  // 李桂芳 gives back her husband's seat; 马建国 is promoted in the same step and told.
  await button(r, '取消部分乘车人').click()
  await r.locator('.pass__pick', { hasText: '王德明' }).click()
  await button(r, '取消所选1人').click()
  await r.locator('.taro-modal__foot, .taro-modal__footer').getByText('确定取消').click()
  await r.locator('.pass__rider--off', { hasText: '王德明' }).waitFor()
  await r.locator('.pass__label', { hasText: '1个座位' }).waitFor()
  await m.reload()
  await m.locator('.wait__state', { hasText: '已候补成功' }).waitFor()
  await m.goto(`${e2e.server.url}/#/features/messages/pages/list/index`)
  await m.reload()
  const told = m.locator('.messages__item', { hasText: '候补成功，已为您留座' })
  await told.waitFor()
  await told.click()
  await m.waitForURL(/shuttle\/pages\/pass/)
  const code2 = (await m.locator('.pass__code-text').textContent())!.replace(/\s/g, '')

  // The door: the run leaves within the hour, as it will on the day.
  const db = new Database(e2e.server.sqliteFile)
  const soon = new Date(e2e.server.now().getTime() + 60 * 60_000)
  db.prepare('update shuttle_departures set day = ?, departs_at = ? where id = ?').run(localDay(soon), soon.toISOString(), extra.body.data!.id)
  db.close()
  const driver = await openAs(e2e, 'driver')
  const dr = driver.page
  await tab(dr, '我的')
  await cell(dr, '我的班次').click()
  await dr.waitForURL(/shuttle\/pages\/runs/)
  await dr.locator(`#run-${localDay(soon)}`).click()
  await dr.locator('.departure-card', { hasText: '临时加开' }).click()
  await dr.waitForURL(/shuttle\/pages\/manifest/)
  await dr.locator('.manifest__code input').fill(code.toLowerCase())
  await button(dr, '核验').click()
  await dr.locator('.manifest__rider--boarded', { hasText: '李桂芳' }).waitFor()
  // The same code again is refused, saying who checked it and when.
  await dr.locator('.manifest__code input').fill(code)
  await button(dr, '核验').click()
  await dr.getByText(/该乘车码已于 \d\d:\d\d 由周国强核验/).first().waitFor()
  await shot(dr, 'shuttle-7-manifest')
  // 马建国 boards with one tap.
  await dr.locator('.manifest__rider', { hasText: '马建国' }).click()
  await dr.locator('.manifest__rider--boarded', { hasText: '马建国' }).waitFor()
  await button(dr, '发车（2/2人已上车）').click()
  await dr.locator('.taro-modal__foot, .taro-modal__footer').getByText('发车').click()
  await dr.locator('.manifest__head .departure-tag', { hasText: '已发车' }).waitFor()
  await shot(dr, 'shuttle-8-departed')
  expect(code2).not.toBe(code)

  // Staff cancel a later run 李桂芳 is booked on; she sees the notice and rebooks in one tap.
  const residentToken = await token('resident')
  const later = await e2e.server.api<{ departures: (Departure & { stops: { id: number }[] })[] }>('shuttle', 'departures', { direction: 'to_station', day }, residentToken)
  const at1330 = later.body.data!.departures.find((d) => d.departsAt === atLocal(day, '13:30'))!
  const booked = await e2e.server.api('shuttle', 'book', { departureId: at1330.id, stopId: at1330.stops[0]!.id, self: true, companionIds: [] }, residentToken)
  expect(booked.status).toBe(200)
  const staff = await openAs(e2e, 'staff')
  const s = staff.page
  await tab(s, '我的')
  await cell(s, '班车发车').click()
  await s.waitForURL(/shuttle\/pages\/runs/)
  await s.locator(`#run-${day}`).click()
  await s.locator('.departure-card', { hasText: '13:30' }).filter({ hasText: '管道社区东门 发车' }).click()
  await s.waitForURL(/shuttle\/pages\/manifest/)
  await s.locator('.manifest__rider', { hasText: '李桂芳' }).waitFor()
  await button(s, '调整或取消本班次').click()
  await s.locator('.run-panel .chip', { hasText: '取消本班次' }).click()
  await s.locator('.run-panel__reason input').fill('车辆检修')
  await shot(s, 'shuttle-9-cancel-run')
  await button(s, '取消本班次并通知乘客').click()
  await s.locator('.manifest__head .departure-tag', { hasText: '已取消' }).waitFor()

  await r.goto(`${e2e.server.url}/#/features/messages/pages/list/index`)
  await r.reload()
  const notice = r.locator('.messages__item', { hasText: '班车取消' })
  await notice.waitFor()
  expect(await notice.locator('.messages__body').textContent()).toContain('车辆检修')
  await notice.click()
  await r.waitForURL(/shuttle\/pages\/pass/)
  await r.locator('.pass__cancelled-title', { hasText: '社区取消了这个班次' }).waitFor()
  await shot(r, 'shuttle-10-cancelled-rebook')
  await button(r, '一键改乘这一班').first().click()
  await r.waitForURL((u) => !u.href.includes(`id=${(booked.body.data as { id: number }).id}`))
  await r.locator('.pass-tag', { hasText: '已预约' }).waitFor()
  await r.locator('.qr-code').filter({ visible: true }).waitFor()
  await shot(r, 'shuttle-11-rebooked')

  // The same 常用乘车人 name passengers for ticket assistance (their ID numbers are typed each time).
  await r.goto(`${e2e.server.url}/#/features/appointments/pages/book/index?serviceId=3`)
  await r.reload()
  await r.locator('.trip-form__companions .chip', { hasText: '王德明' }).click()
  expect(await r.locator('.trip-form__pname input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['李桂芳', '王德明'])
  expect(await r.locator('.trip-form__pid input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['', ''])

  for (const who of [resident, second, driver, staff]) expect(who.errors).toEqual([])
  await Promise.all([resident.close(), second.close(), driver.close(), staff.close()])
})
