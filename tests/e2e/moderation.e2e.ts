// Content security end to end, with a stand-in of WeChat's API on this machine: a resident's risky wording is
// refused beside the field and nothing is sent; the fixed request goes in with a photo, which WeChat fetches from
// the server and which the grid worker sees only as 「照片审核中」; WeChat's late verdict (risky, pushed and
// signed) keeps it from him and tells the resident 未通过审核; staff find it in 我的 → 内容安全 and let it through.
import sharp from 'sharp'
import { startWeChatStandIn, type WeChatStandIn } from '../../server/testing/wechat-stand-in'
import { button, cell, openAs, setupE2E, shot, tab } from './harness'

const PUSH_TOKEN = 'e2epushtoken'
let wx: WeChatStandIn
let PNG: Buffer
beforeAll(async () => {
  wx = await startWeChatStandIn()
  PNG = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5b7a9a' } }).png().toBuffer()
})
afterAll(() => wx?.close())
const e2e = setupE2E({ env: () => ({ WECHAT_APPID: wx.appid, WECHAT_SECRET: wx.secret, WECHAT_API_BASE: wx.base, WECHAT_PUSH_TOKEN: PUSH_TOKEN }) })

test('risky words are refused at the field; a photo is held until WeChat and then staff decide', async () => {
  const resident = await openAs(e2e, 'resident')
  const r = resident.page
  await r.goto(`${e2e.server.url}/#/features/hotline/pages/new/index`)
  await r.getByText('送达：第一网格网格员').waitFor()
  await r.getByRole('radio', { name: '设施报修' }).click()
  await r.locator('.hotline-new__text textarea').fill('小区门口有人兜售违禁样例，请尽快处理。')
  await button(r, '提交诉求').click()
  await r.locator('.field-error', { hasText: '诉求内容含有不宜发布的内容（违法犯罪），请修改后再提交' }).filter({ visible: true }).waitFor()
  await shot(r, 'moderation-1-refused')
  expect(r.url()).toMatch(/hotline\/pages\/new/)

  await r.locator('.hotline-new__text textarea').fill('小区东门的井盖松动了，踩上去会翻，晚上很危险。')
  const chooser = r.waitForEvent('filechooser')
  await r.locator('.photo-picker__add').click()
  await (await chooser).setFiles({ name: '井盖.png', mimeType: 'image/png', buffer: PNG })
  await r.locator('.photo-picker__img').first().waitFor()
  await button(r, '提交诉求').click()
  await r.waitForURL(/hotline\/pages\/detail/)
  await r.locator('.hotline-detail__desc + .photo-picker .photo-picker__state', { hasText: '审核中' }).waitFor()
  await shot(r, 'moderation-2-resident-checking')
  const requestUrl = r.url()

  // WeChat was handed the photo and could fetch it from the server.
  expect(wx.media).toHaveLength(1)
  expect((await wx.media[0].fetched).status).toBe(200)

  const worker = await openAs(e2e, 'gridworker')
  const w = worker.page
  await w.goto(requestUrl.replace(/^.*#/, `${e2e.server.url}/#`))
  await w.getByText('井盖松动了').first().waitFor()
  await w.locator('.photo-picker__held', { hasText: '照片审核中' }).waitFor()
  expect(await w.locator('.hotline-detail__desc + .photo-picker img').count()).toBe(0)
  await shot(w, 'moderation-3-worker-held')

  // WeChat's verdict arrives late: risky.
  expect(await wx.pushVerdict({ url: `${e2e.server.url}/api/wechat/push`, token: PUSH_TOKEN }, wx.media[0].traceId, 'risky', 20006)).toEqual({ status: 200, body: 'success' })
  await r.reload()
  await r.locator('.photo-picker__state--refused', { hasText: '未通过审核' }).waitFor()
  await w.reload()
  await w.getByText('井盖松动了').first().waitFor()
  expect(await w.locator('.photo-picker__held').count()).toBe(0)

  // Staff look at it and let it through: a loose manhole cover is nothing to hide.
  const staff = await openAs(e2e, 'staff')
  const s = staff.page
  await tab(s, '我的')
  await cell(s, '内容安全').click()
  await s.waitForURL(/moderation\/pages\/queue/)
  const item = s.locator('.moderation__photo').filter({ hasText: '未通过审核' })
  await item.waitFor()
  await item.getByText('李桂芳').waitFor()
  await item.getByText(/诉求 #\d+ · 小区东门的井盖松动了/).waitFor()
  await shot(s, 'moderation-4-staff-queue')
  await item.locator('.nut-button', { hasText: '放行' }).click()
  await s.locator('.taro-modal__foot, .taro-modal__footer').getByText('放行').click()
  await s.getByText('没有待处理的照片').waitFor()

  await w.reload()
  await w.locator('.hotline-detail__desc + .photo-picker .photo-picker__img').first().waitFor()
  expect(await w.locator('.photo-picker__state').count()).toBe(0)
  await shot(w, 'moderation-5-worker-shown')

  for (const p of [resident, worker, staff]) {
    expect(p.errors).toEqual([])
    await p.close()
  }
})
