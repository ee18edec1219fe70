import { loadConfig } from '../../core/config'
import { COMMUNITY, PRIVACY_VERSION, VOLUNTEER_TEAMS } from '../../db/seed'
import { engines, envOf, PROD_KEY, startBackend, type TestBackend } from '../../testing/harness'

describe.each(engines())('community on %s', (engine) => {
  let t: TestBackend
  beforeAll(async () => {
    t = await startBackend(engine)
  })
  afterAll(() => t?.close())

  test('info is public', async () => {
    const res = await t.call('community', 'info')
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ ...COMMUNITY, privacyVersion: PRIVACY_VERSION, demoSignIn: true })
  })

  test('info tells the client that demo sign-in is off in production', async () => {
    const prod = await startBackend(engine, { config: loadConfig(envOf({ NODE_ENV: 'production', ID_CARD_KEY: PROD_KEY, LOG_LEVEL: 'silent' })) })
    try {
      expect((await prod.ok('community', 'info')).demoSignIn).toBe(false)
    } finally {
      await prod.close()
    }
  })

  test('buildings: 50 buildings in 10 grids of five, for any signed-in person', async () => {
    expect((await t.call('community', 'buildings')).status).toBe(401)
    const list = await t.ok('community', 'buildings', {}, { token: await t.signIn('resident') })
    expect(list).toHaveLength(50)
    const perGrid = new Map<number, number>()
    for (const b of list) perGrid.set(b.gridId, (perGrid.get(b.gridId) ?? 0) + 1)
    expect([...perGrid.values()]).toEqual(Array(10).fill(5))
    expect(list.find((b) => b.name === '红石榴家园3号楼')).toMatchObject({ estate: '红石榴家园', gridName: '第八网格', units: 2, floors: 11, roomsPerFloor: 2 })
  })

  test('grids and teams are for staff, with households, workers and members counted', async () => {
    const resident = await t.signIn('resident')
    expect((await t.call('community', 'grids', {}, { token: resident })).status).toBe(403)
    expect((await t.call('community', 'teams', {}, { token: resident })).status).toBe(403)

    const staff = await t.signIn('staff')
    const grids = await t.ok('community', 'grids', {}, { token: staff })
    expect(grids.map((g) => g.code)).toEqual(['G01', 'G02', 'G03', 'G04', 'G05', 'G06', 'G07', 'G08', 'G09', 'G10'])
    expect(grids[0]).toMatchObject({ name: '第一网格', households: 1, workers: ['赵晓燕'] })
    expect(grids.reduce((n, g) => n + g.households, 0)).toBe(3)

    const teams = await t.ok('community', 'teams', {}, { token: staff })
    expect(teams.map((x) => x.name)).toEqual(VOLUNTEER_TEAMS.map((x) => x.name))
    expect(teams.find((x) => x.name === '红石榴邻里互助队')?.members).toBe(1)
    expect(teams.find((x) => x.name === '红石榴平安巡逻队')?.members).toBe(0)
  })
})
