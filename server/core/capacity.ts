// Places without overbooking, one mechanism for appointment slots, shuttle seats, event places and shift places.
//
// A thing with places is a row of capacity_units (scope + ref name it in the feature's terms). Within the
// feature's transaction:
// - take() is ONE conditional UPDATE that adds to `taken` only while enough places are free. Two requests racing
//   for the last place both run it; the database lets exactly one of them match the condition. Nothing reads the
//   count first and decides in JavaScript: such a check passes for both racers.
// - The feature's own table carries a unique constraint so one person cannot hold the same thing twice, and the
//   pipeline's idempotency key makes a double tap one booking.
// - release() gives places back and, in the same transaction, promotes whoever waits, oldest first, so a freed
//   place goes to the queue before anyone new can take it.
import { sql } from 'kysely'
import type { Db } from '../db/connect'
import { conflict } from './errors'

export interface UnitKey {
  /** The feature: 'appointment', 'shuttle', 'event', 'shift'. */
  scope: string
  /** The thing within the feature, e.g. `<serviceId>@<slot start>`. */
  ref: string
}

export interface Usage {
  places: number
  taken: number
  left: number
}

/**
 * The unit's id, creating it with `places` when it does not exist yet (slots of a weekly plan come into being
 * when first booked). Existing units keep their places: use setPlaces() to change them.
 */
export async function unitFor(db: Db, key: UnitKey, places: number): Promise<number> {
  await db
    .insertInto('capacity_units')
    .values({ scope: key.scope, ref: key.ref, places, taken: 0 })
    .onConflict((oc) => oc.columns(['scope', 'ref']).doNothing())
    .execute()
  const row = await db
    .selectFrom('capacity_units')
    .select('id')
    .where('scope', '=', key.scope)
    .where('ref', '=', key.ref)
    .executeTakeFirstOrThrow()
  return row.id
}

/** Takes `n` places of the unit if that many are free; false (and nothing changed) otherwise. */
export async function take(db: Db, unitId: number, n = 1): Promise<boolean> {
  const res = await db
    .updateTable('capacity_units')
    .set({ taken: sql<number>`taken + ${n}` })
    .where('id', '=', unitId)
    .where(sql<boolean>`taken + ${n} <= places`)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** take(), or the 409 the person sees when the places went to someone else. */
export async function takeOrRefuse(db: Db, unitId: number, n: number, message: string): Promise<void> {
  if (!(await take(db, unitId, n))) throw conflict(message)
}

/** Someone waiting for places, as the feature keeps its queue. */
export interface Waiter {
  id: number
  quantity: number
}

export interface Waitlist {
  /** The longest-waiting entry for the unit, or undefined when nobody waits. */
  next(db: Db, unitId: number): Promise<Waiter | undefined>
  /** Turns the entry into a confirmed holding (its places are already taken) and tells the person. */
  promote(db: Db, waiter: Waiter): Promise<void>
}

/**
 * Gives `n` places back and, when a waitlist is given, promotes waiters in order while their whole party fits.
 * The queue is strictly first come, first served: a party of three at its head is not passed by a party of one.
 * Returns the promoted entries. Call it inside the transaction that ends the holding.
 */
export async function release(db: Db, unitId: number, n = 1, waitlist?: Waitlist): Promise<Waiter[]> {
  await db
    .updateTable('capacity_units')
    .set({ taken: sql<number>`taken - ${n}` })
    .where('id', '=', unitId)
    .where('taken', '>=', n)
    .execute()
  const promoted: Waiter[] = []
  if (!waitlist) return promoted
  for (;;) {
    const next = await waitlist.next(db, unitId)
    if (!next || !(await take(db, unitId, next.quantity))) break
    await waitlist.promote(db, next)
    promoted.push(next)
  }
  return promoted
}

/** Changes how many places a unit has (a plan change). Lowering below `taken` keeps those holdings. */
export async function setPlaces(db: Db, unitId: number, places: number): Promise<void> {
  await db.updateTable('capacity_units').set({ places }).where('id', '=', unitId).execute()
}

/** Places and what is taken, per ref, for the units of a scope that exist; absent refs have nothing taken. */
export async function usageOf(db: Db, scope: string, refs: string[]): Promise<Map<string, Usage>> {
  const out = new Map<string, Usage>()
  if (refs.length === 0) return out
  const rows = await db
    .selectFrom('capacity_units')
    .select(['ref', 'places', 'taken'])
    .where('scope', '=', scope)
    .where('ref', 'in', refs)
    .execute()
  for (const r of rows) out.set(r.ref, { places: r.places, taken: r.taken, left: Math.max(0, r.places - r.taken) })
  return out
}

/**
 * The mechanism as the backend holds it (Services.capacity). Features take places through this object so the
 * concurrency tests can run the same server with the guard removed (their negative control).
 */
export const guarded = { unitFor, take, takeOrRefuse, release, setPlaces, usageOf }
export type Capacity = typeof guarded
