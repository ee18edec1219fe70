// 代办 lasts while the booker serves the resident: a grid worker who lost the role or the grid, or whose
// resident moved away, no longer sees or changes what they booked; the resident and staff still do.
import { engines, startBackend, type TestBackend } from '../../testing/harness'

// The harness clock starts on Friday 2026-11-27 10:00 in Beijing.
const TUE_0800 = new Date('2026-12-01T08:00:00+08:00').toISOString()

describe.each(engines())('代办 visibility on %s', (engine) => {
  let t: TestBackend
  const tk: Record<string, string> = {}
  let booking: { id: number }
  let worker: number

  const userId = async (key: string) => (await t.db.selectFrom('users').select('id').where('openid', '=', `demo:${key}`).executeTakeFirstOrThrow()).id
  const get = (who: string) => t.call('appointments', 'get', { id: booking.id }, { token: tk[who] })
  const madeByMe = async () => (await t.ok('appointments', 'madeByMe', {}, { token: tk.gridworker })).items.map((i) => i.id)

  beforeEach(async () => {
    t = await startBackend(engine)
    for (const key of ['resident', 'gridworker', 'staff', 'admin']) tk[key] = await t.signIn(key)
    worker = await userId('gridworker')
    const checkup = (await t.ok('appointments', 'services', {}, { token: tk.resident })).find((s) => s.name === '免费体检')!
    const li = (await t.ok('appointments', 'gridResidents', { q: '李桂芳' }, { token: tk.gridworker }))[0]
    booking = await t.ok('appointments', 'book', { serviceId: checkup.id, start: TUE_0800, forResidentId: li.id }, { token: tk.gridworker })
    expect((await get('gridworker')).status).toBe(200)
    expect(await madeByMe()).toEqual([booking.id])
  })
  afterEach(() => t?.close())

  const expectGoneForWorker = async () => {
    expect((await get('gridworker')).status).toBe(404)
    const cancel = await t.call('appointments', 'cancel', { id: booking.id }, { token: tk.gridworker })
    expect([cancel.status, cancel.error?.code]).toEqual([404, 'NOT_FOUND'])
    // The booking is untouched and still the resident's and staff's to see.
    expect((await get('resident')).data).toMatchObject({ id: booking.id, status: 'booked' })
    expect((await get('staff')).status).toBe(200)
  }

  test('a grid worker whose roles were all removed loses their 代办 bookings', async () => {
    await t.ok('people', 'assign', { userId: worker, roles: [] }, { token: tk.admin })
    await expectGoneForWorker()
  })

  test('a grid worker moved to another grid loses the old grid’s 代办 bookings, in the list too', async () => {
    const grids = await t.db.selectFrom('grid_workers').select('grid_id').where('user_id', '=', worker).execute()
    const other = await t.db.selectFrom('grids').select('id').where('id', 'not in', grids.map((g) => g.grid_id)).orderBy('id').executeTakeFirstOrThrow()
    await t.ok('people', 'assign', { userId: worker, roles: ['grid_worker'], gridIds: [other.id], workPhone: '13852149100' }, { token: tk.admin })
    await expectGoneForWorker()
    expect(await madeByMe()).toEqual([])
  })

  test('a resident who moved out of the worker’s grids takes their bookings with them', async () => {
    const grids = await t.db.selectFrom('grid_workers').select('grid_id').where('user_id', '=', worker).execute()
    const away = await t.db
      .selectFrom('households')
      .innerJoin('buildings', 'buildings.id', 'households.building_id')
      .select('households.id')
      .where('buildings.grid_id', 'not in', grids.map((g) => g.grid_id))
      .orderBy('households.id')
      .executeTakeFirstOrThrow()
    await t.db.updateTable('users').set({ household_id: away.id }).where('id', '=', await userId('resident')).execute()
    await expectGoneForWorker()
    expect(await madeByMe()).toEqual([])
  })
})
