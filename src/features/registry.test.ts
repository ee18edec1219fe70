import Taro from '@tarojs/taro'
import type { Me } from '@server/features/account/actions'
import { setTokenSource } from '@/core/api'
import { ME_GROUPS, groupCells, loadCounts, serviceEntries, viewOf, wantsCounts } from '@/core/entries'
import { PAGE } from '@/core/routes'
import * as registry from './registry'

const FEATURES = Object.values(registry)
const request = Taro.request as unknown as jest.Mock

const person = (roles: Me['roles'], extra: Partial<Me> = {}): Me => ({
  id: 1,
  name: '测试',
  phone: null,
  roles,
  household: null,
  elderMode: false,
  birthYear: null,
  consent: { required: 'v1', accepted: 'v1', acceptedAt: null },
  gridIds: [],
  team: null,
  ...extra,
})

/** 我的 as this person sees it: each shown group with its cells' title and description, in order. */
function meFor(me: Me, counts?: Record<string, unknown>) {
  return ME_GROUPS.map((g) => [g.title, groupCells(FEATURES, g.key).filter((c) => c.visible(me)).map((c) => viewOf(c, me, counts)).map((v) => `${v.title}｜${v.description}`)] as const).filter(
    ([, cells]) => cells.length > 0,
  )
}

beforeEach(() => {
  request.mockReset()
  setTokenSource({ get: () => 'tok', onRejected: async () => false })
})

test('首页 shows the five services in their order, each leading to its page', () => {
  const services = serviceEntries(FEATURES)
  expect(services.map((s) => [s.key, s.title, s.page])).toEqual([
    ['hotline', '服务热线', PAGE.hotlineMine],
    ['appointments', '办事预约', PAGE.apptServices],
    ['shuttle', '高铁站班车', PAGE.shuttle],
    ['events', '活动报名', PAGE.events],
    ['volunteer', '志愿服务', PAGE.volunteer],
  ])
})

test('a resident sees their own services only', () => {
  expect(meFor(person(['resident']))).toEqual([['我的服务', ['消息中心｜诉求回复与办理进度', '我的诉求｜服务热线的诉求和办理进度', '我的预约｜办事预约的预约码、改约和取消', '我的乘车｜班车乘车码、候补、改乘和取消', '常用乘车人｜预约班车时一键选择家人', '我的报名｜活动签到码、候补和取消']]])
})

test('a driver sees their own runs under 班车司机; staff find every run in the workbench instead', () => {
  expect(meFor(person(['driver']))).toEqual([
    ['我的服务', ['消息中心｜诉求回复与办理进度']],
    ['班车司机', ['我的班次｜今天的班次、乘客名单、核验乘车码、发车']],
  ])
  const staffDriver = meFor(person(['driver', 'staff']))
  expect(staffDriver.map(([title]) => title)).not.toContain('班车司机')
  expect(staffDriver.find(([title]) => title === '社区工作台')?.[1]).toContain('班车发车｜每天的班次和乘客名单，调整或取消班次')
})

test('an admin sees the community workbench in its order, and no resident cells', () => {
  expect(meFor(person(['staff', 'admin']))).toEqual([
    ['我的服务', ['消息中心｜诉求回复与办理进度']],
    [
      '社区工作台',
      [
        '人员与角色｜查找居民，设置网格员、志愿者、工作人员',
        '诉求队列｜各网格诉求、上报社区的诉求',
        '预约窗口｜当天预约名单、扫码签到、办结与出票',
        '预约设置｜服务项目、开放时间、停办安排、爽约规则',
        '定星看板｜各网格、网格员的响应、办结与评价',
        '班车发车｜每天的班次和乘客名单，调整或取消班次',
        '班车线路与规则｜每周班次、加开、站点、预约与爽约规则',
        '活动管理｜发布活动、报名名单、签到与出勤导出',
        '热线设置｜诉求类别、服务时限、常用回复',
        '志愿服务管理｜六支队伍的班次、队员与服务时长',
        '出具志愿服务证明｜审核申请，出具证明并存档',
        '公告管理｜发布、撤回社区公告',
        '内容安全｜待审核的照片和文字，撤下不当内容',
        '查询记录｜谁查看了居民的电话和身份证号',
      ],
    ],
  ])
  expect(meFor(person(['staff']))[1][1].map((c) => c.split('｜')[0])).not.toContain('查询记录')
  expect(meFor(person(['staff']))[1][1][0]).toBe('人员与角色｜查找居民与工作人员')
})

test('常用回复 is for grid workers who are not staff (staff keep it in 热线设置)', () => {
  const grid = (me: Me) => meFor(me).find(([title]) => title === '网格员工作台')?.[1]
  expect(grid(person(['grid_worker']))).toEqual(['网格诉求处理｜受理、回复、办结本网格居民的诉求', '代办预约｜为本网格居民预约社区服务', '常用回复｜回复居民时一键选用'])
  expect(grid(person(['grid_worker', 'staff']))).toEqual(['网格诉求处理｜受理、回复、办结本网格居民的诉求', '代办预约｜为本网格居民预约社区服务'])
})

test("a volunteer's team says whether they lead it and leads to 志愿服务; a leader also manages the team", () => {
  const team = (leader: boolean) => person(['resident', 'volunteer'], { team: { id: 1, name: '红石榴邻里互助队', leader } })
  expect(meFor(team(true)).at(-1)).toEqual(['志愿服务', ['红石榴邻里互助队｜队长 · 服务班次、时长与星级', '队伍管理｜入队申请、队员资质、发布班次、时长更正与导出', '组织活动｜发布本队活动、报名名单、签到']])
  expect(meFor(team(false)).at(-1)).toEqual(['志愿服务', ['红石榴邻里互助队｜队员 · 服务班次、时长与星级']])
  const cell = groupCells(FEATURES, 'volunteer')[0]
  expect(viewOf(cell, team(true), undefined).url).toBe(PAGE.volunteer)
})

test('workbench counts are loaded only for those who answer requests, and read into the cells', async () => {
  expect(wantsCounts(FEATURES, person(['resident']))).toBe(false)
  expect(wantsCounts(FEATURES, person(['grid_worker']))).toBe(true)
  request.mockResolvedValue({ statusCode: 200, data: { ok: true, data: { items: [], counts: { new: 2, inProgress: 3, overdue: 1, escalated: 4 } } } })
  const me = person(['grid_worker', 'staff'])
  const counts = await loadCounts(FEATURES, me)
  expect(request).toHaveBeenCalledTimes(1)
  expect(request.mock.calls[0][0].data).toMatchObject({ action: 'inbox', data: { view: 'open', pageSize: 1 } })
  const shown = meFor(me, counts)
  expect(shown[1][1][1]).toBe('诉求队列｜已上报 4 · 待受理 2 · 处理中 3 · 超时 1')
  expect(shown[2][1][0]).toBe('网格诉求处理｜待受理 2 · 处理中 3 · 超时 1')
})

test('a failed count leaves the plain descriptions', async () => {
  request.mockResolvedValue({ statusCode: 403, data: { ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } } })
  const me = person(['grid_worker'])
  const counts = await loadCounts(FEATURES, me)
  expect(counts).toEqual({})
  expect(meFor(me, counts)[1][1][0]).toBe('网格诉求处理｜受理、回复、办结本网格居民的诉求')
})

test('cell keys are unique across features', () => {
  const keys = ME_GROUPS.flatMap((g) => groupCells(FEATURES, g.key).map((c) => c.key))
  expect(new Set(keys).size).toBe(keys.length)
})
