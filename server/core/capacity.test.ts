// The shared mechanism on its own, on both engines: take only while free, release, places changed under holdings,
// and waiting-list promotion inside the releasing transaction, strictly first come first served.
import { sql } from 'kysely'
import { engines, startBackend, type TestBackend } from '../testing/harness'
import type { Db } from '../db/connect'
import { guarded as capacity, type Waitlist } from './capacity'

describe.each(engines())('capacity on %s', (engine) => {
  let t: TestBackend
  beforeAll(async () => {
    t = await startBackend(engine)
    // A feature's queue as shuttles and events keep one: holdings that wait for places, oldest first.
    await t.db.schema
      .createTable('test_waiters')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('seats', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .execute()
  })
  afterAll(() => t?.close())

  const db = () => t.db as unknown as Db
  const unitRow = (id: number) => t.db.selectFrom('capacity_units').select(['places', 'taken']).where('id', '=', id).executeTakeFirstOrThrow()

  test('a unit is made once with its places; take succeeds only while enough are free', async () => {
    const key = { scope: 'test', ref: 'a' }
    const id = await capacity.unitFor(db(), key, 3)
    expect(await capacity.unitFor(db(), key, 99)).toBe(id)
    expect(await unitRow(id)).toEqual({ places: 3, taken: 0 })
    expect(await capacity.take(db(), id, 2)).toBe(true)
    expect(await capacity.take(db(), id, 2)).toBe(false)
    expect(await unitRow(id)).toEqual({ places: 3, taken: 2 })
    expect(await capacity.take(db(), id, 1)).toBe(true)
    await expect(capacity.takeOrRefuse(db(), id, 1, '已满')).rejects.toMatchObject({ code: 'CONFLICT', message: '已满' })
    expect((await capacity.usageOf(db(), 'test', ['a', 'missing'])).get('a')).toEqual({ places: 3, taken: 3, left: 0 })

    // Fewer places than holdings: nobody loses theirs, nobody new gets in until enough have left.
    await capacity.setPlaces(db(), id, 2)
    expect((await capacity.usageOf(db(), 'test', ['a'])).get('a')).toEqual({ places: 2, taken: 3, left: 0 })
    await capacity.release(db(), id, 1)
    expect(await capacity.take(db(), id, 1)).toBe(false)
    await capacity.release(db(), id, 2)
    expect(await unitRow(id)).toEqual({ places: 2, taken: 0 })
    // Never below zero, whatever a confused caller asks.
    await capacity.release(db(), id, 5)
    expect(await unitRow(id)).toEqual({ places: 2, taken: 0 })
  })

  test('release promotes the waiting list in the same transaction, in order, while whole parties fit', async () => {
    const id = await capacity.unitFor(db(), { scope: 'test', ref: 'bus' }, 4)
    expect(await capacity.take(db(), id, 4)).toBe(true)
    await t.db
      .insertInto('test_waiters' as never)
      .values([
        { id: 1, unit_id: id, seats: 2, status: 'waiting' },
        { id: 2, unit_id: id, seats: 3, status: 'waiting' },
        { id: 3, unit_id: id, seats: 1, status: 'waiting' },
      ] as never)
      .execute()
    const waitlist: Waitlist = {
      next: async (tx, unitId) =>
        (
          await sql<{ id: number; seats: number }>`select id, seats from test_waiters where unit_id = ${unitId} and status = 'waiting' order by id limit 1`.execute(tx)
        ).rows.map((r) => ({ id: r.id, quantity: r.seats }))[0],
      promote: async (tx, w) => {
        await sql`update test_waiters set status = 'confirmed' where id = ${w.id}`.execute(tx)
      },
    }
    const statuses = async () => (await sql<{ id: number; status: string }>`select id, status from test_waiters order by id`.execute(t.db)).rows.map((r) => r.status)

    // Three seats free: the party of two goes up; the party of three does not fit and keeps its turn before the one.
    const promoted = await t.db.transaction().execute((tx) => capacity.release(tx, id, 3, waitlist))
    expect(promoted).toEqual([{ id: 1, quantity: 2 }])
    expect(await statuses()).toEqual(['confirmed', 'waiting', 'waiting'])
    expect(await unitRow(id)).toEqual({ places: 4, taken: 3 })

    // Two more free (three in all): the party of three goes up; the one behind it finds the bus full again.
    const next = await t.db.transaction().execute((tx) => capacity.release(tx, id, 2, waitlist))
    expect(next).toEqual([{ id: 2, quantity: 3 }])
    expect(await statuses()).toEqual(['confirmed', 'confirmed', 'waiting'])
    expect(await unitRow(id)).toEqual({ places: 4, taken: 4 })

    // A rolled-back release promotes nobody and frees nothing.
    await expect(
      t.db.transaction().execute(async (tx) => {
        await capacity.release(tx, id, 1, waitlist)
        throw new Error('the cancellation failed after all')
      }),
    ).rejects.toThrow('the cancellation failed')
    expect(await statuses()).toEqual(['confirmed', 'confirmed', 'waiting'])
    expect(await unitRow(id)).toEqual({ places: 4, taken: 4 })
  })
})
