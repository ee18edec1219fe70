// Staff keep the windows: services with their weekly plan, closures, and the booking rules. A plan change or a
// closure never drops a booking: displaced bookings are marked for staff and their residents told, and future
// slots take the new number of places (through the capacity mechanism, like every change of places).
import type { z } from 'zod'
import { audit } from '../../core/audit'
import type { AuthedCtx } from '../../core/context'
import { badInput, notFound } from '../../core/errors'
import type { Db } from '../../db/connect'
import { minutesOf, startOfLocalDay } from '../../../common/time'
import { notify } from '../messages/service'
import { rulesOf } from './access'
import type { ClosureOut, Rules, ServiceAdminOut, serviceInput } from './actions'
import { SCOPE, planOf, today } from './catalog'
import { detailLink, toService, when } from './present'
import * as repo from './repo'
import { slotAt } from './slots'

async function adminOut(db: Db, rows: repo.ServiceRow[]): Promise<ServiceAdminOut[]> {
  const hours = await repo.hoursOf(db, rows.map((r) => r.id))
  return rows.map((r) => ({
    ...toService(r),
    hours: hours.filter((h) => h.serviceId === r.id).map((h) => ({ weekday: h.weekday, starts: h.starts, ends: h.ends })),
  }))
}

export async function manage(ctx: AuthedCtx): Promise<ServiceAdminOut[]> {
  return adminOut(ctx.db, await repo.services(ctx.db, false))
}

function checkHours(input: z.output<typeof serviceInput>) {
  input.hours.forEach((h, i) => {
    if (minutesOf(h.ends) <= minutesOf(h.starts)) throw badInput({ [`hours.${i}.ends`]: '结束时间应晚于开始时间' })
    if (minutesOf(h.ends) - minutesOf(h.starts) < input.durationMinutes) throw badInput({ [`hours.${i}.ends`]: '开放时间短于一个时段' })
    const clash = input.hours.findIndex(
      (o, j) => j < i && o.weekday === h.weekday && minutesOf(o.starts) < minutesOf(h.ends) && minutesOf(h.starts) < minutesOf(o.ends),
    )
    if (clash >= 0) throw badInput({ [`hours.${i}.starts`]: '同一天的开放时间有重叠' })
  })
}

/**
 * After a plan change: bookings whose slot no longer exists are marked for staff and the residents told; those
 * whose slot came back are unmarked; future slots get the new number of places. Returns how many are displaced.
 */
async function reconcile(ctx: AuthedCtx, tx: Db, serviceIds: number[]): Promise<number> {
  const now = ctx.clock()
  const nowIso = now.toISOString()
  let displaced = 0
  for (const serviceId of serviceIds) {
    const service = await repo.serviceById(tx, serviceId)
    if (!service) continue
    const plan = await planOf(tx, service, today(now))
    const live = await repo.liveBookingsFrom(tx, serviceId, nowIso)
    const gone = live.filter((b) => !slotAt(plan, b.startsAt))
    const back = live.filter((b) => b.displacedAt !== null && slotAt(plan, b.startsAt))
    const fresh = gone.filter((b) => b.displacedAt === null)
    await repo.setDisplaced(tx, fresh.map((b) => b.id), nowIso, nowIso)
    await repo.setDisplaced(tx, back.map((b) => b.id), null, nowIso)
    for (const b of fresh) {
      await notify(tx, {
        userId: b.residentId,
        title: '预约时段有变动',
        body: `社区调整了「${service.name}」的开放安排，您${when(b.startsAt)}的预约时段已取消开放。请在“我的预约”中改约或取消，工作人员也会与您联系。`,
        link: detailLink(b.id),
        template: 'appointment_changed',
        payload: { bookingId: b.id, service: service.name, startsAt: b.startsAt, change: 'displaced' },
        now: nowIso,
      })
    }
    await ctx.capacity.setPlacesFrom(tx, SCOPE, serviceId, nowIso, service.places)
    displaced += gone.length
  }
  return displaced
}

export async function saveService(ctx: AuthedCtx, input: z.output<typeof serviceInput>): Promise<{ service: ServiceAdminOut; displaced: number }> {
  checkHours(input)
  const { db } = ctx
  const clash = await repo.serviceByName(db, input.name)
  if (clash && clash.id !== input.id) throw badInput({ name: '已有同名的服务项目' })
  if (input.id !== undefined && !(await repo.serviceById(db, input.id))) throw notFound('没有找到该服务项目')
  const nowIso = ctx.clock().toISOString()
  const values = {
    name: input.name,
    description: input.description,
    checklist: JSON.stringify(input.checklist),
    kind: input.kind,
    notice: input.notice || null,
    duration_minutes: input.durationMinutes,
    places: input.places,
    book_ahead_days: input.bookAheadDays,
    min_notice_minutes: input.minNoticeMinutes,
    cancel_cutoff_minutes: input.cancelCutoffMinutes,
    active: input.active ? 1 : 0,
    updated_at: nowIso,
  }
  const result = await db.transaction().execute(async (tx) => {
    let id = input.id
    if (id === undefined) {
      id = await repo.insertService(tx, { ...values, sort_order: (await repo.lastSortOrder(tx)) + 1, created_at: nowIso })
    } else {
      await repo.updateService(tx, id, values)
    }
    await repo.replaceHours(tx, id, input.hours)
    const displaced = await reconcile(ctx, tx, [id])
    await audit(tx, { actorId: ctx.actor.userId, action: 'appointments.saveService', targetType: 'appt_service', targetId: id, detail: { name: input.name }, at: nowIso })
    return { id, displaced }
  })
  const [service] = await adminOut(db, [(await repo.serviceById(db, result.id))!])
  return { service: service!, displaced: result.displaced }
}

async function closureList(db: Db, now: Date): Promise<ClosureOut[]> {
  return repo.allClosures(db, today(now))
}

export async function closures(ctx: AuthedCtx): Promise<ClosureOut[]> {
  return closureList(ctx.db, ctx.clock())
}

export async function addClosure(
  ctx: AuthedCtx,
  input: { serviceId?: number; day: string; starts?: string; ends?: string; reason: string },
): Promise<{ closures: ClosureOut[]; displaced: number }> {
  const now = ctx.clock()
  if (!startOfLocalDay(input.day)) throw badInput({ day: '停办日期无效' })
  if (input.day < today(now)) throw badInput({ day: '停办日期不能早于今天' })
  if ((input.starts === undefined) !== (input.ends === undefined)) throw badInput({ [input.starts ? 'ends' : 'starts']: '请同时填写开始和结束时间，或都不填（全天停办）' })
  if (input.starts && input.ends && minutesOf(input.ends) <= minutesOf(input.starts)) throw badInput({ ends: '结束时间应晚于开始时间' })
  if (input.serviceId !== undefined && !(await repo.serviceById(ctx.db, input.serviceId))) throw badInput({ serviceId: '没有找到该服务项目' })
  const nowIso = now.toISOString()
  const displaced = await ctx.db.transaction().execute(async (tx) => {
    await repo.insertClosure(tx, { serviceId: input.serviceId ?? null, day: input.day, starts: input.starts ?? null, ends: input.ends ?? null, reason: input.reason, by: ctx.actor.userId, now: nowIso })
    const ids = input.serviceId !== undefined ? [input.serviceId] : (await repo.services(tx, false)).map((s) => s.id)
    return reconcile(ctx, tx, ids)
  })
  return { closures: await closureList(ctx.db, now), displaced }
}

export async function removeClosure(ctx: AuthedCtx, id: number): Promise<{ closures: ClosureOut[]; displaced: number }> {
  const now = ctx.clock()
  const displaced = await ctx.db.transaction().execute(async (tx) => {
    const gone = await repo.deleteClosure(tx, id)
    if (!gone) throw notFound('没有找到该停办安排')
    const ids = gone.serviceId !== null ? [gone.serviceId] : (await repo.services(tx, false)).map((s) => s.id)
    return reconcile(ctx, tx, ids)
  })
  return { closures: await closureList(ctx.db, now), displaced }
}

export async function rules(ctx: AuthedCtx): Promise<Rules> {
  return rulesOf(ctx.db)
}

export async function setRules(ctx: AuthedCtx, r: Rules): Promise<Rules> {
  const nowIso = ctx.clock().toISOString()
  await repo.setRules(ctx.db, r, nowIso)
  await audit(ctx.db, { actorId: ctx.actor.userId, action: 'appointments.setRules', targetType: 'community', detail: r, at: nowIso })
  return rulesOf(ctx.db)
}
