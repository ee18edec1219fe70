// Check-in and check-out at the place. A leader scans the volunteer's code (or taps their name on the desk list),
// or the volunteer scans the shift's code, which is accepted only from half an hour before the shift until an
// hour after it. The first scan checks in, the next checks out; the hours are the time in, within the shift.
import { maskPhone } from '../../../common/mask'
import type { AuthedCtx } from '../../core/context'
import { AppError, conflict, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import type { CheckOut, DeskOut } from './actions'
import { shiftsOut, viewerOf, type Viewer } from './present'
import * as repo from './repo'
import { CHECK_CLOSES_MINUTES, CHECK_OPENS_MINUTES, checkWindowRefusal, minutesWithin, shiftRefusal } from './rules'
import type { CheckVia, ShiftRow, ShiftSignupRow } from './tables'

async function deskShift(ctx: AuthedCtx, v: Viewer, shiftId: number): Promise<ShiftRow> {
  const s = await repo.shift(ctx.db, shiftId)
  if (!s) throw notFound('没有找到该班次')
  const refused = shiftRefusal('desk', v.lead, { state: s.state, teamId: s.team_id, startsAt: s.starts_at, endsAt: s.ends_at }, ctx.clock())
  if (refused) throw new AppError(refused.code, refused.message)
  return s
}

export async function desk(ctx: AuthedCtx, shiftId: number): Promise<DeskOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const s = await deskShift(ctx, v, shiftId)
  const signups = await repo.signupsOfShift(ctx.db, s.id, ['signed', 'no_show'])
  const [hours, people, [shown]] = await Promise.all([repo.hoursOfSignups(ctx.db, signups.map((x) => x.id)), repo.usersByIds(ctx.db, signups.map((x) => x.user_id)), shiftsOut(ctx, v, [s])])
  return {
    shift: shown!,
    entries: signups.map((x) => {
      const h = hours.find((y) => y.signup_id === x.id)
      const p = people.find((y) => y.id === x.user_id)
      return {
        signupId: x.id,
        userId: x.user_id,
        code: x.code,
        name: p?.name ?? '已注销',
        phoneMasked: maskPhone(p?.phone),
        state: x.state,
        hoursId: h?.id ?? null,
        checkedInAt: h?.checked_in_at ?? null,
        checkedOutAt: h?.checked_out_at ?? null,
        minutes: h?.minutes ?? null,
      }
    }),
    checkCode: s.check_code,
    codeValidFrom: new Date(Date.parse(s.starts_at) - CHECK_OPENS_MINUTES * 60_000).toISOString(),
    codeValidUntil: new Date(Date.parse(s.ends_at) + CHECK_CLOSES_MINUTES * 60_000).toISOString(),
  }
}

/** Checks in, or out when already in; a third scan is refused. */
async function toggle(ctx: AuthedCtx, v: Viewer, s: ShiftRow, r: ShiftSignupRow, via: CheckVia, by: number | null): Promise<CheckOut> {
  const now = ctx.clock()
  const at = now.toISOString()
  const [existing] = await repo.hoursOfSignups(ctx.db, [r.id])
  const [person] = await repo.usersByIds(ctx.db, [r.user_id])
  const name = person?.name ?? ''
  if (existing?.checked_out_at) throw conflict(`${by === null ? '您' : name}已签退`)
  const did = existing ? 'out' : 'in'
  const refused = checkWindowRefusal({ startsAt: s.starts_at, endsAt: s.ends_at }, now, did)
  if (refused) throw conflict(refused)
  let minutes: number | null = null
  if (!existing) {
    try {
      await repo.insertHours(ctx.db, {
        signup_id: r.id,
        user_id: r.user_id,
        shift_id: s.id,
        team_id: s.team_id,
        checked_in_at: at,
        checked_out_at: null,
        in_via: via,
        out_via: null,
        in_by: by,
        out_by: null,
        minutes: null,
        created_at: at,
      })
    } catch (err) {
      // Two scans at once: the first checked in, this one is the same check-in.
      if (isUniqueViolation(err)) throw conflict(`${by === null ? '您' : name}刚刚已签到`)
      throw err
    }
  } else {
    minutes = minutesWithin(existing.checked_in_at, at, s.starts_at, s.ends_at)
    if (!(await repo.checkOut(ctx.db, existing.id, { checked_out_at: at, out_via: via, out_by: by, minutes }))) throw conflict(`${by === null ? '您' : name}刚刚已签退`)
  }
  const [shown] = await shiftsOut(ctx, v, [s])
  return { did, name, at, minutes, shift: shown! }
}

export async function scanVolunteer(ctx: AuthedCtx, shiftId: number, code: string): Promise<CheckOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const s = await deskShift(ctx, v, shiftId)
  const r = await repo.signupByCode(ctx.db, code)
  if (!r || r.shift_id !== s.id) throw notFound('该签到码不属于本班次')
  if (r.state !== 'signed') throw conflict('该志愿者已不在本班次名单中')
  return toggle(ctx, v, s, r, 'leader', v.userId)
}

export async function scanShift(ctx: AuthedCtx, code: string): Promise<CheckOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const s = await repo.shiftByCode(ctx.db, code)
  if (!s || s.state !== 'published') throw notFound('班次签到码无效')
  const r = await repo.liveSignup(ctx.db, s.id, v.userId)
  if (!r) throw conflict(`您没有报名「${s.task}」，请先报名`)
  return toggle(ctx, v, s, r, 'scan', null)
}
