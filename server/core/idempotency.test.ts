// Idempotency records keep no one's data beyond a day, and none of a person's once their account is deleted.
import { DELETE_CONFIRMATION } from '../features/account/actions'
import { sweepAuth } from '../features/auth/service'
import { DAY_MS, engines, startBackend, type TestBackend } from '../testing/harness'

describe.each(engines())('idempotency records on %s', (engine) => {
  let t: TestBackend
  beforeEach(async () => {
    t = await startBackend(engine)
  })
  afterEach(() => t?.close())

  const keys = () => t.db.selectFrom('idempotency_keys').select(['key', 'response']).execute()

  test('a key answers with its first result for a day; after that it counts as unused and the sweep removes it', async () => {
    const staff = await t.signIn('staff')
    const save = (title: string) => t.call('announcements', 'save', { title, body: '用于测试幂等期限的公告正文' }, { token: staff, idempotencyKey: 'idem-ttl-0001' })
    expect((await save('期限一')).status).toBe(200)
    t.clock.advance(DAY_MS - 60_000)
    // Within the day, other data under the same key is refused.
    expect((await save('期限二')).status).toBe(409)
    t.clock.advance(120_000)
    // Past the day, the key is free: the request runs and its answer is the new one.
    const later = await save('期限二')
    expect(later.status).toBe(200)
    expect(later.data).toMatchObject({ title: '期限二' })
    expect(await keys()).toHaveLength(1)

    expect(await sweepAuth(t.services)).toMatchObject({ keys: 0 })
    t.clock.advance(DAY_MS + 1000)
    expect(await sweepAuth(t.services)).toMatchObject({ keys: 1 })
    expect(await keys()).toEqual([])
  })

  test('a deleted resident leaves nothing in anyone’s stored answers', async () => {
    const [resident, worker] = [await t.signIn('resident'), await t.signIn('gridworker')]
    const category = (await t.ok('hotline', 'categories', {}, { token: resident }))[0]
    const req = await t.ok('hotline', 'submit', { categoryId: category.id, description: '楼道灯坏了，晚上看不见台阶' }, { token: resident, idempotencyKey: 'idem-submit-01' })
    await t.ok('hotline', 'accept', { id: req.id }, { token: worker, idempotencyKey: 'idem-accept-01' })
    const mentions = async () => (await keys()).filter((k) => /李桂芳|301室|楼道灯/.test(k.response ?? ''))
    // The grid worker's stored answer shows the resident: exactly what must not outlive her account.
    expect((await mentions()).map((k) => k.key).sort()).toEqual(['idem-accept-01', 'idem-submit-01'])

    await t.ok('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token: resident })
    expect(await mentions()).toEqual([])
  })
})
