// The shared mechanism on its own, on both engines: take only while free, release, places changed under holdings,
// and the shared waiting list — promotion inside the releasing transaction, strictly first come first served,
// whole parties only, and offers that lapse and pass on.
import { engines, startBackend, type TestBackend } from '../testing/harness'
import type { Db } from '../db/connect'
import { guarded as capacity, type Promotion, type Waiter } from './capacity'

describe.each(engines())('capacity on %s', (engine) => {
  let t: TestBackend
  let people: number[]
  beforeAll(async () => {
    t = await startBackend(engine)
    people = (await t.db.selectFrom('users').select('id').orderBy('id').limit(6).execute()).map((u) => u.id)
  })
  afterAll(() => t?.close())

  const db = () => t.db as unknown as Db
  const NOW = '2026-12-01T02:00:00.000Z'
  const unitRow = (id: number) => t.db.selectFrom('capacity_units').select(['places', 'taken']).where('id', '=', id).executeTakeFirstOrThrow()
  const key = (ref: string, ownerId = 1, startsAt = '2026-12-07T01:00:00.000Z') => ({ scope: 'test', ref, ownerId, startsAt })
  /** A feature's own side of a promotion: it records who went up, in order. */
  const recorder = (extra: Partial<Promotion> = {}) => {
    const promoted: Waiter[] = []
    const promotion: Promotion = { now: NOW, promote: async (_tx, w) => void promoted.push(w), ...extra }
    return { promoted, promotion }
  }
  const states = async (ids: number[]) => (await Promise.all(ids.map((id) => capacity.waiter(db(), id)))).map((w) => w?.state)

  test('a unit is made once with its places and owner; take succeeds only while enough are free', async () => {
    const id = await capacity.unitFor(db(), key('a'), 3)
    expect(await capacity.unitFor(db(), key('a'), 99)).toBe(id)
    expect(await t.db.selectFrom('capacity_units').select(['owner_id', 'starts_at', 'places', 'taken']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
      owner_id: 1,
      starts_at: '2026-12-07T01:00:00.000Z',
      places: 3,
      taken: 0,
    })
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

  test('a plan change reaches the owner’s units from a moment on, by their columns, and no others', async () => {
    const past = await capacity.unitFor(db(), key('p-past', 7, '2026-11-30T01:00:00.000Z'), 2)
    const later = await capacity.unitFor(db(), key('p-later', 7, '2026-12-08T01:00:00.000Z'), 2)
    const other = await capacity.unitFor(db(), key('p-other', 8, '2026-12-08T01:00:00.000Z'), 2)
    await capacity.setPlacesFrom(db(), 'test', 7, NOW, 5)
    expect([(await unitRow(past)).places, (await unitRow(later)).places, (await unitRow(other)).places]).toEqual([2, 5, 2])
  })

  test('release promotes the queue in the same transaction, in order, while whole parties fit', async () => {
    const id = await capacity.unitFor(db(), key('bus'), 4)
    expect(await capacity.take(db(), id, 4)).toBe(true)
    const none = recorder()
    const [a, b, c] = [
      await capacity.join(db(), id, people[0]!, 2, none.promotion),
      await capacity.join(db(), id, people[1]!, 3, none.promotion),
      await capacity.join(db(), id, people[2]!, 1, none.promotion),
    ]
    expect(none.promoted).toEqual([])
    expect([a.state, await capacity.position(db(), a.id), await capacity.position(db(), b.id), await capacity.position(db(), c.id)]).toEqual(['waiting', 1, 2, 3])
    await expect(capacity.join(db(), id, people[0]!, 1, none.promotion)).rejects.toMatchObject({ code: 'CONFLICT', message: '您已在候补名单中' })

    // Three seats free: the party of two goes up; the party of three does not fit and keeps its turn before the one.
    const r1 = recorder()
    const promoted = await t.db.transaction().execute((tx) => capacity.release(tx, id, 3, r1.promotion))
    expect(promoted.map((w) => [w.id, w.quantity, w.state])).toEqual([[a.id, 2, 'promoted']])
    expect(r1.promoted.map((w) => w.id)).toEqual([a.id])
    expect(await states([a.id, b.id, c.id])).toEqual(['promoted', 'waiting', 'waiting'])
    expect([await capacity.position(db(), b.id), await capacity.position(db(), c.id), await capacity.position(db(), a.id)]).toEqual([1, 2, null])
    expect(await unitRow(id)).toEqual({ places: 4, taken: 3 })

    // A rolled-back release promotes nobody and frees nothing.
    await expect(
      t.db.transaction().execute(async (tx) => {
        await capacity.release(tx, id, 2, recorder().promotion)
        throw new Error('the cancellation failed after all')
      }),
    ).rejects.toThrow('the cancellation failed')
    expect(await states([b.id, c.id])).toEqual(['waiting', 'waiting'])
    expect(await unitRow(id)).toEqual({ places: 4, taken: 3 })

    // Two more free (three in all): the party of three goes up; the one behind it finds the bus full again.
    const r2 = recorder()
    await t.db.transaction().execute((tx) => capacity.release(tx, id, 2, r2.promotion))
    expect(r2.promoted.map((w) => w.id)).toEqual([b.id])
    expect(await states([b.id, c.id])).toEqual(['promoted', 'waiting'])
    expect(await unitRow(id)).toEqual({ places: 4, taken: 4 })

    // Leaving the queue keeps the order of those behind; the person may queue again later.
    expect(await capacity.leave(db(), c.id, none.promotion)).toBe('waiting')
    expect(await capacity.leave(db(), c.id, none.promotion)).toBeNull()
    expect((await capacity.join(db(), id, people[2]!, 1, none.promotion)).state).toBe('waiting')
    expect((await capacity.queue(db(), id)).map((w) => w.userId)).toEqual([people[2]])
  })

  test('nobody waits beside free places: joining while places are free serves the queue at once', async () => {
    const id = await capacity.unitFor(db(), key('free'), 2)
    const r = recorder()
    const w = await capacity.join(db(), id, people[3]!, 2, r.promotion)
    expect(w.state).toBe('promoted')
    expect(r.promoted.map((x) => x.id)).toEqual([w.id])
    expect(await unitRow(id)).toEqual({ places: 2, taken: 2 })
  })

  test('offers: held for a set time, confirmed in time, or passed on when they lapse or are declined', async () => {
    const id = await capacity.unitFor(db(), key('offer'), 1)
    expect(await capacity.take(db(), id, 1)).toBe(true)
    const wait = recorder({ offerMinutes: 30 })
    const [first, second, third] = [
      await capacity.join(db(), id, people[0]!, 1, wait.promotion),
      await capacity.join(db(), id, people[1]!, 1, wait.promotion),
      await capacity.join(db(), id, people[2]!, 1, wait.promotion),
    ]

    // The seat frees up: the first in line is offered it until 30 minutes later, and it stays theirs meanwhile.
    const r = recorder({ offerMinutes: 30 })
    await t.db.transaction().execute((tx) => capacity.release(tx, id, 1, r.promotion))
    expect(r.promoted.map((w) => [w.id, w.state, w.offerExpiresAt])).toEqual([[first.id, 'offered', '2026-12-01T02:30:00.000Z']])
    expect(await unitRow(id)).toEqual({ places: 1, taken: 1 })
    expect(await capacity.lapsedOffers(db(), 'test', '2026-12-01T02:29:59.000Z')).toEqual([])

    // Half an hour passes: the sweep expires it and the seat is offered to the next one.
    const lapsed = await capacity.lapsedOffers(db(), 'test', '2026-12-01T02:30:00.000Z')
    expect(lapsed.map((w) => w.id)).toEqual([first.id])
    expect(await capacity.confirm(db(), first.id, '2026-12-01T02:30:00.000Z')).toBe(false)
    const later = recorder({ offerMinutes: 30, now: '2026-12-01T02:30:00.000Z' })
    expect(await capacity.expireOffer(db(), first.id, later.promotion)).toBe(true)
    expect(await capacity.expireOffer(db(), first.id, later.promotion)).toBe(false)
    expect(later.promoted.map((w) => w.id)).toEqual([second.id])
    expect(await states([first.id, second.id, third.id])).toEqual(['expired', 'offered', 'waiting'])

    // The second declines: the seat passes to the third, who confirms in time and holds it.
    const declined = recorder({ offerMinutes: 30, now: '2026-12-01T02:40:00.000Z' })
    expect(await capacity.leave(db(), second.id, declined.promotion)).toBe('offered')
    expect(declined.promoted.map((w) => w.id)).toEqual([third.id])
    expect(await capacity.confirm(db(), third.id, '2026-12-01T02:41:00.000Z')).toBe(true)
    expect(await states([second.id, third.id])).toEqual(['declined', 'promoted'])
    expect(await unitRow(id)).toEqual({ places: 1, taken: 1 })
  })
})
