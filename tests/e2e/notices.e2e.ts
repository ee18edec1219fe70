// WeChat messages end to end: a resident books and, in the prompt H5 shows where WeChat would, allows the
// reminders; the server's own sweep writes the day-before reminder and its dispatcher sends it to a stand-in of
// WeChat's API on this machine, which receives exactly one well-formed message whose page opens the booking.
// With the kind turned off in 我的 → 微信消息提醒, the next one stays in 消息中心 only. The server's clock runs at
// the real pace, so the booking is moved in the database to make its reminder due, as the days would.
import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import { localDay } from '../../common/time'
import { startWeChatStandIn, type WeChatStandIn } from '../../server/testing/wechat-stand-in'
import { button, cell, openAs, setupE2E, shot, subscribePrompt, tab } from './harness'

let wx: WeChatStandIn
beforeAll(async () => {
  wx = await startWeChatStandIn()
})
afterAll(() => wx?.close())
const e2e = setupE2E({ env: () => ({ WECHAT_APPID: wx.appid, WECHAT_SECRET: wx.secret, WECHAT_API_BASE: wx.base }) })

/** Books the first open slot of the second open day of a service, answering the prompt; returns the booking id. */
async function book(r: Page, service: string, answer: '允许' | '拒绝') {
  await r.goto(`${e2e.server.url}/#/pages/home/index`)
  await r.reload()
  await r.locator('.service-grid__item--appointments').click()
  await r.waitForURL(/appointments\/pages\/services/)
  await r.locator('.appt-services__item', { hasText: service }).filter({ visible: true }).click()
  await r.waitForURL(/appointments\/pages\/book/)
  await r.locator('.day-strip__day:not(.day-strip__day--off)').filter({ visible: true }).nth(1).click()
  await r.locator('.slot-grid__slot--open').filter({ visible: true }).first().click()
  await button(r, '确认预约').filter({ visible: true }).click()
  const prompt = subscribePrompt(r)
  await prompt.waitFor()
  expect(await prompt.locator('.subscribe-prompt__item').allTextContents()).toEqual(['预约提醒', '预约变动'])
  if (answer === '允许') await shot(r, 'notices-1-prompt')
  await prompt.locator('.subscribe-prompt__btn', { hasText: answer }).click()
  await r.waitForURL(/appointments\/pages\/detail/)
  return Number(new URL(r.url().replace('#/', '')).searchParams.get('id'))
}

/** Makes a booking's day-before reminder due now: it starts within the hour and was made days ago. */
function makeDue(bookingId: number) {
  const db = new Database(e2e.server.sqliteFile)
  const now = e2e.server.now()
  const starts = new Date(now.getTime() + 60 * 60_000)
  const made = new Date(now.getTime() - 3 * 86_400_000).toISOString()
  db.prepare('update appt_bookings set day = ?, starts_at = ?, ends_at = ?, created_at = ? where id = ?').run(localDay(starts), starts.toISOString(), new Date(starts.getTime() + 30 * 60_000).toISOString(), made, bookingId)
  db.close()
}

function outboxOf(bookingId: number): { status: string; error_code: string | null } | undefined {
  const db = new Database(e2e.server.sqliteFile, { readonly: true })
  try {
    return db.prepare("select status, error_code from outbox where template = 'appointment_reminder' and payload like ?").get(`%"bookingId":${bookingId},%`) as never
  } finally {
    db.close()
  }
}

async function until<T>(what: string, read: () => T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = read()
    if (v) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

test('a reminder the resident allowed reaches WeChat once and opens the booking; turned off in 我的, the next does not', async () => {
  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  // This test answers the prompt itself.
  await r.removeLocatorHandler(subscribePrompt(r))

  const first = await book(r, '身份证/居住证办理协助', '允许')
  const code = (await r.locator('.appt-detail__code-text').filter({ visible: true }).textContent())!.replace(/\s/g, '')
  makeDue(first)
  const [message] = await until('the reminder at the stand-in', () => wx.received.length > 0 && wx.received)
  expect(wx.received).toEqual([
    {
      touser: 'demo:resident',
      template_id: 'demo-appointment_reminder',
      page: `features/appointments/pages/detail/index?id=${first}`,
      data: {
        thing1: { value: '身份证/居住证办理协助' },
        time2: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
        thing3: { value: '管道社区党群服务中心' },
        character_string4: { value: code },
      },
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    },
  ])
  expect(outboxOf(first)).toEqual({ status: 'sent', error_code: null })

  // The message's page opens the booking.
  await r.goto(`${e2e.server.url}/#/${message.page}`)
  await r.locator('.appt-detail__code-text', { hasText: code.slice(0, 4) }).filter({ visible: true }).waitFor()

  // 消息中心 has it under its day (今天, or 昨天 should Beijing midnight pass meanwhile), and 我的 carries the unread count.
  await r.goto(`${e2e.server.url}/#/pages/home/index`)
  await tab(r, '我的')
  await r.locator('.weui-badge').filter({ visible: true }).first().waitFor()
  await cell(r, '消息中心').click()
  await r.waitForURL(/messages\/pages\/list/)
  await r.locator('.messages__date', { hasText: /^(今天|昨天)$/ }).first().waitFor()
  await r.locator('.messages__item', { hasText: '预约提醒' }).filter({ visible: true }).waitFor()
  await shot(r, 'notices-2-message-centre')

  // Another booking, allowed too; then 预约提醒 is turned off in 我的, and its reminder stays in 消息中心.
  const second = await book(r, '社保卡业务', '允许')
  await r.goto(`${e2e.server.url}/#/pages/me/index`)
  await r.reload()
  await cell(r, '微信消息提醒').click()
  await r.waitForURL(/messages\/pages\/settings/)
  const kind = r.locator('.msg-settings__kind--appointment_reminder')
  await kind.filter({ hasText: '可再收 1 条微信提醒' }).waitFor()
  await shot(r, 'notices-3-settings')
  await kind.locator('.toggle').click()
  await kind.filter({ hasText: '已关闭' }).waitFor()
  makeDue(second)
  expect(await until('the second reminder handled', () => outboxOf(second)?.status !== 'pending' && outboxOf(second)?.status !== 'sending' && outboxOf(second))).toEqual({ status: 'skipped', error_code: 'OPTED_OUT' })
  expect(wx.received).toHaveLength(1)

  expect(resident.errors).toEqual([])
  await resident.close()
})
