import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ERROR_MESSAGES } from '../../../common/errors'
import { COMMUNITY, PRIVACY_VERSION } from '../../db/seed'
import { engines, isChinese, startBackend, type TestBackend } from '../../testing/harness'
import { DELETE_CONFIRMATION } from './actions'
import { ERASED_REQUEST_TEXT } from '../hotline/personal-data'

describe.each(engines())('account on %s', (engine) => {
  let t: TestBackend
  let staff: string
  let dataDir: string
  const building = async (name: string) => {
    const row = await t.db.selectFrom('buildings').innerJoin('grids', 'grids.id', 'buildings.grid_id').select(['buildings.id as id', 'grids.id as gridId', 'grids.code as gridCode']).where('buildings.name', '=', name).executeTakeFirstOrThrow()
    return row
  }
  const count = async (table: 'households' | 'users' | 'consents' | 'audit_log') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    // Photo files live in the data folder; this one is the test's own.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-account-'))
    t = await startBackend(engine, { env: { DATA_DIR: dataDir } })
    staff = await t.signIn('staff')
  })
  afterAll(async () => {
    await t?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

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
  describe('hotline and messages', () => {
    const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)])
    let repair: number
    let worker: string
    let workerId: number

    /** A resident registered in 管道新村1号楼, which the demo grid worker 赵晓燕 serves (第一网格). */
    async function newResident(name: string, phone: string, room: string) {
      const token = await t.consentedNewcomer()
      const b = await building('管道新村1号楼')
      const me = await t.ok('account', 'register', { name, phone, buildingId: b.id, unit: 3, room }, { token })
      return { token, id: me.id }
    }
    /** A photo as the upload route stores it: a file under DATA_DIR/uploads and its row. */
    async function photo(ownerId: number) {
      const rel = path.join('2026', `${randomBytes(8).toString('hex')}.jpg`)
      const file = path.join(dataDir, 'uploads', rel)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, JPEG)
      const row = await t.db
        .insertInto('uploads')
        .values({ owner_id: ownerId, kind: 'hotline', storage: 'disk', path_or_file_id: rel, mime: 'image/jpeg', bytes: JPEG.length, created_at: t.clock.iso() })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { id: row.id, file }
    }
    const countOf = async (table: 'notifications' | 'outbox' | 'hotline_quick_replies', userId: number) =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n)

    beforeAll(async () => {
      worker = await t.signIn('gridworker')
      workerId = (await t.ok('account', 'me', {}, { token: worker })).id
      repair = (await t.ok('hotline', 'categories', {}, { token: staff })).find((c) => c.name === '设施报修')!.id
    })

    test('exportData holds the person’s requests with their timelines and ratings, and their messages', async () => {
      t.clock.set('2026-12-03T01:00:00.000Z')
      const me = await newResident('郭玉兰', '13700002222', '101')
      const other = await t.ok('hotline', 'submit', { categoryId: repair, description: '别人家的诉求，不该出现' }, { token: await t.signIn('resident') })
      const submittedAt = t.clock.iso()
      const { id } = await t.ok('hotline', 'submit', { categoryId: repair, description: '三单元楼道声控灯不亮' }, { token: me.token })
      t.clock.advance(60_000)
      await t.ok('hotline', 'accept', { id }, { token: worker })
      await t.ok('hotline', 'reply', { id, text: '今天下午电工来换灯' }, { token: worker })
      await t.ok('hotline', 'resolve', { id, summary: '声控灯已更换' }, { token: worker })
      t.clock.advance(60_000)
      await t.ok('hotline', 'rate', { id, stars: 4, comment: '修得很快' }, { token: me.token })
      const ratedAt = t.clock.iso()
      const { items } = await t.ok('messages', 'list', {}, { token: me.token })
      await t.ok('messages', 'markRead', { ids: [items.at(-1)!.id] }, { token: me.token })

      const data = await t.ok('account', 'exportData', {}, { token: me.token })
      const at = '2026-12-03T01:01:00.000Z'
      expect(data.hotlineRequests).toEqual([
        {
          id,
          category: '设施报修',
          description: '三单元楼道声控灯不亮',
          state: 'closed',
          createdAt: submittedAt,
          events: [
            { kind: 'submitted', at: submittedAt, text: null },
            { kind: 'accepted', at, text: null },
            { kind: 'reply', at, text: '今天下午电工来换灯' },
            { kind: 'resolved', at, text: '声控灯已更换' },
            { kind: 'rated', at: ratedAt, text: '评价4星：修得很快' },
          ],
          rating: { stars: 4, comment: '修得很快', at: ratedAt },
        },
      ])
      expect(data.messages).toEqual([
        { title: '您的诉求已受理', body: expect.stringContaining('设施报修'), createdAt: at, read: true },
        { title: '您的诉求有新回复', body: expect.stringContaining('今天下午电工来换灯'), createdAt: at, read: false },
        { title: '您的诉求已办结', body: expect.stringContaining('声控灯已更换'), createdAt: at, read: false },
      ])
      expect(JSON.stringify(data)).not.toContain(other.description)
      // Someone with neither gets empty lists, not missing keys.
      const volunteer = await t.ok('account', 'exportData', {}, { token: await t.signIn('volunteer') })
      expect([volunteer.hotlineRequests, volunteer.messages]).toEqual([[], []])
    })

    test('deleteAccount wipes what the resident wrote and photographed, and their messages; the request stays for the figures', async () => {
      t.clock.set('2026-12-04T01:00:00.000Z')
      const me = await newResident('冯桂英', '13700003333', '102')
      const [attached, loose] = [await photo(me.id), await photo(me.id)]
      const { id } = await t.ok('hotline', 'submit', { categoryId: repair, description: '厨房下水管漏水，楼下邻居家渗水', photoIds: [attached.id] }, { token: me.token })
      const workerPhoto = await photo(workerId)
      await t.ok('hotline', 'accept', { id }, { token: worker })
      await t.ok('hotline', 'reply', { id, text: '已联系物业维修工', photoIds: [workerPhoto.id] }, { token: worker })
      await t.ok('hotline', 'resolve', { id, summary: '更换了下水管接头' }, { token: worker })
      await t.ok('hotline', 'reopen', { id, reason: '接头处还在滴水' }, { token: me.token })
      await t.ok('hotline', 'resolve', { id, summary: '重新密封了接头' }, { token: worker })
      await t.ok('hotline', 'rate', { id, stars: 2, comment: '跑了两次才修好' }, { token: me.token })
      // Someone else's request in the same grid, and the worker's own messages about this one.
      const neighbour = await t.ok('hotline', 'submit', { categoryId: repair, description: '楼顶防水层破损漏雨' }, { token: await t.signIn('resident') })
      await t.db.insertInto('hotline_quick_replies').values({ user_id: me.id, text: '谢谢网格员', created_at: t.clock.iso() }).execute()
      const workerMessages = [await countOf('notifications', workerId), await countOf('outbox', workerId)]
      expect([await countOf('notifications', me.id), await countOf('outbox', me.id), await countOf('hotline_quick_replies', me.id)]).toEqual([4, 4, 1])
      const board = () => t.ok('hotline', 'board', { from: '2026-12-01', to: '2026-12-31' }, { token: staff })
      const figuresBefore = (await board()).grids.find((g) => g.key === 'G01')

      await t.ok('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token: me.token })

      const request = await t.db.selectFrom('hotline_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      expect(request).toMatchObject({ description: ERASED_REQUEST_TEXT, rating_comment: null, rating_stars: 2, state: 'closed', resident_id: me.id, reopen_count: 1 })
      const events = await t.db.selectFrom('hotline_events').select(['kind', 'actor_role', 'text']).where('request_id', '=', id).orderBy('id').execute()
      expect(events.map((e) => [e.kind, e.text])).toEqual([
        ['submitted', null],
        ['accepted', null],
        ['reply', '已联系物业维修工'],
        ['resolved', '更换了下水管接头'],
        ['reopened', null],
        ['resolved', '重新密封了接头'],
        ['rated', null],
      ])
      // Their photos: rows, links and files gone, attached or not; the worker's reply photo stays.
      expect(await t.db.selectFrom('uploads').select('id').where('id', 'in', [attached.id, loose.id]).execute()).toEqual([])
      const links = await t.db.selectFrom('hotline_request_photos').select('upload_id').where('request_id', '=', id).execute()
      expect(links.map((l) => l.upload_id)).toEqual([workerPhoto.id])
      expect([fs.existsSync(attached.file), fs.existsSync(loose.file), fs.existsSync(workerPhoto.file)]).toEqual([false, false, true])
      expect([await countOf('notifications', me.id), await countOf('outbox', me.id), await countOf('hotline_quick_replies', me.id)]).toEqual([0, 0, 0])
      expect([await countOf('notifications', workerId), await countOf('outbox', workerId)]).toEqual(workerMessages)
      expect((await t.db.selectFrom('hotline_requests').select('description').where('id', '=', neighbour.id).executeTakeFirstOrThrow()).description).toBe('楼顶防水层破损漏雨')

      // The grid's figures hold; the worker sees the request, but nobody to call.
      expect((await board()).grids.find((g) => g.key === 'G01')).toEqual(figuresBefore)
      const seen = await t.ok('hotline', 'get', { id }, { token: worker })
      expect(seen).toMatchObject({ description: ERASED_REQUEST_TEXT, resident: null, rating: { stars: 2, comment: null } })
      expect(seen.can.callResident).toBe(false)
      expect(JSON.stringify(seen)).not.toMatch(/冯桂英|13700003333|接头处还在滴水|跑了两次/)
      expect((await t.call('hotline', 'residentPhone', { id }, { token: worker })).status).toBe(404)
    })

    test('a grid worker’s deletion takes their quick replies; their replies and photos in residents’ requests stay', async () => {
      const resident = await newResident('蒋秀兰', '13700004444', '201')
      const workerToken = await t.signIn('gridworker')
      const { id } = await t.ok('hotline', 'submit', { categoryId: repair, description: '单元门闭门器坏了' }, { token: resident.token })
      const replyPhoto = await photo(workerId)
      const unused = await photo(workerId)
      await t.ok('hotline', 'saveQuickReply', { text: '已收到，马上处理' }, { token: workerToken })
      await t.ok('hotline', 'accept', { id }, { token: workerToken })
      await t.ok('hotline', 'reply', { id, text: '闭门器已下单', photoIds: [replyPhoto.id] }, { token: workerToken })

      await t.ok('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token: workerToken })

      expect(await countOf('hotline_quick_replies', workerId)).toBe(0)
      expect([await countOf('notifications', workerId), await countOf('outbox', workerId)]).toEqual([0, 0])
      const reply = await t.db.selectFrom('hotline_events').select('text').where('request_id', '=', id).where('kind', '=', 'reply').executeTakeFirstOrThrow()
      expect(reply.text).toBe('闭门器已下单')
      expect((await t.db.selectFrom('hotline_requests').select('description').where('id', '=', id).executeTakeFirstOrThrow()).description).toBe('单元门闭门器坏了')
      expect(await t.db.selectFrom('uploads').select('id').where('id', 'in', [replyPhoto.id, unused.id]).execute()).toEqual([{ id: replyPhoto.id }])
      expect([fs.existsSync(replyPhoto.file), fs.existsSync(unused.file)]).toEqual([true, false])
      const mine = await t.ok('hotline', 'get', { id }, { token: resident.token })
      expect(mine.events.at(-1)).toMatchObject({ kind: 'reply', text: '闭门器已下单', photos: [{ id: replyPhoto.id }] })
    })
  })
})
