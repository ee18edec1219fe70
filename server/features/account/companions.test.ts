// 常用乘车人: a resident keeps the people they often book for; nobody else reads or changes them.
import { DELETE_CONFIRMATION, MAX_COMPANIONS } from './actions'
import { engines, startBackend, type TestBackend } from '../../testing/harness'

describe.each(engines())('companions on %s', (engine) => {
  let t: TestBackend
  let mine: string
  let neighbour: string
  beforeEach(async () => {
    t = await startBackend(engine)
    mine = await t.signIn('resident')
    neighbour = await t.signIn('resident2')
  })
  afterEach(() => t?.close())

  const save = (data: object, token = mine) => t.call('account', 'saveCompanion', data, { token })

  test('kept, changed and removed by their owner; the list is in the order they were added', async () => {
    await t.ok('account', 'saveCompanion', { name: '王德明', relation: '配偶', phone: '138 5214 0099' }, { token: mine })
    const two = await t.ok('account', 'saveCompanion', { name: '王小雨', relation: '孙辈', phone: '' }, { token: mine })
    expect(two.map((c) => [c.name, c.relation, c.phone, c.phoneMasked])).toEqual([
      ['王德明', '配偶', '13852140099', '138****0099'],
      ['王小雨', '孙辈', null, null],
    ])
    const changed = await t.ok('account', 'saveCompanion', { id: two[1]!.id, name: '王小雨', relation: '子女' }, { token: mine })
    expect(changed[1]).toMatchObject({ relation: '子女' })
    expect(await t.ok('account', 'removeCompanion', { id: two[0]!.id }, { token: mine })).toEqual([changed[1]])
    expect(await t.ok('account', 'companions', {}, { token: neighbour })).toEqual([])
  })

  test('bad input names the field and writes nothing', async () => {
    const cases: [object, string, string][] = [
      [{ name: '', relation: '配偶' }, 'name', '请填写姓名'],
      [{ name: 'Li123', relation: '配偶' }, 'name', '姓名只能包含汉字、字母或间隔号'],
      [{ name: '李桂芳', relation: '同事' }, 'relation', '请选择与您的关系'],
      [{ name: '李桂芳', relation: '配偶', phone: '12345' }, 'phone', '手机号应为11位手机号码'],
    ]
    for (const [data, field, message] of cases) {
      const res = await save(data)
      expect([res.status, res.error?.fields?.[field]]).toEqual([400, message])
    }
    await t.ok('account', 'saveCompanion', { name: '王德明', relation: '配偶' }, { token: mine })
    const twice = await save({ name: '王德明', relation: '父母' })
    expect([twice.status, twice.error?.fields]).toEqual([400, { name: '已有名为“王德明”的常用乘车人' }])
    expect(await t.db.selectFrom('companions').select('name').execute()).toEqual([{ name: '王德明' }])
  })

  test(`at most ${MAX_COMPANIONS}; the one too many is refused and not kept`, async () => {
    const names = '甲乙丙丁戊己庚辛壬癸子丑寅'.split('').map((c) => `李${c}`)
    for (const name of names.slice(0, MAX_COMPANIONS)) await t.ok('account', 'saveCompanion', { name, relation: '其他亲属' }, { token: mine })
    const over = await save({ name: names[MAX_COMPANIONS], relation: '其他亲属' })
    expect([over.status, over.error?.message]).toEqual([409, `常用乘车人最多保存${MAX_COMPANIONS}位`])
    expect(await t.ok('account', 'companions', {}, { token: mine })).toHaveLength(MAX_COMPANIONS)
  })

  test("another resident's companion is not found, to read through saving or to remove", async () => {
    const [theirs] = await t.ok('account', 'saveCompanion', { name: '马建国', relation: '父母' }, { token: neighbour })
    expect((await save({ id: theirs!.id, name: '改名', relation: '朋友' })).status).toBe(404)
    expect((await t.call('account', 'removeCompanion', { id: theirs!.id }, { token: mine })).status).toBe(404)
    expect((await t.ok('account', 'companions', {}, { token: neighbour }))[0]).toMatchObject({ name: '马建国', relation: '父母' })
    // Only residents keep companions (a newcomer has no household yet).
    expect((await t.call('account', 'companions', {}, { token: await t.signIn('newcomer') })).status).toBe(403)
  })

  test('in the data export, and gone with the account', async () => {
    await t.ok('account', 'saveCompanion', { name: '王德明', relation: '配偶', phone: '13852140099' }, { token: mine })
    const exported = await t.ok('account', 'exportData', {}, { token: mine })
    expect(exported.companions).toEqual([{ name: '王德明', relation: '配偶', phone: '13852140099' }])
    await t.ok('account', 'deleteAccount', { confirm: DELETE_CONFIRMATION }, { token: mine })
    expect(await t.db.selectFrom('companions').select('name').execute()).toEqual([])
  })
})
