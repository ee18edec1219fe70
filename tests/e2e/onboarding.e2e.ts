import { button, isDisabled, openAs, setupE2E, shot, tab } from './harness'

const e2e = setupE2E()

test('a newcomer consents, registers the household and sees their grid', async () => {
  const { page, errors, close } = await openAs(e2e, 'newcomer')
  await page.getByText('欢迎使用红石榴 · 管道社区服务').waitFor()
  // Not pre-ticked: the button stays disabled until the person ticks the box.
  const agree = button(page, '同意并继续')
  await expect(isDisabled(agree)).resolves.toBe(true)
  await shot(page, 'onboarding-1-consent')
  await page.getByText('我已阅读并同意《隐私保护指引》').click()
  await expect(isDisabled(agree)).resolves.toBe(false)
  await agree.click()

  await page.waitForURL(/onboarding\/pages\/register/)
  await page.locator('.profile-form__name input').fill('王小梅')
  await page.locator('.profile-form__phone input').fill('1385214')
  await page.getByText('管道新村', { exact: true }).click()
  await page.getByText('3号楼', { exact: true }).click()
  await page.getByText('2单元', { exact: true }).click()
  await page.getByText('3层', { exact: true }).click()
  await page.getByText('302室', { exact: true }).click()
  await page.getByText('属于第一网格').waitFor()
  await button(page, '提交登记').click()
  // A bad phone is named under its field and nothing is sent.
  await page.locator('.field-error', { hasText: '手机号应为11位手机号码' }).waitFor()
  await shot(page, 'onboarding-2-register-error')

  await page.locator('.profile-form__phone input').fill('13852147788')
  await shot(page, 'onboarding-3-register-filled')
  await button(page, '提交登记').click()

  await page.waitForURL(/pages\/grid\/index/)
  await page.locator('.my-grid__grid-name', { hasText: '第一网格' }).waitFor()
  await page.getByText('我家：管道新村3号楼 2单元 302室').waitFor()
  await page.getByText('赵晓燕').waitFor()
  await page.getByText('拨打 0516-83861234').waitFor()
  await shot(page, 'onboarding-4-my-grid')

  // 我的 shows the phone masked and the household.
  await tab(page, '我的')
  await page.getByText('138****7788').waitFor()
  await page.getByText('管道新村3号楼 2单元 302室 · 第一网格').waitFor()
  await shot(page, 'onboarding-5-me')
  expect(errors).toEqual([])
  await close()
})

test('the registration draft survives leaving the page', async () => {
  const { page, close } = await openAs(e2e, 'newcomer')
  await page.getByText('我已阅读并同意《隐私保护指引》').click()
  await button(page, '同意并继续').click()
  await page.waitForURL(/register/)
  await page.locator('.profile-form__name input').fill('赵大勇')
  await page.waitForTimeout(300)
  await page.reload()
  await page.getByText('已恢复您上次未提交的内容').waitFor()
  await expect(page.locator('.profile-form__name input').inputValue()).resolves.toBe('赵大勇')
  await close()
})

test('the notice is not demanded at launch: 首页 opens without it, and a page about the person asks for it', async () => {
  const { page, errors, close } = await openAs(e2e, 'newcomer')
  // Leaves the notice unanswered and opens the app again, as on the next launch.
  await page.goto(`${e2e.server.url}/#/pages/home/index`)
  await page.reload()
  await page.locator('.service-grid__item--hotline').waitFor()
  await page.waitForTimeout(1500)
  expect(page.url()).toMatch(/pages\/home\/index/)
  // 我的网格 is about the person's household: that is where the notice is asked for.
  await page.locator('.taro-tabbar__tabbar').getByText('我的网格', { exact: true }).click()
  await page.waitForURL(/onboarding\/pages\/consent/)
  await page.getByText('我已阅读并同意《隐私保护指引》').filter({ visible: true }).waitFor()
  expect(errors).toEqual([])
  await close()
})
