// The demo community, modelled on 管道社区 (翟山街道, 泉山区, 徐州). The community's structure (grids, buildings,
// volunteer teams) is seeded into any empty database; demo people only outside production. Every name of a
// person here is invented.
import type { Role } from '../../common/contract'
import type { Db } from './connect'
import type { Clock } from '../../common/time'
import { seedDemoService } from '../features/volunteer/demo'

export const PRIVACY_VERSION = '2026-11-28'
export const DEMO_OPENID_PREFIX = 'demo:'

export const COMMUNITY = {
  name: '管道社区',
  street: '泉山区翟山街道',
  address: '江苏省徐州市泉山区翟山街道管道社区党群服务中心',
  hotline: '0516-83861234',
}

/** Housing estates of the community and how many buildings each has; five buildings make one grid. */
const ESTATES: { name: string; buildings: number; units: number; floors: number }[] = [
  { name: '管道新村', buildings: 25, units: 3, floors: 6 },
  { name: '输油小区', buildings: 10, units: 4, floors: 6 },
  { name: '红石榴家园', buildings: 10, units: 2, floors: 11 },
  { name: '翟山花园', buildings: 5, units: 3, floors: 7 },
]

const GRID_NAMES = ['第一网格', '第二网格', '第三网格', '第四网格', '第五网格', '第六网格', '第七网格', '第八网格', '第九网格', '第十网格']

export const VOLUNTEER_TEAMS = [
  { name: '红石榴党员先锋队', focus: '党员带头，入户走访、政策宣讲' },
  { name: '红石榴邻里互助队', focus: '独居老人关爱、代买代办、邻里帮扶' },
  { name: '红石榴援法服务队', focus: '援法议事会、法律咨询、矛盾调解' },
  { name: '红石榴文艺宣传队', focus: '红石榴艺术团演出、红石榴书屋读书会' },
  { name: '红石榴健康服务队', focus: '免费体检协助、健康讲座、义诊' },
  { name: '红石榴平安巡逻队', focus: '楼道安全巡查、文明养犬、夜间巡逻' },
]

/** What residents ask the hotline about; staff keep the list afterwards. */
export const HOTLINE_CATEGORIES = ['证照咨询', '就业帮扶', '民族事务', '矛盾纠纷', '设施报修', '环境卫生', '其他']

export interface DemoPerson {
  key: string
  name: string
  label: string
  phone: string
  roles: Role[]
  /** Address for residents: estate building number, unit, room. */
  home?: { building: string; unit: number; room: string }
  grids?: string[]
  team?: { name: string; leader: boolean }
  workPhone?: string
  /** A shuttle driver: the route whose weekly runs they drive (by direction). */
  drives?: 'to_station' | 'from_station'
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { key: 'resident', name: '李桂芳', label: '居民（管道新村）', phone: '13852140001', roles: ['resident'], home: { building: '管道新村3号楼', unit: 2, room: '301' } },
  { key: 'resident2', name: '马建国', label: '居民（红石榴家园）', phone: '13852140002', roles: ['resident'], home: { building: '红石榴家园2号楼', unit: 1, room: '602' } },
  { key: 'gridworker', name: '赵晓燕', label: '网格员（第一、二网格）', phone: '13852140003', roles: ['grid_worker'], grids: ['G01', 'G02'], workPhone: '13852149001' },
  { key: 'gridworker2', name: '孙立新', label: '网格员（第八网格）', phone: '13852140004', roles: ['grid_worker'], grids: ['G08'], workPhone: '13852149002' },
  { key: 'gridworker3', name: '钱卫东', label: '网格员（第三、四网格）', phone: '13852140008', roles: ['grid_worker'], grids: ['G03', 'G04'], workPhone: '13852149003' },
  { key: 'gridworker4', name: '吴秀梅', label: '网格员（第五、六网格）', phone: '13852140009', roles: ['grid_worker'], grids: ['G05', 'G06'], workPhone: '13852149004' },
  { key: 'gridworker5', name: '郑海波', label: '网格员（第七网格）', phone: '13852140010', roles: ['grid_worker'], grids: ['G07'], workPhone: '13852149005' },
  { key: 'gridworker6', name: '何丽萍', label: '网格员（第九、十网格）', phone: '13852140011', roles: ['grid_worker'], grids: ['G09', 'G10'], workPhone: '13852149006' },
  { key: 'volunteer', name: '周雨婷', label: '志愿者（邻里互助队队长）', phone: '13852140005', roles: ['resident', 'volunteer'], home: { building: '输油小区4号楼', unit: 3, room: '502' }, team: { name: '红石榴邻里互助队', leader: true } },
  { key: 'driver', name: '周国强', label: '班车司机（去徐州东站）', phone: '13852140012', roles: ['driver'], drives: 'to_station' },
  { key: 'driver2', name: '韩立军', label: '班车司机（回管道社区）', phone: '13852140013', roles: ['driver'], drives: 'from_station' },
  { key: 'staff', name: '陈志强', label: '社区工作人员', phone: '13852140006', roles: ['staff'], workPhone: '0516-83861234' },
  { key: 'admin', name: '刘海燕', label: '社区管理员', phone: '13852140007', roles: ['staff', 'admin'] },
]

function buildings() {
  const list: { name: string; grid: number; units: number; floors: number }[] = []
  for (const estate of ESTATES) {
    for (let n = 1; n <= estate.buildings; n++) {
      list.push({ name: `${estate.name}${n}号楼`, grid: Math.floor(list.length / 5), units: estate.units, floors: estate.floors })
    }
  }
  return list
}

export async function seedIfEmpty(db: Db, clock: Clock, withDemoPeople: boolean): Promise<boolean> {
  const existing = await db.selectFrom('community').select('id').executeTakeFirst()
  if (existing) return false
  return db.transaction().execute(async (tx) => {
    const now = clock().toISOString()
    // Claims the seeding: a second instance starting at the same moment waits on this row, then finds it taken.
    const claimed = await tx
      .insertInto('community')
      .values({ id: 1, ...COMMUNITY, privacy_version: PRIVACY_VERSION, updated_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return false

    const all = buildings()
    const gridIds: number[] = []
    for (let g = 0; g < GRID_NAMES.length; g++) {
      const inGrid = all.filter((b) => b.grid === g).map((b) => b.name)
      const area = `${inGrid[0]}至${inGrid[inGrid.length - 1].replace(/^[^\d]+/, '')}`
      const row = await tx
        .insertInto('grids')
        .values({ code: `G${String(g + 1).padStart(2, '0')}`, name: GRID_NAMES[g], area })
        .returning('id')
        .executeTakeFirstOrThrow()
      gridIds.push(row.id)
    }
    for (const b of all) {
      await tx
        .insertInto('buildings')
        .values({ name: b.name, grid_id: gridIds[b.grid], units: b.units, floors: b.floors, rooms_per_floor: 2 })
        .execute()
    }
    for (const team of VOLUNTEER_TEAMS) await tx.insertInto('volunteer_teams').values(team).execute()
    for (const [i, name] of HOTLINE_CATEGORIES.entries()) {
      await tx
        .insertInto('hotline_categories')
        .values({ name, active: 1, sort_order: i + 1 })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute()
    }

    const announcements = [
      { title: '徐州东站班车冬季时刻调整', body: '自12月1日起，社区开往徐州东站的班车首班调整为早上6:30，末班为晚上19:00，每小时一班。乘车请提前在小程序预约座位，凭乘车码上车。', pinned: 1, daysAgo: 1 },
      { title: '社区医疗服务中心免费体检安排', body: '本月每周二、周四上午8:00—10:30在社区医疗服务中心开展免费体检，60岁以上老人优先。请空腹前往，携带身份证和医保卡。', pinned: 0, daysAgo: 3 },
      { title: '红石榴艺术团元旦文艺汇演节目征集', body: '元旦文艺汇演将在红石榴广场举行，欢迎各族居民报名参演，歌舞、戏曲、器乐、民族舞蹈均可，报名截止12月20日。', pinned: 0, daysAgo: 5 },
      { title: '老年大学春季班开始预报名', body: '老年大学春季班开设书法、智能手机使用、太极拳、合唱等课程，地点在红石榴家园二楼教室。名额有限，先到先得。', pinned: 0, daysAgo: 8 },
    ]
    for (const a of announcements) {
      const at = new Date(clock().getTime() - a.daysAgo * 86_400_000).toISOString()
      await tx
        .insertInto('announcements')
        .values({ title: a.title, body: a.body, pinned: a.pinned, status: 'published', author_id: null, published_at: at, created_at: at, updated_at: at })
        .execute()
    }
    if (withDemoPeople) await seedDemoPeople(tx as unknown as Db, now)
    return true
  })
}

async function seedDemoPeople(db: Db, now: string) {
  for (const p of DEMO_PEOPLE) {
    let householdId: number | null = null
    if (p.home) {
      const b = await db.selectFrom('buildings').select('id').where('name', '=', p.home.building).executeTakeFirstOrThrow()
      const h = await db
        .insertInto('households')
        .values({ building_id: b.id, unit: p.home.unit, room: p.home.room, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      householdId = h.id
    }
    const user = await db
      .insertInto('users')
      .values({
        openid: `${DEMO_OPENID_PREFIX}${p.key}`,
        name: p.name,
        phone: p.phone,
        household_id: householdId,
        work_phone: p.workPhone ?? null,
        consent_version: PRIVACY_VERSION,
        consented_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('consents').values({ user_id: user.id, version: PRIVACY_VERSION, consented_at: now }).execute()
    for (const role of p.roles) {
      await db.insertInto('user_roles').values({ user_id: user.id, role, granted_by: null, granted_at: now }).execute()
    }
    for (const code of p.grids ?? []) {
      const g = await db.selectFrom('grids').select('id').where('code', '=', code).executeTakeFirstOrThrow()
      await db.insertInto('grid_workers').values({ user_id: user.id, grid_id: g.id }).execute()
    }
    if (p.drives) {
      const route = db.selectFrom('shuttle_routes').select('id').where('direction', '=', p.drives)
      await db.updateTable('shuttle_patterns').set({ driver_id: user.id }).where('route_id', 'in', route).execute()
    }
    if (p.team) {
      const t = await db.selectFrom('volunteer_teams').select('id').where('name', '=', p.team.name).executeTakeFirstOrThrow()
      await db.insertInto('volunteer_members').values({ user_id: user.id, team_id: t.id, is_leader: p.team.leader ? 1 : 0 }).execute()
      // The demo leader has a year of service behind her, so 志愿服务 shows hours and a star.
      if (p.team.leader) await seedDemoService(db, user.id, t.id, now)
    }
  }
}
