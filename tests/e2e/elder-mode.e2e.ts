import type { Page } from 'playwright-core'
import { openAs, setupE2E, shot, tab } from './harness'

const e2e = setupE2E()

const px = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

const height = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().height)

test('elder mode enlarges text and tap targets on every page, and is remembered', async () => {
  const { page, errors, close } = await openAs(e2e, 'resident')
  await page.locator('.announcement-item__title').first().waitFor()
  const before = {
    body: await px(page, '.page'),
    excerpt: await px(page, '.announcement-item__excerpt'),
    tile: await px(page, '.service-grid__title'),
  }
  await shot(page, 'elder-0-home-standard')

  await tab(page, '我的')
  await page.getByText('长辈版', { exact: true }).waitFor()
  const cellBefore = await px(page, '.nut-cell-title')
  await page.getByRole('switch', { name: '长辈版' }).click()
  await page.getByText('已切换为长辈版').waitFor()
  const cellAfter = await px(page, '.nut-cell-title')
  expect(cellAfter).toBeGreaterThanOrEqual(18)
  expect(cellAfter).toBeGreaterThan(cellBefore)
  await shot(page, 'elder-1-me')

  await tab(page, '首页')
  await page.locator('.announcement-item__title').first().waitFor()
  const after = {
    body: await px(page, '.page'),
    excerpt: await px(page, '.announcement-item__excerpt'),
    tile: await px(page, '.service-grid__title'),
  }
  expect(before.body).toBeLessThan(18)
  expect(after.body).toBeGreaterThanOrEqual(18)
  expect(after.excerpt).toBeGreaterThanOrEqual(18)
  expect(after.tile).toBeGreaterThan(before.tile)
  expect(after.excerpt).toBeGreaterThan(before.excerpt)
  await shot(page, 'elder-2-home')

  await tab(page, '我的网格')
  await page.locator('.my-grid__grid-name').waitFor()
  expect(await px(page, '.my-grid__area')).toBeGreaterThanOrEqual(18)
  // Tap targets grow too: the hotline button is at least 52 px high in elder mode.
  expect(await height(page, '.my-grid__hotline .nut-button')).toBeGreaterThanOrEqual(48)
  await shot(page, 'elder-3-grid')

  // Remembered on the device and on the account: a fresh load is still in elder mode.
  await page.reload()
  await page.locator('.my-grid__grid-name').waitFor()
  expect(await px(page, '.page')).toBeGreaterThanOrEqual(18)

  const { page: fresh } = await openAs(e2e, 'resident')
  await tab(fresh, '我的')
  await fresh.getByText('长辈版', { exact: true }).waitFor()
  // The account's setting arrives with the profile; wait for it rather than for a fixed time.
  await fresh.locator('.page.elder .nut-cell-title').first().waitFor()
  expect(await px(fresh, '.page.elder .nut-cell-title')).toBeGreaterThanOrEqual(18)
  expect(errors).toEqual([])
  await close()
})
