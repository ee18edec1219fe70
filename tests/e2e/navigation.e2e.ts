// Going back quickly: a page left by navigateTo is hidden on a timer (Taro H5 animates the change for 300 ms +
// 50 ms); coming back to it before the timer fires used to leave it hidden for good, a blank 首页 for a resident
// who taps into a service and straight back. Taro's router is patched (patches/@tarojs+router+*.patch) to cancel
// the timer when the page shows again; this holds it, quick and slow, several times over.
import { openAs, setupE2E, shot } from './harness'

const e2e = setupE2E()

test('back within the hide animation, and after it, shows 首页 every time', async () => {
  const { page, errors, close } = await openAs(e2e, 'resident')
  const home = page.getByText('社区公告').filter({ visible: true }).first()
  await home.waitFor()
  for (const pause of [50, 100, 200, 600, 100]) {
    await page.locator('.service-grid__item--events').click()
    await page.waitForURL(/events\/pages\/list/)
    await page.waitForTimeout(pause)
    await page.goBack()
    await page.waitForURL(/pages\/home/)
    // Longer than the hide timer, so a late one would have fired.
    await page.waitForTimeout(500)
    expect([pause, await home.isVisible()]).toEqual([pause, true])
    expect(await page.locator('.taro_page_show.taro_page_shade').count()).toBe(0)
  }
  await shot(page, 'navigation-back-quickly')
  expect(errors).toEqual([])
  await close()
})
