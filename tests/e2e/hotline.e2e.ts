// 服务热线 end to end: a resident asks with a photo, the grid worker of that grid answers it in another browser,
// the resident rates it; a request nobody answers rises to the community queue.
import Database from 'better-sqlite3'
import sharp from 'sharp'
import { button, cell, openAs, setupE2E, shot, tab } from './harness'

const e2e = setupE2E()

// A photo as a phone takes it (the server decodes and re-encodes every upload, so it must be a real image).
let PNG: Buffer
beforeAll(async () => {
  PNG = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a9a5b' } }).png().toBuffer()
})

test('a request goes from the resident to their grid worker and back, with the message centre in between', async () => {
  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  await r.locator('.service-grid__item--hotline').click()
  await r.waitForURL(/hotline\/pages\/mine/)
  await shot(r, 'hotline-1-mine-empty')
  await button(r, '我要反映').click()
  await r.waitForURL(/hotline\/pages\/new/)
  await r.getByText('送达：第一网格网格员').waitFor()
  await r.getByRole('radio', { name: '设施报修' }).click()
  await r.locator('.hotline-new__text textarea').fill('3号楼2单元楼道灯坏了一个星期，晚上上下楼很黑，老人容易摔倒。')
  const chooser = r.waitForEvent('filechooser')
  await r.locator('.photo-picker__add').click()
  await (await chooser).setFiles({ name: '楼道.png', mimeType: 'image/png', buffer: PNG })
  await r.locator('.photo-picker__img').first().waitFor()
  await shot(r, 'hotline-2-new-filled')
  await button(r, '提交诉求').click()
  await r.waitForURL(/hotline\/pages\/detail/)
  await r.locator('.timeline__kind', { hasText: '提交诉求' }).waitFor()
  await r.locator('.hotline-detail__desc + .photo-picker .photo-picker__img').first().waitFor()
  await shot(r, 'hotline-3-detail-submitted')

  const worker = await openAs(e2e, 'gridworker')
  const w = worker.page
  await tab(w, '我的')
  await cell(w, '网格诉求处理').click()
  await w.waitForURL(/hotline\/pages\/inbox/)
  await w.locator('.request-card', { hasText: '楼道灯坏了' }).click()
  await w.waitForURL(/hotline\/pages\/detail/)
  await w.getByText('李桂芳 · 管道新村3号楼 2单元 301室').waitFor()
  await w.getByText('138****0001').waitFor()
  await button(w, '受理').click()
  await w.locator('.timeline__kind', { hasText: '已受理' }).waitFor()
  await button(w, '回复').click()
  await w.locator('.hotline-detail__input textarea').fill('您好，已联系物业电工，今天下午四点前换好。')
  await button(w, '提交').click()
  await w.locator('.timeline__text', { hasText: '今天下午四点前换好' }).waitFor()
  await button(w, '办结').click()
  await w.locator('.hotline-detail__input textarea').fill('已更换楼道灯，电工现场确认正常。')
  await button(w, '提交').click()
  await w.locator('.state-tag', { hasText: '已办结' }).filter({ visible: true }).waitFor()
  await shot(w, 'hotline-4-worker-resolved')
  // Tap-to-call asks the server for the whole number only then. Last, because on H5 the call opens a tel: link.
  const phoneAsked = w.waitForResponse((res) => res.url().endsWith('/api/hotline') && res.request().postData()?.includes('residentPhone') === true)
  await w.locator('.hotline-detail__call').filter({ visible: true }).click()
  await expect((await phoneAsked).json()).resolves.toMatchObject({ ok: true, data: { phone: '13852140001' } })

  // The resident sees the badge and the messages, then rates the result.
  await r.goto(`${e2e.server.url}/#/pages/me/index`)
  await r.locator('.me__badge').waitFor()
  await cell(r, '消息中心').click()
  await r.waitForURL(/messages\/pages\/list/)
  await r.getByText('今天下午四点前换好', { exact: false }).first().waitFor()
  await shot(r, 'hotline-5-messages')
  await r.locator('.messages__item', { hasText: '办结' }).first().click()
  await r.waitForURL(/hotline\/pages\/detail/)
  await button(r, '评价').click()
  // The stars are radio choices a screen reader names; four, then five again.
  await r.getByRole('radio', { name: '4星 满意' }).click()
  expect(await r.getByRole('radio', { name: '4星 满意' }).getAttribute('aria-checked')).toBe('true')
  await r.getByText('满意', { exact: true }).filter({ visible: true }).waitFor()
  await r.getByRole('radio', { name: '5星 非常满意' }).click()
  await r.locator('.hotline-detail__input textarea').fill('速度很快，谢谢网格员！')
  await button(r, '提交').click()
  await r.locator('.state-tag', { hasText: '已评价' }).filter({ visible: true }).waitFor()
  await r.getByText('评价：★★★★★').waitFor()
  await shot(r, 'hotline-6-rated')
  await resident.close()
  await worker.close()
})

test('an unanswered request rises to the community queue', async () => {
  const resident = await openAs(e2e, 'resident2')
  const r = resident.page
  await r.locator('.service-grid__item--hotline').click()
  await button(r, '我要反映').click()
  await r.getByRole('radio', { name: '环境卫生' }).click()
  await r.locator('.hotline-new__text textarea').fill('红石榴家园2号楼门口的垃圾三天没人清运了。')
  await button(r, '提交诉求').click()
  await r.waitForURL(/hotline\/pages\/detail/)
  const id = Number(new URL(r.url().replace('#', '')).searchParams.get('id'))

  // Three days pass with no answer: the server's minute-by-minute sweep escalates it.
  const db = new Database(e2e.server.sqliteFile)
  const threeDaysAgo = new Date(e2e.server.now().getTime() - 3 * 86_400_000).toISOString()
  db.prepare('update hotline_requests set created_at = ? where id = ?').run(threeDaysAgo, id)
  db.close()

  const staff = await openAs(e2e, 'staff')
  const s = staff.page
  await tab(s, '我的')
  await cell(s, '诉求队列').click()
  await s.waitForURL(/hotline\/pages\/inbox/)
  await s.locator('.request-card', { hasText: '垃圾三天没人清运' }).waitFor({ timeout: 15_000 })
  await shot(s, 'hotline-7-staff-queue')
  await s.locator('.request-card', { hasText: '垃圾三天没人清运' }).click()
  await s.locator('.timeline__kind', { hasText: '超时自动上报社区' }).waitFor()
  await shot(s, 'hotline-8-escalated-detail')

  // 定星看板: 第一网格 answered and resolved its request and got five stars; 第八网格 has one, unanswered.
  const board = await openAs(e2e, 'staff')
  const b = board.page
  await tab(b, '我的')
  await cell(b, '定星看板').click()
  // Each figure by the label its cell carries (the column head in the table, beside the value in 长辈版).
  const figures = (name: string) =>
    b
      .locator('.board__row', { hasText: name })
      .locator('.board__cell')
      .evaluateAll((cells) => Object.fromEntries(cells.map((c) => [c.querySelector('.board__label')?.textContent, c.querySelector('.board__value')?.textContent])))
  await b.locator('.board__row', { hasText: '第一网格' }).waitFor()
  expect(await figures('第一网格')).toMatchObject({ 诉求: '1', 办结率: '100%', 重开率: '0%', 评分: expect.stringMatching(/^5\.0★/) })
  expect(await figures('第八网格')).toMatchObject({ 诉求: '1', 首次响应: '—', 办结率: '0%' })
  expect(await figures('赵晓燕')).toMatchObject({ 评分: expect.stringMatching(/^5\.0★/) })
  await shot(b, 'hotline-9-board')
  await board.close()
  await resident.close()
  await staff.close()
})
