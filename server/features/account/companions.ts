// 常用乘车人: the people a resident often books for, kept once and picked as shuttle riders, ticket-assistance
// passengers and event companions. Only what picking them needs: a name, how they are related, an optional phone.
// No ID numbers here: ticket assistance asks for them on the booking, sealed there and erased after the trip.
import { maskPhone } from '../../../common/personal'
import type { AuthedCtx } from '../../core/context'
import { badInput, conflict, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import type { Db } from '../../db/connect'
import { MAX_COMPANIONS, type CompanionOut, type companionInput } from './actions'
import type { z } from 'zod'

type Row = { id: number; name: string; relation: string; phone: string | null }

/** The owner sees the whole number they typed; lists elsewhere (a driver's manifest) never get it. */
const toOut = (r: Row): CompanionOut => ({ id: r.id, name: r.name, relation: r.relation, phone: r.phone, phoneMasked: r.phone ? maskPhone(r.phone) : null })

export async function companionsOf(db: Db, userId: number): Promise<CompanionOut[]> {
  const rows = await db.selectFrom('companions').select(['id', 'name', 'relation', 'phone']).where('user_id', '=', userId).orderBy('id').execute()
  return rows.map(toOut)
}

/** The caller's companions with these ids, in the order asked; a missing or someone else's id is a bad field. */
export async function pickCompanions(db: Db, userId: number, ids: number[], field: string): Promise<CompanionOut[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('companions').select(['id', 'name', 'relation', 'phone']).where('user_id', '=', userId).where('id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, toOut(r)]))
  return ids.map((id, i) => {
    const c = byId.get(id)
    if (!c) throw badInput({ [`${field}.${i}`]: '该常用乘车人不存在，请刷新后重选' })
    return c
  })
}

export async function saveCompanion(ctx: AuthedCtx, input: z.output<typeof companionInput>): Promise<CompanionOut[]> {
  const { db, actor } = ctx
  const now = ctx.clock().toISOString()
  const values = { name: input.name, relation: input.relation, phone: input.phone ?? null, updated_at: now }
  try {
    if (input.id !== undefined) {
      const res = await db.updateTable('companions').set(values).where('id', '=', input.id).where('user_id', '=', actor.userId).executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw notFound('该常用乘车人不存在或已删除')
    } else {
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('companions').values({ ...values, user_id: actor.userId, created_at: now }).execute()
        const { n } = await tx.selectFrom('companions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', actor.userId).executeTakeFirstOrThrow()
        if (Number(n) > MAX_COMPANIONS) throw conflict(`常用乘车人最多保存${MAX_COMPANIONS}位`)
      })
    }
  } catch (err) {
    if (isUniqueViolation(err)) throw badInput({ name: `已有名为“${input.name}”的常用乘车人` })
    throw err
  }
  return companionsOf(db, actor.userId)
}

export async function removeCompanion(ctx: AuthedCtx, id: number): Promise<CompanionOut[]> {
  const res = await ctx.db.deleteFrom('companions').where('id', '=', id).where('user_id', '=', ctx.actor.userId).executeTakeFirst()
  if (Number(res.numDeletedRows) !== 1) throw notFound('该常用乘车人不存在或已删除')
  return companionsOf(ctx.db, ctx.actor.userId)
}

/** Deleting an account deletes the people it kept. */
export async function forgetCompanions(tx: Db, userId: number): Promise<void> {
  await tx.deleteFrom('companions').where('user_id', '=', userId).execute()
}
