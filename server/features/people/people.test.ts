import { DEMO_PEOPLE } from '../../db/seed'
import { engines, isChinese, startBackend, type TestBackend } from '../../testing/harness'

// Personal numbers only: a work phone is a service number residents call, and is shown whole by design.
const FULL_PHONES = DEMO_PEOPLE.map((p) => p.phone)

describe.each(engines())('people on %s', (engine) => {
  let t: TestBackend
  let staff: string
  let admin: string
  let adminId: number
  const gridId = async (code: string) => (await t.db.selectFrom('grids').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
  const teamId = async (name: string) => (await t.db.selectFrom('volunteer_teams').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
  const userId = async (key: string) => (await t.db.selectFrom('users').select('id').where('openid', '=', `demo:${key}`).executeTakeFirstOrThrow()).id

  beforeAll(async () => {
    t = await startBackend(engine)
    ;[staff, admin] = await Promise.all([t.signIn('staff'), t.signIn('admin')])
    adminId = (await t.ok('account', 'me', {}, { token: admin })).id
  })
  afterAll(() => t?.close())

  describe('search', () => {
    test('staff see people with phones masked, never in full', async () => {
      const res = await t.call('people', 'search', { pageSize: 50 }, { token: staff })
      expect(res.status).toBe(200)
      expect(res.data.total).toBe(DEMO_PEOPLE.length)
      const li = res.data.items.find((p) => p.name === '李桂芳')
      expect(li).toMatchObject({ phone: '138****0001', address: '管道新村3号楼 2单元 301室', gridName: '第一网格', roles: ['resident'] })
      for (const p of res.data.items) expect(p.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
      const text = JSON.stringify(res.envelope)
      for (const phone of FULL_PHONES) expect(text).not.toContain(phone)
    })

    test('search by name, by full phone number or by building; the answer stays masked', async () => {
      const byName = await t.ok('people', 'search', { q: '马建国' }, { token: admin })
      expect(byName.items.map((p) => p.name)).toEqual(['马建国'])
      const byPhone = await t.ok('people', 'search', { q: '13852140001' }, { token: staff })
      expect(byPhone.items.map((p) => [p.name, p.phone])).toEqual([['李桂芳', '138****0001']])
      expect(JSON.stringify(byPhone)).not.toContain('13852140001')
      const byBuilding = await t.ok('people', 'search', { q: '输油小区4号楼' }, { token: staff })
      expect(byBuilding.items.map((p) => p.name)).toEqual(['周雨婷'])
      expect(byBuilding.items[0].team).toMatchObject({ name: '红石榴邻里互助队', leader: true })
    })

    test('a masked number cannot be searched back: only a whole number finds a phone, and each such lookup is audited', async () => {
      const lookups = () => t.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'people.phone_lookup').execute()
      const before = (await lookups()).length
      // What the list shows (138****0001) with guesses at the hidden digits finds no one.
      for (const q of ['1385214', '13852140', '0001', '138', '385214000']) {
        expect([q, (await t.ok('people', 'search', { q }, { token: staff })).items.map((p) => p.name)]).toEqual([q, []])
      }
      expect(await lookups()).toHaveLength(before)
      const whole = await t.ok('people', 'search', { q: '13852140001' }, { token: staff })
      expect(whole.items.map((p) => p.name)).toEqual(['李桂芳'])
      await t.ok('people', 'search', { q: '13999999999' }, { token: staff })
      const after = await lookups()
      expect(after).toHaveLength(before + 2)
      const li = whole.items[0].id
      expect(after.slice(-2).map((a) => JSON.parse(a.detail!))).toEqual([{ found: [li] }, { found: [] }])
      // Digits alone still find a building by its number.
      expect((await t.ok('people', 'search', { q: '4' }, { token: staff })).items.map((p) => p.name)).toContain('周雨婷')

      // Admins read who looked up whom; staff cannot.
      const log = await t.ok('people', 'accessLog', {}, { token: admin })
      expect(log.items.slice(0, 2)).toEqual([
        expect.objectContaining({ who: '陈志强', what: '按手机号查找居民', subject: '未找到' }),
        expect.objectContaining({ who: '陈志强', what: '按手机号查找居民', subject: '李桂芳' }),
      ])
      expect((await t.call('people', 'accessLog', {}, { token: staff })).status).toBe(403)
    })

    test('LIKE wildcards typed by a person match nothing special', async () => {
      const res = await t.ok('people', 'search', { q: '%_' }, { token: staff })
      // The wildcards are stripped, so this is the same as an empty search, not an error.
      expect(res.total).toBe(DEMO_PEOPLE.length)
    })

    test('filter by role, and page through', async () => {
      const workers = await t.ok('people', 'search', { role: 'grid_worker', pageSize: 50 }, { token: staff })
      expect(workers.total).toBe(DEMO_PEOPLE.filter((p) => p.roles.includes('grid_worker')).length)
      for (const p of workers.items) {
        expect(p.roles).toContain('grid_worker')
        expect(p.gridIds.length).toBeGreaterThan(0)
      }
      const last = Math.ceil(DEMO_PEOPLE.length / 4)
      const page1 = await t.ok('people', 'search', { pageSize: 4, page: 1 }, { token: staff })
      const lastPage = await t.ok('people', 'search', { pageSize: 4, page: last }, { token: staff })
      expect(last).toBeGreaterThan(2)
      expect(page1).toMatchObject({ page: 1, pageSize: 4, total: DEMO_PEOPLE.length, hasMore: true })
      expect(page1.items).toHaveLength(4)
      expect(lastPage).toMatchObject({ page: last, hasMore: false })
      expect(lastPage.items).toHaveLength(DEMO_PEOPLE.length - 4 * (last - 1))
      expect(page1.items.map((p) => p.id)).not.toContain(lastPage.items[0].id)
    })

    test('people who only signed in (no household, no role) are not listed', async () => {
      const before = await t.ok('people', 'search', {}, { token: staff })
      await t.signIn('newcomer')
      const after = await t.ok('people', 'search', {}, { token: staff })
      expect(after.total).toBe(before.total)
    })

    test('get shows one person to staff, masked; others are refused', async () => {
      const id = await userId('resident')
      const person = await t.ok('people', 'get', { userId: id }, { token: staff })
      expect(person).toMatchObject({ id, name: '李桂芳', phone: '138****0001' })
      expect((await t.call('people', 'get', { userId: 999999 }, { token: staff })).status).toBe(404)
      expect((await t.call('people', 'get', { userId: id }, { token: await t.signIn('resident2') })).status).toBe(403)
    })

    test.each(['resident', 'gridworker', 'volunteer'])('%s cannot search → 403', async (who) => {
      const res = await t.call('people', 'search', {}, { token: await t.signIn(who) })
      expect(res.status).toBe(403)
      expect(res.error?.code).toBe('FORBIDDEN')
    })
  })

  describe('assign', () => {
    test('only admin can assign roles', async () => {
      const target = await userId('resident2')
      for (const who of ['staff', 'resident', 'gridworker']) {
        const res = await t.call('people', 'assign', { userId: target, roles: ['staff'] }, { token: await t.signIn(who) })
        expect([who, res.status, res.error?.code]).toEqual([who, 403, 'FORBIDDEN'])
      }
      const roles = await t.db.selectFrom('user_roles').select('role').where('user_id', '=', target).execute()
      expect(roles.map((r) => r.role)).toEqual(['resident'])
    })

    test('grid_worker without gridIds → 400 naming gridIds; volunteer without teamId → 400 naming teamId', async () => {
      const target = await userId('resident2')
      const grid = await t.call('people', 'assign', { userId: target, roles: ['grid_worker'] }, { token: admin })
      expect(grid.status).toBe(400)
      expect(Object.keys(grid.error?.fields ?? {}).sort()).toEqual(['gridIds', 'workPhone'])
      expect(isChinese(grid.error?.fields?.gridIds)).toBe(true)

      const vol = await t.call('people', 'assign', { userId: target, roles: ['volunteer'], gridIds: [] }, { token: admin })
      expect(vol.status).toBe(400)
      expect(Object.keys(vol.error?.fields ?? {})).toEqual(['teamId'])
      expect(isChinese(vol.error?.fields?.teamId)).toBe(true)

      const both = await t.call('people', 'assign', { userId: target, roles: ['grid_worker', 'volunteer'] }, { token: admin })
      expect(Object.keys(both.error?.fields ?? {}).sort()).toEqual(['gridIds', 'teamId', 'workPhone'])
    })

    test('grids and teams that do not exist, unknown roles and unknown people are refused', async () => {
      const target = await userId('resident2')
      const grid = await t.call('people', 'assign', { userId: target, roles: ['grid_worker'], gridIds: [999999], workPhone: '13852149100' }, { token: admin })
      expect([grid.status, Object.keys(grid.error?.fields ?? {})]).toEqual([400, ['gridIds']])
      const team = await t.call('people', 'assign', { userId: target, roles: ['volunteer'], teamId: 999999 }, { token: admin })
      expect([team.status, Object.keys(team.error?.fields ?? {})]).toEqual([400, ['teamId']])
      const role = await t.call('people', 'assign', { userId: target, roles: ['resident'] }, { token: admin })
      expect(role.status).toBe(400)
      expect(Object.keys(role.error?.fields ?? {})).toEqual(['roles.0'])
      const nobody = await t.call('people', 'assign', { userId: 999999, roles: ['staff'] }, { token: admin })
      expect(nobody.status).toBe(404)
      const roles = await t.db.selectFrom('user_roles').select('role').where('user_id', '=', target).execute()
      expect(roles.map((r) => r.role)).toEqual(['resident'])
    })

    test('an admin cannot remove their own admin role', async () => {
      const res = await t.call('people', 'assign', { userId: adminId, roles: ['staff'] }, { token: admin })
      expect(res.status).toBe(409)
      expect(res.error?.code).toBe('CONFLICT')
      expect(isChinese(res.error?.message)).toBe(true)
      const roles = await t.db.selectFrom('user_roles').select('role').where('user_id', '=', adminId).orderBy('role').execute()
      expect(roles.map((r) => r.role)).toEqual(['admin', 'staff'])
      expect((await t.call('people', 'search', {}, { token: admin })).status).toBe(200)
    })

    test('an assignment is audited with who, whom, before and after, at the injected time', async () => {
      const target = await userId('resident2')
      const team = await teamId('红石榴健康服务队')
      const at = '2026-11-29T01:02:03.000Z'
      t.clock.set(at)
      const person = await t.ok('people', 'assign', { userId: target, roles: ['volunteer'], teamId: team, leader: false }, { token: admin })
      expect(person.roles.sort()).toEqual(['resident', 'volunteer'])
      expect(person.team).toEqual({ id: team, name: '红石榴健康服务队', leader: false })
      expect(person.phone).toBe('138****0002')

      const rows = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'roles.assign').where('target_id', '=', String(target)).execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ actor_id: adminId, target_type: 'user', at })
      expect(JSON.parse(rows[0].detail!)).toMatchObject({ from: ['resident'], to: expect.arrayContaining(['resident', 'volunteer']), teamId: team })

      // The person sees the change in their own data export.
      const exported = await t.ok('account', 'exportData', {}, { token: await t.signIn('resident2') })
      expect(exported.roleChanges).toEqual([expect.objectContaining({ action: 'roles.assign', at })])
    })

    test("a newly made grid worker appears in a resident's myGrid, and leaves it when the role is taken away", async () => {
      const resident = await t.signIn('resident') // 管道新村3号楼 → 第一网格
      const before = await t.ok('account', 'myGrid', {}, { token: resident })
      expect(before.grid.code).toBe('G01')
      expect(before.workers.map((w) => w.name)).toEqual(['赵晓燕'])

      const worker = await t.consentedNewcomer()
      const b = await t.db.selectFrom('buildings').select('id').where('name', '=', '翟山花园1号楼').executeTakeFirstOrThrow()
      const me = await t.ok('account', 'register', { name: '韩冬', phone: '13511112222', buildingId: b.id, unit: 1, room: '101' }, { token: worker })
      const g01 = await gridId('G01')
      const noPhone = await t.call('people', 'assign', { userId: me.id, roles: ['grid_worker'], gridIds: [g01] }, { token: admin })
      expect([noPhone.status, Object.keys(noPhone.error?.fields ?? {})]).toEqual([400, ['workPhone']])
      const badPhone = await t.call('people', 'assign', { userId: me.id, roles: ['grid_worker'], gridIds: [g01], workPhone: '12345' }, { token: admin })
      expect([badPhone.status, Object.keys(badPhone.error?.fields ?? {})]).toEqual([400, ['workPhone']])
      const person = await t.ok('people', 'assign', { userId: me.id, roles: ['grid_worker'], gridIds: [g01, g01], workPhone: '0516-8386 5678' }, { token: admin })
      expect(person.workPhone).toBe('0516-83865678')
      expect(person.gridIds).toEqual([g01])
      expect(person.roles.sort()).toEqual(['grid_worker', 'resident'])

      const after = await t.ok('account', 'myGrid', {}, { token: resident })
      expect(after.workers).toEqual([
        { name: '赵晓燕', phone: '13852149001' },
        { name: '韩冬', phone: '0516-83865678' },
      ])
      // The worker's own record reflects the grid at once.
      expect((await t.ok('account', 'me', {}, { token: worker })).gridIds).toEqual([g01])

      await t.ok('people', 'assign', { userId: me.id, roles: [] }, { token: admin })
      const gone = await t.ok('account', 'myGrid', {}, { token: resident })
      expect(gone.workers.map((w) => w.name)).toEqual(['赵晓燕'])
      // Resident follows the household and is kept.
      expect((await t.ok('account', 'me', {}, { token: worker })).roles).toEqual(['resident'])
    })
  })

  test('search ignores the case of Latin letters, on both engines', async () => {
    const token = await t.consentedNewcomer()
    const building = await t.db.selectFrom('buildings').select('id').orderBy('id').executeTakeFirstOrThrow()
    await t.ok('account', 'register', { name: 'Amina Yusuf', phone: '13912345678', buildingId: building.id, unit: 1, room: '101' }, { token })
    for (const q of ['amina', 'YUSUF', 'a yu']) {
      expect([q, (await t.ok('people', 'search', { q }, { token: staff })).items.map((p) => p.name)]).toEqual([q, ['Amina Yusuf']])
    }
  })
})
