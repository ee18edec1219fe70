// Every page of the app opened as the person it is for, in standard and in elder mode, with a screenshot each.
// A page that throws, shows nothing, or loses its title fails here.
import type { Page } from 'playwright-core'
import { cell, openAs, setupE2E, shot, tab } from './harness'

const e2e = setupE2E()

/** Opens a page as a fresh deep link (reloaded, so only that page is on the stack). */
async function visit(page: Page, hashPath: string, expectText: string, name: string) {
  await page.goto(`${e2e.server.url}/#${hashPath}`)
  await page.reload()
  await page.getByText(expectText, { exact: false }).filter({ visible: true }).first().waitFor()
  await shot(page, name)
}

async function setElder(page: Page, on: boolean) {
  await tab(page, '我的')
  const sw = page.locator('.nut-switch')
  await sw.waitFor()
  // NutUI 3.0.20 sets no class for "on"; aria-checked is what it does set, and what a screen reader reads.
  const isOn = (await sw.getAttribute('aria-checked')) === 'true'
  if (isOn !== on) {
    await sw.click()
    await page.getByText(on ? '已切换为长辈版' : '已切换为标准版').waitFor()
  }
}

for (const mode of ['standard', 'elder'] as const) {
  test(`resident pages in ${mode} mode`, async () => {
    const { page, errors, close } = await openAs(e2e, 'volunteer')
    await setElder(page, mode === 'elder')
    await visit(page, '/pages/home/index', '社区公告', `tour-${mode}-home`)
    await visit(page, '/pages/grid/index', '第六网格', `tour-${mode}-grid`)
    await visit(page, '/pages/me/index', '红石榴邻里互助队', `tour-${mode}-me`)
    await visit(page, '/features/account/pages/profile/index', '属于第六网格', `tour-${mode}-profile`)
    await visit(page, '/features/account/pages/data/index', '导出我的数据', `tour-${mode}-my-data`)
    await page.locator('.nut-button', { hasText: '导出我的数据' }).click()
    await page.locator('.my-data__pre', { hasText: '"name": "周雨婷"' }).waitFor()
    await shot(page, `tour-${mode}-my-data-exported`)
    await visit(page, '/features/onboarding/pages/privacy/index', '三、谁能看到', `tour-${mode}-privacy`)
    await visit(page, '/features/announcements/pages/detail/index?id=1', '徐州东站班车冬季时刻调整', `tour-${mode}-announcement`)
    for (const service of ['shuttle', 'events']) {
      await visit(page, `/features/services/pages/coming-soon/index?service=${service}`, '即将开放', `tour-${mode}-coming-soon-${service}`)
    }
    await visit(page, '/features/hotline/pages/mine/index', '还没有提交过诉求', `tour-${mode}-hotline-mine`)
    await visit(page, '/features/hotline/pages/new/index', '送达：第六网格网格员', `tour-${mode}-hotline-new`)
    await visit(page, '/features/appointments/pages/services/index', '免费体检', `tour-${mode}-appointments-services`)
    await visit(page, '/features/appointments/pages/book/index?serviceId=4', '体检当天早晨空腹', `tour-${mode}-appointments-book`)
    await page.locator('.slot-grid__slot').filter({ visible: true }).first().waitFor()
    await shot(page, `tour-${mode}-appointments-book-slots`)
    await visit(page, '/features/appointments/pages/book/index?serviceId=3', '乘车人', `tour-${mode}-appointments-book-ticket`)
    await visit(page, '/features/appointments/pages/mine/index', '还没有预约', `tour-${mode}-appointments-mine`)
    await visit(page, '/features/messages/pages/list/index', '暂无消息', `tour-${mode}-messages`)
    await visit(page, '/features/auth/pages/login/index', '演示账号', `tour-${mode}-login`)
    expect(errors).toEqual([])
    await close()
  })
}

test('staff pages', async () => {
  const { page, errors, close } = await openAs(e2e, 'admin')
  await tab(page, '我的')
  await page.getByText('社区工作台').waitFor()
  await shot(page, 'tour-staff-me')
  await cell(page, '公告管理').click()
  await page.locator('.announcement-item__status', { hasText: '已发布' }).first().waitFor()
  await shot(page, 'tour-staff-announcements')
  await visit(page, '/features/announcements/pages/edit/index?id=2', '已发布，居民可以看到', 'tour-staff-announcement-edit')
  await visit(page, '/features/announcements/pages/edit/index', '保存草稿', 'tour-staff-announcement-new')
  await visit(page, '/features/people/pages/list/index', '共 11 人', 'tour-staff-people')
  await visit(page, '/features/people/pages/person/index?id=3', '负责网格', 'tour-staff-person-gridworker')
  await visit(page, '/features/people/pages/person/index?id=9', '所属志愿队', 'tour-staff-person-volunteer')
  await page.locator('.nut-button', { hasText: '为其代办预约' }).filter({ visible: true }).click()
  await page.getByText('为 周雨婷 代办预约').filter({ visible: true }).waitFor()
  await visit(page, '/features/hotline/pages/settings/index', '服务时限', 'tour-staff-hotline-settings')
  await visit(page, '/features/hotline/pages/board/index', '首次响应取中位数', 'tour-staff-hotline-board')
  await visit(page, '/features/appointments/pages/desk/index', '前一天', 'tour-staff-appointments-desk')
  await visit(page, '/features/appointments/pages/manage/index', '预约规则', 'tour-staff-appointments-manage')
  await page.getByText('达到上限后暂停预约').filter({ visible: true }).waitFor()
  await shot(page, 'tour-staff-appointments-manage-rules')
  await visit(page, '/features/appointments/pages/edit/index?id=4', '每周开放时间', 'tour-staff-appointments-edit')
  expect(errors).toEqual([])
  await close()
})

test('grid worker pages', async () => {
  const { page, errors, close } = await openAs(e2e, 'gridworker')
  await tab(page, '我的')
  await cell(page, '代办预约').click()
  await page.getByText('李桂芳').filter({ visible: true }).first().waitFor()
  await shot(page, 'tour-gridworker-appointments-proxy')
  await page.locator('.appt-proxy__resident', { hasText: '李桂芳' }).click()
  await page.getByText('为 李桂芳 代办预约').filter({ visible: true }).waitFor()
  await shot(page, 'tour-gridworker-appointments-proxy-services')
  expect(errors).toEqual([])
  await close()
})

test('a resident is refused the staff pages', async () => {
  const { page, close } = await openAs(e2e, 'resident')
  // A deep link opened afresh, as a shared link would be: only that page is on the stack.
  await page.goto(`${e2e.server.url}/#/features/people/pages/list/index`)
  await page.reload()
  await page.locator('.state--error', { hasText: '您没有权限进行此操作' }).filter({ visible: true }).first().waitFor()
  await shot(page, 'tour-resident-people-refused')
  await close()
})
