// 活动报名 end to end in Chromium against the real server: staff write and publish an event with two places; two
// residents sign up and a third joins the waiting list; the first cancels and the third is promoted and told; the
// event's shared page opens for a visitor who is not signed in; at the door staff check a resident in by code and
// export the attendance sheet, which this test opens and reads. The server's clock runs at the real pace, so the
// event is two days ahead (always open for sign-up, whatever the hour) and, for the door, moved to the coming hour
// in the database.
import Database from 'better-sqlite3'
import fs from 'node:fs'
import { Workbook } from 'exceljs'
import { addDays, localDay } from '../../common/time'
import { cell, openAs, phone, setupE2E, shot, tab, tap } from './harness'

const e2e = setupE2E()


test('publish with two places, two sign-ups and a waiting list, a promotion on cancel, a shared page, the door and the sheet', async () => {
  const day = addDays(localDay(e2e.server.now()), 2)

  // Staff write the event from 我的 → 活动管理.
  const staff = await openAs(e2e, 'staff')
  const s = staff.page
  await tab(s, '我的')
  await cell(s, '活动管理').click()
  await s.waitForURL(/events\/pages\/organise/)
  await tap(s, '新建活动').first().click()
  await s.waitForURL(/events\/pages\/edit/)
  await s.locator('.event-edit__title input').fill('红石榴艺术团冬季演出')
  await s.locator('.chip', { hasText: '演出' }).first().click()
  await s.locator('.event-edit__description textarea').fill('歌舞、快板和民族乐器演奏，欢迎带家人观看。')
  await s.locator('.event-edit__date input').fill(day)
  await s.locator('.chip', { hasText: '红石榴广场' }).click()
  await s.locator('.event-edit__room input').fill('北侧舞台')
  await s.locator('.event-edit__places input').fill('2')
  await s.locator('.event-edit__closes-date input').fill(day)
  await s.locator('.event-edit__closes-time input').fill('12:00')
  await s.locator('.event-edit__cancel-date input').fill(day)
  await s.locator('.event-edit__cancel-time input').fill('12:00')
  await s.locator('.chip', { hasText: '不可带' }).click()
  await shot(s, 'events-1-edit')
  await tap(s, '保存并发布').click()
  await s.waitForURL(/events\/pages\/detail/)
  await s.locator('.event-tag', { hasText: '可报名' }).filter({ visible: true }).first().waitFor()
  const eventUrl = s.url()
  await shot(s, 'events-2-published')

  // Two residents sign up; the event is full.
  const first = await openAs(e2e, 'resident')
  const r = first.page
  await r.goto(eventUrl)
  await r.reload()
  await r.getByText('红石榴艺术团冬季演出').filter({ visible: true }).first().waitFor()
  await tap(r, '报名').click()
  await r.waitForURL(/events\/pages\/signup/)
  await r.locator('.qr-code').filter({ visible: true }).waitFor()
  await shot(r, 'events-3-signup')
  const second = await openAs(e2e, 'resident2')
  const m = second.page
  await m.goto(eventUrl)
  await m.reload()
  await tap(m, '报名').click()
  await m.waitForURL(/events\/pages\/signup/)
  const code2 = (await m.locator('.event-pass__code-text').textContent())!.replace(/\s/g, '')
  expect(code2).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)

  // A third resident finds it full and waits.
  const third = await openAs(e2e, 'volunteer')
  const v = third.page
  await v.goto(eventUrl)
  await v.reload()
  await v.locator('.event-tag', { hasText: '已满 · 可候补' }).filter({ visible: true }).first().waitFor()
  await shot(v, 'events-4-full')
  await tap(v, '名额已满，加入候补').click()
  await v.waitForURL(/events\/pages\/wait/)
  await v.getByText('第1位').filter({ visible: true }).first().waitFor()
  await shot(v, 'events-5-waiting')

  // The first cancels; the third is promoted in the same step and told.
  await tap(r, '取消报名').click()
  await r.locator('.taro-modal__foot, .taro-modal__footer').getByText('确定取消').click()
  await r.locator('.event-tag', { hasText: '已取消' }).filter({ visible: true }).first().waitFor()
  await v.reload()
  await v.getByText('已候补成功').filter({ visible: true }).first().waitFor()
  await v.goto(`${e2e.server.url}/#/features/messages/pages/list/index`)
  await v.reload()
  const told = v.locator('.messages__item', { hasText: '候补成功，已为您报名' })
  await told.waitFor()
  await told.click()
  await v.waitForURL(/events\/pages\/signup/)
  await v.locator('.qr-code').filter({ visible: true }).waitFor()

  // A shared link opens the event for someone who is not signed in.
  const visitorCtx = await phone(e2e)
  const visitor = await visitorCtx.newPage()
  await visitor.goto(eventUrl)
  await visitor.getByText('红石榴艺术团冬季演出').filter({ visible: true }).first().waitFor()
  await visitor.getByText('北侧舞台').filter({ visible: true }).first().waitFor()
  await tap(visitor, '登录后报名').waitFor()
  await shot(visitor, 'events-6-shared')
  await visitorCtx.close()

  // The door: the event starts within the hour, as it will on the day.
  const id = Number(new URL(eventUrl.replace('/#', '')).searchParams.get('id'))
  const db = new Database(e2e.server.sqliteFile)
  const start = new Date(e2e.server.now().getTime() + 20 * 60_000).toISOString()
  const end = new Date(e2e.server.now().getTime() + 80 * 60_000).toISOString()
  db.prepare('update event_sessions set starts_at = ?, ends_at = ? where event_id = ?').run(start, end, id)
  db.prepare('update events set starts_at = ?, ends_at = ? where id = ?').run(start, end, id)
  db.close()
  await s.reload()
  await tap(s, '报名名单与签到').click()
  await s.waitForURL(/events\/pages\/desk/)
  await s.locator('.desk__code input').fill(code2.toLowerCase())
  await tap(s, '签到').click()
  await s.locator('.desk__entry', { hasText: '马建国' }).locator('.desk__state--present').waitFor()
  // The same code again is refused, saying when and whose.
  await s.locator('.desk__code input').fill(code2)
  await tap(s, '签到').click()
  await s.getByText(/该签到码已于.*签到（马建国）/).first().waitFor()
  await shot(s, 'events-7-desk')

  const download = s.waitForEvent('download')
  await tap(s, '导出报名与出勤表（Excel）').click()
  const file = await (await download).path()
  const book = new Workbook()
  await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer)
  const names: string[] = []
  book.getWorksheet('出勤')!.eachRow((row) => names.push(String(row.getCell(1).value)))
  expect(names).toEqual(['姓名', '马建国', '周雨婷', '到场合计'])
  const states: string[] = []
  book.getWorksheet('出勤')!.eachRow((row) => states.push(String(row.getCell(3).value ?? '')))
  expect(states[1]).toMatch(/^已签到 \d\d:\d\d$/)

  // 我的报名 keeps the cancelled sign-up among the past ones.
  await r.goto(`${e2e.server.url}/#/features/events/pages/mine/index`)
  await r.reload()
  await r.getByText('已结束或已取消').filter({ visible: true }).first().waitFor()
  await shot(r, 'events-8-mine')

  for (const who of [staff, first, second, third]) expect(who.errors).toEqual([])
  await Promise.all([staff.close(), first.close(), second.close(), third.close()])
})
