import { button, cell, openAs, setupE2E, shot, tab } from './harness'

const e2e = setupE2E()

test('an admin makes a resident a grid worker, who then sees the grid workbench', async () => {
  const { page, errors, close } = await openAs(e2e, 'admin')
  await tab(page, '我的')
  await cell(page, '人员与角色').click()
  await page.waitForURL(/people\/pages\/list/)
  await page.locator('.people__item').first().waitFor()
  // Lists never show a full phone number.
  const phones = await page.locator('.people__phone').allTextContents()
  expect(phones.length).toBeGreaterThan(3)
  for (const p of phones) expect(p).toMatch(/^1\d{2}\*{4}\d{4}$/)
  await shot(page, 'admin-1-people')

  await page.locator('.people__search input').fill('马建国')
  await page.locator('.people__search input').press('Enter')
  // The answer to the search replaces the list: one person.
  await page.locator('.people__count', { hasText: '共 1 人' }).waitFor()
  await expect(page.locator('.people__item').count()).resolves.toBe(1)
  await page.locator('.people__item', { hasText: '马建国' }).click()
  await page.waitForURL(/people\/pages\/person/)
  await page.getByText('角色（可多选）').waitFor()

  await page.getByRole('checkbox', { name: '网格员' }).click()
  await button(page, '保存角色').click()
  await page.locator('.field-error', { hasText: '网格员至少负责一个网格' }).waitFor()
  await page.locator('.field-error', { hasText: '网格员请填写工作电话' }).waitFor()
  await shot(page, 'admin-2-person-error')

  await page.getByRole('checkbox', { name: '第八网格' }).click()
  await page.locator('.person__work-phone input').fill('13852149188')
  await button(page, '保存角色').click()
  await page.locator('.person__role', { hasText: '网格员' }).waitFor()
  await shot(page, 'admin-3-person-saved')

  // The new grid worker sees the workbench entry in 我的, in another browser.
  const { page: other } = await openAs(e2e, 'resident2')
  await tab(other, '我的')
  await other.getByText('网格员工作台').waitFor()
  await other.locator('.me__role', { hasText: '网格员' }).waitFor()
  // …and the residents of 第八网格 see him with his work phone to call.
  await tab(other, '我的网格')
  await other.getByText('拨打 13852149188').waitFor()
  expect(errors).toEqual([])
  await close()
})

test('staff publish an announcement and residents read it on 首页', async () => {
  const { page: staff } = await openAs(e2e, 'staff')
  await tab(staff, '我的')
  await cell(staff, '公告管理').click()
  await button(staff, '新建公告').click()
  await staff.waitForURL(/announcements\/pages\/edit/)
  await staff.locator('.edit-announcement__title input').fill('停水通知')
  await staff.locator('.edit-announcement__body textarea').fill('短')
  await button(staff, '发布').click()
  await staff.locator('.field-error', { hasText: '正文至少5个字' }).waitFor()
  await staff.locator('.edit-announcement__body textarea').fill('因管网检修，12月3日上午8:00至12:00管道新村1—5号楼停水，请提前储水。')
  await button(staff, '发布').click()
  await staff.getByText('已发布，居民可以看到', { exact: false }).waitFor()
  await shot(staff, 'announcements-1-edit-published')

  const { page: resident } = await openAs(e2e, 'resident')
  await resident.locator('.announcement-item__title', { hasText: '停水通知' }).click()
  await resident.locator('.announcement__body', { hasText: '因管网检修' }).waitFor()
  await shot(resident, 'announcements-2-detail')

  await button(staff, '撤回').click()
  await staff.getByText('已撤回，居民看不到', { exact: false }).waitFor()
  const list = await e2e.server.api<{ items: { title: string }[] }>('announcements', 'list', { pageSize: 50 })
  expect(list.body.data?.items.map((a) => a.title)).not.toContain('停水通知')
})
