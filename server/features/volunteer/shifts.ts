// Shifts and who holds their places. Leaders publish shifts for their team (staff for any); volunteers sign up
// through the capacity mechanism inside a transaction that first holds the person's row, so two sign-ups of one
// person — on two phones, or two servers — run one after the other and the second sees the first: nobody holds
// two overlapping shifts or too long a stretch. Signing out gives the place back at once.
import type { z } from 'zod'
import { addDays, atLocal } from '../../../common/time'
import { unusedCode } from '../../core/codes'
import type { AuthedCtx, Ctx, Services } from '../../core/context'
import { AppError, badInput, conflict, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import type { Db } from '../../db/connect'
import { notify } from '../messages/service'
import type { shiftInput, ShiftOut, ShiftSignupOut } from './actions'
import { ledTeams, shiftLink, shiftsOut, signupsOut, unitKey, viewerOf, when, type Viewer } from './present'
import * as repo from './repo'
import { shiftRefusal, signupRefusal, stretchRefusal } from './rules'
import { volunteerSettings } from './settings'
import type { ShiftRow } from './tables'

type ShiftInput = z.output<typeof shiftInput>

const FULL = '该班次名额已满'
const TWICE = '您已报名该班次'

async function one(services: Services, v: Viewer | null, s: ShiftRow): Promise<ShiftOut> {
  return (await shiftsOut(services, v, [s]))[0]!
}

export async function shift(ctx: AuthedCtx, id: number): Promise<ShiftOut> {
  const s = await repo.shift(ctx.db, id)
  if (!s) throw notFound('没有找到该班次')
  return one(ctx, await viewerOf(ctx, ctx.actor), s)
}

/** Coming shifts for a volunteer: their own team's, then other teams' open to all. */
export async function list(ctx: AuthedCtx): Promise<{ own: ShiftOut[]; open: ShiftOut[] }> {
  const v = await viewerOf(ctx, ctx.actor)
  const rows = await repo.comingShifts(ctx.db, { fromIso: ctx.clock().toISOString() })
  const shown = await shiftsOut(ctx, v, rows.filter((s) => s.team_id === v.team?.id || s.open_to_all === 1))
  return { own: shown.filter((s) => s.team.id === v.team?.id), open: shown.filter((s) => s.team.id !== v.team?.id) }
}

export async function teamShifts(ctx: AuthedCtx, teamId: number) {
  const v = await viewerOf(ctx, ctx.actor)
  const team = (await ledTeams(ctx, v)).find((t) => t.id === teamId)
  if (!team) throw notFound('没有找到该志愿服务队')
  const now = ctx.clock()
  const [coming, past] = await Promise.all([
    repo.comingShifts(ctx.db, { fromIso: now.toISOString(), teamId, states: ['published', 'cancelled'] }),
    repo.pastShifts(ctx.db, teamId, new Date(now.getTime() - 31 * 86_400_000).toISOString(), now.toISOString()),
  ])
  return { team, coming: await shiftsOut(ctx, v, coming), past: await shiftsOut(ctx, v, past) }
}

export async function forEvent(ctx: Ctx, eventId: number): Promise<ShiftOut[]> {
  const rows = await repo.comingShifts(ctx.db, { fromIso: ctx.clock().toISOString(), eventId })
  return shiftsOut(ctx, ctx.actor && ctx.actor.consented ? await viewerOf(ctx, ctx.actor) : null, rows)
}

/** The instants of a shift given as a day and two clock times; an end before the start is on the next day. */
export function shiftTimes(input: Pick<ShiftInput, 'date' | 'starts' | 'ends'>) {
  const startsAt = atLocal(input.date, input.starts)
  const endsAt = atLocal(input.ends < input.starts ? addDays(input.date, 1) : input.date, input.ends)
  return { startsAt, endsAt }
}

export async function publish(ctx: AuthedCtx, input: ShiftInput): Promise<ShiftOut> {
  const v = await viewerOf(ctx, ctx.actor)
  if (!(await ledTeams(ctx, v)).some((t) => t.id === input.teamId)) throw badInput({ teamId: '您只能为自己带领的队伍发布班次' })
  const { startsAt, endsAt } = shiftTimes(input)
  const now = ctx.clock()
  if (Date.parse(startsAt) <= now.getTime()) throw badInput({ date: '服务时间已过，请重新选择' })
  const { maxHoursInRow } = await volunteerSettings.read(ctx.db)
  if (Date.parse(endsAt) - Date.parse(startsAt) > maxHoursInRow * 3_600_000) throw badInput({ ends: `一个班次不能超过${maxHoursInRow}小时` })
  if (input.eventId !== null) {
    const e = await repo.eventExists(ctx.db, input.eventId)
    if (!e || e.state !== 'published') throw badInput({ eventId: '所选活动不存在或未发布' })
  }
  const nowIso = now.toISOString()
  const id = await ctx.db.transaction().execute(async (tx) => {
    const code = await unusedCode(async (c) => !!(await repo.shiftByCode(tx, c)))
    const unitId = await ctx.capacity.unitFor(tx, unitKey(code, input.teamId, startsAt), input.places)
    return repo.insertShift(tx, {
      team_id: input.teamId,
      event_id: input.eventId,
      task: input.task,
      place: input.place,
      starts_at: startsAt,
      ends_at: endsAt,
      places: input.places,
      qualification: input.qualification,
      release_hours: input.releaseHours,
      open_to_all: input.openToAll ? 1 : 0,
      state: 'published',
      unit_id: unitId,
      check_code: code,
      cancel_reason: null,
      created_by: v.userId,
      created_at: nowIso,
      updated_at: nowIso,
    })
  })
  return one(ctx, v, (await repo.shift(ctx.db, id))!)
}

/** Cancelling ends every holding of the shift and tells each volunteer why. */
export async function cancelShift(ctx: AuthedCtx, id: number, reason: string): Promise<ShiftOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const s = await repo.shift(ctx.db, id)
  if (!s) throw notFound('没有找到该班次')
  const refused = shiftRefusal('cancel', v.lead, { state: s.state, teamId: s.team_id, startsAt: s.starts_at, endsAt: s.ends_at }, ctx.clock())
  if (refused) throw new AppError(refused.code, refused.message)
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.setShift(tx, id, ['published'], { state: 'cancelled', cancel_reason: reason, updated_at: now }))) throw conflict('该班次已取消')
    for (const x of await repo.signupsOfShift(tx, id, ['signed'])) {
      await repo.setSignup(tx, x.id, ['signed'], { state: 'cancelled', updated_at: now })
      await ctx.capacity.release(tx, s.unit_id, 1)
      await notify(tx, {
        userId: x.user_id,
        title: '服务班次已取消',
        body: `您报名的「${s.task}」（${when(s.starts_at)}）已取消：${reason}。`,
        link: shiftLink(s.id),
        template: 'volunteer_shift_changed',
        payload: { shiftId: s.id, signupId: x.id, task: s.task, startsAt: s.starts_at, change: 'cancelled', note: reason },
        now,
      })
    }
  })
  return one(ctx, v, (await repo.shift(ctx.db, id))!)
}

export async function signUp(ctx: AuthedCtx, shiftId: number): Promise<ShiftSignupOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const s = await repo.shift(ctx.db, shiftId)
  if (!s) throw notFound('没有找到该班次')
  const shown = await one(ctx, v, s)
  if (shown.mine) throw conflict(TWICE)
  if (shown.eligibility && !shown.eligibility.ok) throw conflict(shown.eligibility.reason ?? '您不能报名该班次')
  const { maxHoursInRow } = await volunteerSettings.read(ctx.db)
  const now = ctx.clock().toISOString()
  try {
    const id = await ctx.db.transaction().execute(async (tx) => {
      // One person's sign-ups one at a time: the overlap and stretch rules read what the person holds, and that
      // read must see a racing sign-up of theirs, committed before this one goes on.
      await repo.lockPerson(tx, ctx.engine, v.userId)
      const held = await repo.heldSpans(tx, v.userId, new Date(Date.parse(s.starts_at) - (maxHoursInRow + 24) * 3_600_000).toISOString())
      const refused = stretchRefusal(held, { startsAt: s.starts_at, endsAt: s.ends_at, task: s.task }, maxHoursInRow)
      if (refused) throw conflict(refused)
      await ctx.capacity.takeOrRefuse(tx, s.unit_id, 1, FULL)
      return repo.insertSignup(tx, {
        shift_id: s.id,
        user_id: v.userId,
        code: await unusedCode(async (c) => !!(await repo.signupByCode(tx, c))),
        state: 'signed',
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        released_by: null,
        released_at: null,
        reminded_at: null,
        created_at: now,
        updated_at: now,
      })
    })
    return signupDetail(ctx, v, id)
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(TWICE)
    throw err
  }
}

export async function signupDetail(ctx: AuthedCtx, v: Viewer, id: number): Promise<ShiftSignupOut> {
  const r = await repo.signup(ctx.db, id)
  const s = r && (await repo.shift(ctx.db, r.shift_id))
  if (!r || !s || !(r.user_id === v.userId || v.staff || v.lead.ledTeamIds.includes(s.team_id))) throw notFound('没有找到该报名')
  return (await signupsOut(ctx, v, [r]))[0]!
}

/** The volunteer before the deadline; a leader of the team or staff until the shift ends, telling the volunteer. */
export async function signOut(ctx: AuthedCtx, id: number): Promise<ShiftSignupOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const r = await repo.signup(ctx.db, id)
  const s = r && (await repo.shift(ctx.db, r.shift_id))
  if (!r || !s) throw notFound('没有找到该报名')
  const checkedIn = (await repo.hoursOfSignups(ctx.db, [r.id])).length > 0
  const refused = signupRefusal('signOut', v.lead, { state: r.state, userId: r.user_id, teamId: s.team_id, startsAt: s.starts_at, endsAt: s.ends_at, releaseHours: s.release_hours, checkedIn }, ctx.clock())
  if (refused) throw new AppError(refused.code, refused.message)
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.setSignup(tx, r.id, ['signed'], { state: 'released', released_by: v.userId, released_at: now, updated_at: now }))) throw conflict('该报名刚刚有变化，请刷新后再试')
    await ctx.capacity.release(tx, s.unit_id, 1)
    if (r.user_id !== v.userId) {
      await notify(tx, {
        userId: r.user_id,
        title: '您已被移出服务班次',
        body: `队长已将您移出「${s.task}」（${when(s.starts_at)}），名额已让出。如有疑问请联系队长。`,
        link: shiftLink(s.id),
        template: 'volunteer_shift_changed',
        payload: { shiftId: s.id, signupId: r.id, task: s.task, startsAt: s.starts_at, change: 'released', note: null },
        now,
      })
    }
  })
  return signupDetail(ctx, v, r.id)
}

/** Gives back every coming shift a person holds (leaving the team, deleting the account). */
export async function releaseAll(services: Services, tx: Db, userId: number, now: string): Promise<void> {
  for (const r of await repo.signupsOfUser(tx, userId, { endsAfter: now })) {
    if (r.state !== 'signed' || Date.parse(r.starts_at) <= Date.parse(now)) continue
    const s = (await repo.shift(tx, r.shift_id))!
    if (await repo.setSignup(tx, r.id, ['signed'], { state: 'released', released_by: userId, released_at: now, updated_at: now })) await services.capacity.release(tx, s.unit_id, 1)
  }
}

export async function mine(ctx: AuthedCtx): Promise<{ upcoming: ShiftSignupOut[]; past: ShiftSignupOut[] }> {
  const v = await viewerOf(ctx, ctx.actor)
  const now = ctx.clock().toISOString()
  const rows = await repo.signupsOfUser(ctx.db, v.userId, { endsAfter: new Date(Date.parse(now) - 180 * 86_400_000).toISOString() })
  const all = await signupsOut(ctx, v, rows)
  const upcoming = all.filter((x) => x.state === 'signed' && x.shift.endsAt > now)
  const past = all.filter((x) => !upcoming.includes(x) && x.state !== 'cancelled').reverse()
  return { upcoming, past }
}
