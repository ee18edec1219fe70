// The hours record: each volunteer's own, a team's for its leaders, every team's for staff. A leader corrects a
// record with a reason; the correction is a new row beside the untouched original and the newest one counts.
import { addDays, atLocal, localDay, local } from '../../../common/time'
import { audit } from '../../core/audit'
import type { AuthedCtx } from '../../core/context'
import { badInput, notFound } from '../../core/errors'
import type { HoursOut, SummaryOut, TeamHoursOut, TeamRef } from './actions'
import { effective, hoursOut, ledTeams, summaryOf, viewerOf, type Viewer } from './present'
import * as repo from './repo'
import { CHECK_CLOSES_MINUTES, CHECK_OPENS_MINUTES, minutesWithin } from './rules'

const at = (iso: string) => local(iso).format('M月D日 HH:mm')

export async function records(ctx: AuthedCtx): Promise<{ summary: SummaryOut; records: HoursOut[] }> {
  const v = await viewerOf(ctx, ctx.actor)
  const [summary, rows] = await Promise.all([summaryOf(ctx, v.userId), repo.hoursOf(ctx.db, { userIds: [v.userId] })])
  return { summary, records: await hoursOut(ctx, v, rows) }
}

/** A period as instants: from the start of its first Beijing day to the end of its last. */
export const periodBounds = (p: { from: string; to: string }) => ({ fromIso: atLocal(p.from, '00:00'), toIso: atLocal(addDays(p.to, 1), '00:00') })

/** The teams the caller may see the hours of, narrowed to one when asked. */
export async function teamsInView(ctx: AuthedCtx, v: Viewer, teamId: number | undefined): Promise<TeamRef[]> {
  const led = await ledTeams(ctx, v)
  if (teamId === undefined) return led
  const one = led.filter((t) => t.id === teamId)
  if (one.length === 0) throw notFound('没有找到该志愿服务队')
  return one
}

/** This Beijing year so far, when no period is asked. */
export function defaultPeriod(ctx: AuthedCtx) {
  const today = localDay(ctx.clock())
  return { from: `${today.slice(0, 4)}-01-01`, to: today }
}

export async function teamHours(ctx: AuthedCtx, input: { teamId?: number; period?: { from: string; to: string } }): Promise<TeamHoursOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const teams = await teamsInView(ctx, v, input.teamId)
  const period = input.period ?? defaultPeriod(ctx)
  const rows = await repo.hoursOf(ctx.db, { teamIds: teams.map((t) => t.id), ...periodBounds(period) })
  const shown = await hoursOut(ctx, v, rows)
  const members = new Map<string, TeamHoursOut['members'][number]>()
  for (const h of shown) {
    const key = `${h.volunteer.userId}:${h.shift.team.id}`
    const m = members.get(key) ?? { userId: h.volunteer.userId, name: h.volunteer.name, team: h.shift.team.name, minutes: 0, records: 0 }
    m.minutes += h.minutes ?? 0
    m.records += 1
    members.set(key, m)
  }
  return { teams, from: period.from, to: period.to, members: [...members.values()].sort((a, b) => b.minutes - a.minutes), records: shown }
}

type Moment = { date: string; time: string }

export async function correct(ctx: AuthedCtx, input: { hoursId: number; checkedIn: Moment; checkedOut: Moment; reason: string }): Promise<HoursOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const h = await repo.hoursRow(ctx.db, input.hoursId)
  if (!h || !(v.staff || v.lead.ledTeamIds.includes(h.team_id))) throw notFound('没有找到该时长记录')
  const s = (await repo.shift(ctx.db, h.shift_id))!
  const inAt = atLocal(input.checkedIn.date, input.checkedIn.time)
  const outAt = atLocal(input.checkedOut.date, input.checkedOut.time)
  const earliest = Date.parse(s.starts_at) - CHECK_OPENS_MINUTES * 60_000
  const latest = Date.parse(s.ends_at) + CHECK_CLOSES_MINUTES * 60_000
  const bounds = `班次时间为${at(s.starts_at)}至${at(s.ends_at)}`
  if (Date.parse(inAt) < earliest || Date.parse(inAt) >= Date.parse(s.ends_at)) throw badInput({ 'checkedIn.date': `签到时间应在班次时间内，${bounds}` })
  if (Date.parse(outAt) <= Date.parse(inAt)) throw badInput({ 'checkedOut.date': '签退时间应晚于签到时间' })
  if (Date.parse(outAt) > latest) throw badInput({ 'checkedOut.date': `签退时间应在班次结束后一小时内，${bounds}` })
  const corrections = await repo.correctionsOf(ctx.db, [h.id])
  const before = effective(h, corrections)
  const minutes = minutesWithin(inAt, outAt, s.starts_at, s.ends_at)
  if (before.checkedInAt === inAt && before.checkedOutAt === outAt) throw badInput({ 'checkedIn.date': '时间没有变化' })
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertCorrection(tx, { hours_id: h.id, checked_in_at: inAt, checked_out_at: outAt, minutes, reason: input.reason, by_id: v.userId, at: now })
    await audit(tx, { actorId: v.userId, action: 'volunteer.correct', targetType: 'volunteer_hours', targetId: h.id, detail: { before, after: { checkedInAt: inAt, checkedOutAt: outAt, minutes }, reason: input.reason }, at: now })
  })
  return (await hoursOut(ctx, v, [(await repo.hoursRow(ctx.db, h.id))!]))[0]!
}
