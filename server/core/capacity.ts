// Places without overbooking, one mechanism for appointment slots, shuttle seats, event places and shift places.
//
// A thing with places is a row of capacity_units: `scope` and `ref` name it in the feature's terms, `owner_id`
// and `starts_at` say what it belongs to (a service, a departure, an event, a shift) and when it starts. Within
// the feature's transaction:
// - take() is ONE conditional UPDATE that adds to `taken` only while enough places are free. Two requests racing
//   for the last place both run it; the database lets exactly one of them match the condition. Nothing reads the
//   count first and decides in JavaScript: such a check passes for both racers. Nothing else ever grants.
// - The feature's own table carries a unique constraint so one person cannot hold the same thing twice, and the
//   pipeline's idempotency key makes a double tap one booking.
// - The waiting list is shared too (capacity_waiters): release() gives places back and, in the same transaction,
//   promotes whoever waits, first come first served and whole parties only, so a freed place goes to the queue
//   before anyone new can take it. A feature that wants it makes the promotion an offer the person confirms
//   before a deadline; an offer that lapses passes the places on (expireOffer(), run by the feature's sweep).
//
// The backend holds the mechanism as `Services.capacity`, built by mechanism() around the one granting
// statement, so the concurrency tests can build it around a statement without the condition (their negative
// control) and every change of places or holdings is covered by it.
import { sql } from 'kysely'
import type { Db } from '../db/connect'
import { conflict } from './errors'
import { isUniqueViolation } from './unique'

export interface UnitKey {
  /** The feature: 'appointment', 'shuttle', 'event', 'shift'. */
  scope: string
  /** The thing within the feature, unique in the scope, e.g. `<serviceId>@<slot start>`. */
  ref: string
  /** What the unit belongs to in the feature (the service, the departure, the event, the shift). */
  ownerId: number
  /** When the thing with places starts (ISO instant). */
  startsAt: string
}

export interface Usage {
  places: number
  taken: number
  left: number
}

export type WaiterState = 'waiting' | 'offered' | 'promoted' | 'declined' | 'expired' | 'left'

/** Someone in a unit's queue. */
export interface Waiter {
  id: number
  unitId: number
  userId: number
  quantity: number
  state: WaiterState
  joinedAt: string
  offerExpiresAt: string | null
}

/** How a feature turns a waiter into a holding, passed wherever places may free up. */
export interface Promotion {
  /** The feature's own row becomes a holding (its places are already taken) and the person is told. */
  promote(db: Db, waiter: Waiter): Promise<void>
  /** Promotions are offers held this long for the person to confirm; without it they are holdings at once. */
  offerMinutes?: number
  now: string
}

/**
 * The promotion of a feature that keeps its own row beside each queue entry (the riders a seat is for, the companions
 * of a sign-up): the entry's row is found by `rowOf` and turned into a holding by `promoteRow`, which also tells the
 * person. An entry without a row yet is the joiner itself, promoted inside join() before the feature wrote its row:
 * it is caught in `joining`, for the feature to promote once the row exists.
 */
export function promotionVia<R>(
  now: string,
  rowOf: (db: Db, waiterId: number) => Promise<R | undefined>,
  promoteRow: (db: Db, row: R, now: string) => Promise<void>,
  joining?: { waiter: Waiter | null },
): Promotion {
  return {
    now,
    async promote(db, waiter) {
      const row = await rowOf(db, waiter.id)
      if (row !== undefined) return promoteRow(db, row, now)
      if (joining) joining.waiter = waiter
    },
  }
}

/** The one statement that grants places: adds `n` to `taken` of the unit if that many are free. */
export type Grant = (db: Db, unitId: number, n: number) => Promise<boolean>

export const conditionalGrant: Grant = async (db, unitId, n) => {
  const res = await db
    .updateTable('capacity_units')
    .set({ taken: sql<number>`taken + ${n}` })
    .where('id', '=', unitId)
    .where(sql<boolean>`taken + ${n} <= places`)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

const WAITER_COLUMNS = ['id', 'unit_id', 'user_id', 'quantity', 'state', 'joined_at', 'offer_expires_at'] as const
type WaiterRow = { id: number; unit_id: number; user_id: number; quantity: number; state: string; joined_at: string; offer_expires_at: string | null }
const toWaiter = (r: WaiterRow): Waiter => ({
  id: r.id,
  unitId: r.unit_id,
  userId: r.user_id,
  quantity: r.quantity,
  state: r.state as WaiterState,
  joinedAt: r.joined_at,
  offerExpiresAt: r.offer_expires_at,
})

export function mechanism(grant: Grant) {
  /**
   * The unit's id, creating it with `places` when it does not exist yet (slots of a weekly plan come into being
   * when first booked). Existing units keep their places: use setPlaces() to change them.
   */
  async function unitFor(db: Db, key: UnitKey, places: number): Promise<number> {
    const existing = await db.selectFrom('capacity_units').select('id').where('scope', '=', key.scope).where('ref', '=', key.ref).executeTakeFirst()
    if (existing) return existing.id
    await db
      .insertInto('capacity_units')
      .values({ scope: key.scope, ref: key.ref, owner_id: key.ownerId, starts_at: key.startsAt, places, taken: 0 })
      .onConflict((oc) => oc.columns(['scope', 'ref']).doNothing())
      .execute()
    const row = await db.selectFrom('capacity_units').select('id').where('scope', '=', key.scope).where('ref', '=', key.ref).executeTakeFirstOrThrow()
    return row.id
  }

  /** Takes `n` places of the unit if that many are free; false (and nothing changed) otherwise. */
  const take = (db: Db, unitId: number, n = 1) => grant(db, unitId, n)

  /** take(), or the 409 the person sees when the places went to someone else. */
  async function takeOrRefuse(db: Db, unitId: number, n: number, message: string): Promise<void> {
    if (!(await take(db, unitId, n))) throw conflict(message)
  }

  /** Promotes waiters from the head of the queue while their whole party fits. */
  async function fill(db: Db, unitId: number, promotion: Promotion): Promise<Waiter[]> {
    const promoted: Waiter[] = []
    for (;;) {
      const head = await db
        .selectFrom('capacity_waiters')
        .select(WAITER_COLUMNS)
        .where('unit_id', '=', unitId)
        .where('state', '=', 'waiting')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()
      if (!head || !(await take(db, unitId, head.quantity))) break
      const offer = promotion.offerMinutes
      const expires = offer ? new Date(Date.parse(promotion.now) + offer * 60_000).toISOString() : null
      await db
        .updateTable('capacity_waiters')
        .set(offer ? { state: 'offered', offered_at: promotion.now, offer_expires_at: expires } : { state: 'promoted', settled_at: promotion.now })
        .where('id', '=', head.id)
        .where('state', '=', 'waiting')
        .execute()
      const waiter = toWaiter({ ...head, state: offer ? 'offered' : 'promoted', offer_expires_at: expires })
      await promotion.promote(db, waiter)
      promoted.push(waiter)
    }
    return promoted
  }

  /**
   * Gives `n` places back and, when a promotion is given, promotes waiters in order while their whole party
   * fits: a party of three at the head is not passed by a party of one. Returns the promoted entries. Call it
   * inside the transaction that ends the holding.
   */
  async function release(db: Db, unitId: number, n = 1, promotion?: Promotion): Promise<Waiter[]> {
    await db
      .updateTable('capacity_units')
      .set({ taken: sql<number>`taken - ${n}` })
      .where('id', '=', unitId)
      .where('taken', '>=', n)
      .execute()
    return promotion ? fill(db, unitId, promotion) : []
  }

  /**
   * Joins the unit's queue with a party of `quantity`, refused when the person already waits for it. When places
   * are free meanwhile (someone left between the person's try and now), the queue is served at once, the joiner
   * included if they are next: nobody waits beside free places.
   */
  async function join(db: Db, unitId: number, userId: number, quantity: number, promotion: Promotion): Promise<Waiter> {
    let id: number
    try {
      const row = await db
        .insertInto('capacity_waiters')
        .values({ unit_id: unitId, user_id: userId, quantity, state: 'waiting', joined_at: promotion.now })
        .returning('id')
        .executeTakeFirstOrThrow()
      id = row.id
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('您已在候补名单中')
      throw err
    }
    await fill(db, unitId, promotion)
    return (await waiter(db, id))!
  }

  async function waiter(db: Db, id: number): Promise<Waiter | undefined> {
    const row = await db.selectFrom('capacity_waiters').select(WAITER_COLUMNS).where('id', '=', id).executeTakeFirst()
    return row ? toWaiter(row) : undefined
  }

  /** 1 for the head of the queue; null once the entry no longer waits. */
  async function position(db: Db, id: number): Promise<number | null> {
    const me = await waiter(db, id)
    if (!me || me.state !== 'waiting') return null
    const ahead = await db
      .selectFrom('capacity_waiters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', '=', me.unitId)
      .where('state', '=', 'waiting')
      .where('id', '<', id)
      .executeTakeFirstOrThrow()
    return Number(ahead.n) + 1
  }

  /** Who waits for a unit, in order. */
  async function queue(db: Db, unitId: number): Promise<Waiter[]> {
    const rows = await db.selectFrom('capacity_waiters').select(WAITER_COLUMNS).where('unit_id', '=', unitId).where('state', 'in', ['waiting', 'offered']).orderBy('id').execute()
    return rows.map(toWaiter)
  }

  /**
   * The person leaves the queue. Leaving an offer gives its held places back, to the next in line. Returns the
   * state the entry was in, or null when it had already left the queue.
   */
  async function leave(db: Db, id: number, promotion: Promotion): Promise<WaiterState | null> {
    const me = await waiter(db, id)
    if (!me || (me.state !== 'waiting' && me.state !== 'offered')) return null
    const res = await db
      .updateTable('capacity_waiters')
      .set({ state: me.state === 'offered' ? 'declined' : 'left', settled_at: promotion.now })
      .where('id', '=', id)
      .where('state', '=', me.state)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) return null
    if (me.state === 'offered') await release(db, me.unitId, me.quantity, promotion)
    return me.state
  }

  /** The person takes up an offer before it lapses; false when it has lapsed or was never made. */
  async function confirm(db: Db, id: number, nowIso: string): Promise<boolean> {
    const res = await db
      .updateTable('capacity_waiters')
      .set({ state: 'promoted', settled_at: nowIso })
      .where('id', '=', id)
      .where('state', '=', 'offered')
      .where('offer_expires_at', '>', nowIso)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  /** Offers of a scope whose deadline has passed, for the feature's sweep to expire one by one. */
  async function lapsedOffers(db: Db, scope: string, nowIso: string): Promise<Waiter[]> {
    const rows = await db
      .selectFrom('capacity_waiters')
      .innerJoin('capacity_units', 'capacity_units.id', 'capacity_waiters.unit_id')
      .select(WAITER_COLUMNS.map((c) => `capacity_waiters.${c}` as const))
      .where('capacity_units.scope', '=', scope)
      .where('capacity_waiters.state', '=', 'offered')
      .where('capacity_waiters.offer_expires_at', '<=', nowIso)
      .orderBy('capacity_waiters.id')
      .execute()
    return rows.map(toWaiter)
  }

  /** Expires one lapsed offer and passes its places on; false when it was confirmed or expired meanwhile. */
  async function expireOffer(db: Db, id: number, promotion: Promotion): Promise<boolean> {
    const me = await waiter(db, id)
    if (!me) return false
    const res = await db
      .updateTable('capacity_waiters')
      .set({ state: 'expired', settled_at: promotion.now })
      .where('id', '=', id)
      .where('state', '=', 'offered')
      .where('offer_expires_at', '<=', promotion.now)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) return false
    await release(db, me.unitId, me.quantity, promotion)
    return true
  }

  /** Changes how many places a unit has. Lowering below `taken` keeps those holdings. */
  async function setPlaces(db: Db, unitId: number, places: number): Promise<void> {
    await db.updateTable('capacity_units').set({ places }).where('id', '=', unitId).execute()
  }

  /** A plan change: every unit of the owner starting at or after `fromIso` gets `places`. */
  async function setPlacesFrom(db: Db, scope: string, ownerId: number, fromIso: string, places: number): Promise<void> {
    await db.updateTable('capacity_units').set({ places }).where('scope', '=', scope).where('owner_id', '=', ownerId).where('starts_at', '>=', fromIso).execute()
  }

  /** Places and what is taken, per ref, for the units of a scope that exist; absent refs have nothing taken. */
  async function usageOf(db: Db, scope: string, refs: string[]): Promise<Map<string, Usage>> {
    const out = new Map<string, Usage>()
    if (refs.length === 0) return out
    const rows = await db.selectFrom('capacity_units').select(['ref', 'places', 'taken']).where('scope', '=', scope).where('ref', 'in', refs).execute()
    for (const r of rows) out.set(r.ref, { places: r.places, taken: r.taken, left: Math.max(0, r.places - r.taken) })
    return out
  }

  return { unitFor, take, takeOrRefuse, release, join, waiter, position, queue, leave, confirm, lapsedOffers, expireOffer, setPlaces, setPlacesFrom, usageOf }
}

export type Capacity = ReturnType<typeof mechanism>

/** The mechanism as production runs it. */
export const guarded: Capacity = mechanism(conditionalGrant)
