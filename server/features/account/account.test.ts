import { ERROR_MESSAGES } from '../../../common/errors'
import { COMMUNITY, PRIVACY_VERSION } from '../../db/seed'
import { engines, isChinese, startBackend, type TestBackend } from '../../testing/harness'
import { DELETE_CONFIRMATION } from './actions'

describe.each(engines())('account on %s', (engine) => {
  let t: TestBackend
  let staff: string
  const building = async (name: string) => {
    const row = await t.db.selectFrom('buildings').innerJoin('grids', 'grids.id', 'buildings.grid_id').select(['buildings.id as id', 'grids.id as gridId', 'grids.code as gridCode']).where('buildings.name', '=', name).executeTakeFirstOrThrow()
    return row
  }
  const count = async (table: 'households' | 'users' | 'consents' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    t = await startBackend(engine)
    staff = await t.signIn('staff')
  })
  afterAll(() => t?.close())

  describe('consent', () => {
    test('a wrong version → 409 CONFLICT and nothing recorded', async () => {
      const token = await t.signIn('newcomer')
      const me = await t.ok('account', 'me', {}, { token })
      expect(me.consent).toEqual({ required: PRIVACY_VERSION, accepted: null, acceptedAt: null })
      const res = await t.call('account', 'consent', { version: '2020-01-01' }, { token })
      expect(res.status).toBe(409)
      expect(res.error?.code).toBe('CONFLICT')
      expect(isChinese(res.error?.message)).toBe(true)
      expect(await t.db.selectFrom('consents').select('id').where('user_id', '=', me.id).execute()).toEqual([])
      expect((await t.ok('account', 'me', {}, { token })).consent.accepted).toBeNull()
    })

    test('the current version is recorded in consents at the injected time', async () => {
      const token = await t.signIn('newcomer')
      const at = '2026-11-28T07:30:00.000Z'
      t.clock.set(at)
      const me = await t.ok('account', 'consent', { version: PRIVACY_VERSION }, { token })
      expect(me.consent).toEqual({ required: PRIVACY_VERSION, accepted: PRIVACY_VERSION, acceptedAt: at })
      const rows = await t.db.selectFrom('consents').select(['version', 'consented_at']).where('user_id', '=', me.id).execute()
      expect(rows).toEqual([{ version: PRIVACY_VERSION, consented_at: at }])
      const user = await t.db.selectFrom('users').select(['consent_version', 'consented_at']).where('id', '=', me.id).executeTakeFirstOrThrow()
      expect(user).toEqual({ consent_version: PRIVACY_VERSION, consented_at: at })
    })
  })

  describe('register', () => {
    const valid = { name: '王春梅', phone: '139 1234 5678', unit: 2, room: '301' }

    test('each bad field is named, and nothing is half-written', async () => {
      const token = await t.consentedNewcomer()
      const me = await t.ok('account', 'me', {}, { token })
      const b = await building('管道新村1号楼') // 3 units, 6 floors, 2 rooms a floor
      const households = await count('households')
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ phone: '12345678901' }, 'phone', /手机号/],
        [{ phone: '1391234567' }, 'phone', /手机号/],
        [{ name: '' }, 'name', /姓名/],
        [{ name: '王2' }, 'name', /姓名/],
        [{ buildingId: 999999 }, 'buildingId', /楼栋/],
        [{ buildingId: 0 }, 'buildingId', /楼栋/],
        [{ unit: 4 }, 'unit', /单元/],
        [{ unit: 0 }, 'unit', /单元/],
        [{ room: '701' }, 'room', /701/],
        [{ room: '303' }, 'room', /303/],
        [{ room: '100' }, 'room', /100/],
        [{ room: '3a1' }, 'room', /房号/],
        [{ room: '0301' }, 'room', /房号/],
      ]
      for (const [patch, field, message] of cases) {
        const res = await t.call('account', 'register', { ...valid, buildingId: b.id, ...patch }, { token })
        expect([JSON.stringify(patch), res.status, res.error?.code]).toEqual([JSON.stringify(patch), 400, 'BAD_INPUT'])
        expect([JSON.stringify(patch), Object.keys(res.error?.fields ?? {})]).toEqual([JSON.stringify(patch), [field]])
        expect(res.error?.fields?.[field]).toMatch(message)
        expect(res.error?.message).toBe(res.error?.fields?.[field])
      }

      const several = await t.call('account', 'register', { name: '', phone: 'abc', buildingId: 'x', unit: 1.5, room: 12 }, { token })
      expect(Object.keys(several.error?.fields ?? {}).sort()).toEqual(['buildingId', 'name', 'phone', 'room', 'unit'])

      expect(await count('households')).toBe(households)
      const row = await t.db.selectFrom('users').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ name: null, phone: null, household_id: null })
      expect(await t.db.selectFrom('user_roles').select('role').where('user_id', '=', me.id).execute()).toEqual([])
    })

    test('then myGrid shows the grid of the building, its grid workers and the hotline', async () => {
      const token = await t.consentedNewcomer()
      const b = await building('红石榴家园3号楼') // grid G08, 2 units, 11 floors
      const me = await t.ok('account', 'register', { ...valid, buildingId: b.id, unit: 2, room: '1102' }, { token })
      expect(me.name).toBe('王春梅')
      expect(me.phone).toBe('13912345678')
      expect(me.roles).toEqual(['resident'])
      expect(me.household).toEqual({ buildingId: b.id, buildingName: '红石榴家园3号楼', unit: 2, room: '1102', gridId: b.gridId, gridName: '第八网格' })

      const grid = await t.ok('account', 'myGrid', {}, { token })
      expect(grid.grid).toMatchObject({ id: b.gridId, code: 'G08', name: '第八网格' })
      expect(grid.grid.area).toContain('红石榴家园')
      expect(grid.household).toEqual(me.household)
      expect(grid.workers).toEqual([{ name: '孙立新', phone: '13852149002' }])
      expect(grid.hotline).toBe(COMMUNITY.hotline)
    })

    test('two people at one address share one household', async () => {
      const b = await building('翟山花园2号楼')
      const a = await t.ok('account', 'register', { ...valid, name: '甲', buildingId: b.id }, { token: await t.consentedNewcomer() })
      const households = await count('households')
      const c = await t.ok('account', 'register', { ...valid, name: '乙', buildingId: b.id }, { token: await t.consentedNewcomer() })
      expect(await count('households')).toBe(households)
      const ids = await t.db.selectFrom('users').select('household_id').where('id', 'in', [a.id, c.id]).execute()
      expect(new Set(ids.map((r) => r.household_id)).size).toBe(1)
    })

    test('registering twice → 409 ALREADY_REGISTERED and the first address stays', async () => {
      const token = await t.consentedNewcomer()
      const b = await building('输油小区2号楼')
      const first = await t.ok('account', 'register', { ...valid, buildingId: b.id }, { token })
      const again = await t.call('account', 'register', { ...valid, name: '别人', buildingId: b.id, room: '402' }, { token })
      expect(again.status).toBe(409)
      expect(again.error).toEqual({ code: 'ALREADY_REGISTERED', message: ERROR_MESSAGES.ALREADY_REGISTERED })
      expect((await t.ok('account', 'me', {}, { token })).household).toEqual(first.household)
    })

    test('myGrid before registering → 403 for a non-resident; a resident without household → 404', async () => {
      const token = await t.consentedNewcomer()
      expect((await t.call('account', 'myGrid', {}, { token })).error?.code).toBe('FORBIDDEN')
      // A resident whose household was removed (e.g. by staff) gets a clear 404, not a crash.
      const me = await t.ok('account', 'me', {}, { token })
      await t.db.insertInto('user_roles').values({ user_id: me.id, role: 'resident', granted_by: null, granted_at: t.clock.iso() }).execute()
      const res = await t.call('account', 'myGrid', {}, { token })
      expect(res.status).toBe(404)
      expect(isChinese(res.error?.message)).toBe(true)
    })
  })

  describe('profile', () => {
    test('updateProfile changes name, phone and address; the grid follows the building', async () => {
      const token = await t.consentedNewcomer()
      const from = await building('管道新村1号楼') // G01
      const to = await building('翟山花园5号楼') // G10
      expect((await t.call('account', 'updateProfile', { name: '周', phone: '13700000000', buildingId: from.id, unit: 1, room: '101' }, { token })).status).toBe(404)
      await t.ok('account', 'register', { name: '周敏', phone: '13700000000', buildingId: from.id, unit: 1, room: '101' }, { token })
      expect((await t.ok('account', 'myGrid', {}, { token })).grid.code).toBe('G01')

      const bad = await t.call('account', 'updateProfile', { name: '周敏', phone: '13700000000', buildingId: to.id, unit: 9, room: '101' }, { token })
      expect(Object.keys(bad.error?.fields ?? {})).toEqual(['unit'])
      expect((await t.ok('account', 'me', {}, { token })).household?.buildingId).toBe(from.id)

      const me = await t.ok('account', 'updateProfile', { name: '周敏敏', phone: '13700000001', buildingId: to.id, unit: 3, room: '702' }, { token })
      expect(me).toMatchObject({ name: '周敏敏', phone: '13700000001', roles: ['resident'] })
      expect(me.household).toMatchObject({ buildingId: to.id, unit: 3, room: '702' })
      expect((await t.ok('account', 'myGrid', {}, { token })).grid.code).toBe('G10')
    })

    test('setElderMode persists across sessions', async () => {
      const token = await t.signIn('resident2')
      expect((await t.ok('account', 'me', {}, { token })).elderMode).toBe(false)
      expect((await t.ok('account', 'setElderMode', { enabled: true }, { token })).elderMode).toBe(true)
      const later = await t.signIn('resident2')
      expect((await t.ok('account', 'me', {}, { token: later })).elderMode).toBe(true)
      const row = await t.db.selectFrom('users').select('elder_mode').where('openid', '=', 'demo:resident2').executeTakeFirstOrThrow()
      expect(row.elder_mode).toBe(1)
      expect((await t.ok('account', 'setElderMode', { enabled: false }, { token })).elderMode).toBe(false)
    })
  })

  describe('exportData', () => {
    test("contains the person's own data and nobody else's", async () => {
      const token = await t.signIn('volunteer')
      t.clock.set('2026-12-01T01:00:00.000Z')
      const data = await t.ok('account', 'exportData', {}, { token })
      expect(data.exportedAt).toBe('2026-12-01T01:00:00.000Z')
      expect(data.profile).toMatchObject({ name: '周雨婷', phone: '13852140005', household: expect.objectContaining({ buildingName: '输油小区4号楼', unit: 3, room: '502' }) })
      expect(data.roles).toEqual(['resident', 'volunteer'])
      expect(data.volunteerTeam).toMatchObject({ name: '红石榴邻里互助队', leader: true })
      expect(data.consents).toEqual([{ version: PRIVACY_VERSION, at: expect.any(String) }])
      expect((data.sessions as unknown[]).length).toBeGreaterThanOrEqual(1)
      const text = JSON.stringify(data)
      expect(text).not.toContain('13852140001') // another resident's phone
      expect(text).not.toContain('李桂芳')
      expect(text).not.toContain(token)
    })

    test('works before consent (a person may always see what is held about them)', async () => {
      const token = await t.signIn('newcomer')
      const res = await t.call('account', 'exportData', {}, { token })
      expect(res.status).toBe(200)
      expect(res.data.profile).toMatchObject({ name: null, phone: null })
    })
  })

  describe('deleteAccount', () => {
    test('requires the confirmation text', async () => {
      const token = await t.signIn('resident')
      for (const confirm of [undefined, '', '确认', 'yes']) {
        const res = await t.call('account', 'deleteAccount', confirm === undefined ? {} : { confirm }, { token })
        expect(res.status).toBe(400)
        expect(Object.keys(res.error?.fields ?? {})).toEqual(['confirm'])
        expect(res.error?.fields?.confirm).toContain(DELETE_CONFIRMATION)
      }
      expect((await t.call('account', 'me', {}, { token })).status).toBe(200)
    })

    test('removes name, phone, household, roles and sessions, audits it, and the old token stops working', async () => {
      const token = await t.signIn('gridworker3')
      const other = await t.signIn('gridworker3')
      const me = await t.ok('account', 'me', {}, { token })
      expect(me.gridIds.length).toBe(2)
      const at = '2026-12-02T03:04:05.000Z'
      t.clock.set(at)

      const res = await t.call('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token })
      expect(res).toMatchObject({ status: 200, data: null })

      const row = await t.db.selectFrom('users').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ name: null, phone: null, work_phone: null, household_id: null, deleted_at: at })
      expect(row.openid).not.toBe('demo:gridworker3')
      expect(await t.db.selectFrom('user_roles').select('role').where('user_id', '=', me.id).execute()).toEqual([])
      expect(await t.db.selectFrom('grid_workers').select('grid_id').where('user_id', '=', me.id).execute()).toEqual([])
      expect(await t.db.selectFrom('sessions').select('token_hash').where('user_id', '=', me.id).execute()).toEqual([])
      const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.delete').where('target_id', '=', String(me.id)).execute()
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({ actor_id: me.id, target_type: 'user', at })

      for (const tk of [token, other]) {
        const after = await t.call('account', 'me', {}, { token: tk })
        expect(after.status).toBe(401)
        expect(after.error?.code).toBe('SESSION_EXPIRED')
      }
      // Staff no longer find the person, and grids no longer list them.
      const found = await t.ok('people', 'search', { q: '钱卫东' }, { token: staff })
      expect(found.total).toBe(0)
      const grids = await t.ok('community', 'grids', {}, { token: staff })
      expect(grids.flatMap((g) => g.workers)).not.toContain('钱卫东')
    })

    test('the only admin cannot delete the account; once another admin exists, they can', async () => {
      const token = await t.signIn('admin')
      const refused = await t.call('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token })
      expect(refused.status).toBe(409)
      expect(refused.error?.message).toContain('唯一的管理员')
      expect((await t.call('account', 'me', {}, { token })).status).toBe(200)

      const staffMe = await t.ok('account', 'me', {}, { token: staff })
      await t.ok('people', 'assign', { userId: staffMe.id, roles: ['staff', 'admin'] }, { token })
      expect((await t.call('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token })).status).toBe(200)
    })

    test('a resident who deleted the account is gone from the household and can start afresh', async () => {
      const token = await t.consentedNewcomer()
      const b = await building('管道新村10号楼')
      const me = await t.ok('account', 'register', { name: '林小雨', phone: '13600000000', buildingId: b.id, unit: 1, room: '201' }, { token })
      await t.ok('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token })
      const search = await t.ok('people', 'search', { q: '13600000000' }, { token: staff })
      expect(search.items).toEqual([])
      expect(await count('users')).toBeGreaterThan(0)
      const row = await t.db.selectFrom('users').select(['name', 'phone', 'household_id']).where('id', '=', me.id).executeTakeFirstOrThrow()
      expect(row).toEqual({ name: null, phone: null, household_id: null })
    })
  })
})
