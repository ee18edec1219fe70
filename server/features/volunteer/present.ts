// How teams, shifts, sign-ups and hours records look to the people who see them, with what the caller may do
// (rules.ts), the links notices quote and the sums of hours and stars.
import { linkTo } from '../../../common/routes'
import { maskPhone } from '../../../common/mask'
import { formatWhen, local, localDay } from '../../../common/time'
import { hasRole, type Actor, type Services } from '../../core/context'
import { teamOf } from '../account/repo'
import type { CorrectionOut, HoursOut, MemberOut, ShiftOut, ShiftSignupOut, StarsOut, SummaryOut, TeamRef } from './actions'
import * as repo from './repo'
import { minutesInYear, releaseUntil, shiftAbilities, shiftStatus, signupRefusal, starsOf, type Lead } from './rules'
import { volunteerSettings } from './settings'
import type { HoursRow, QualificationRow, ShiftRow, ShiftSignupRow } from './tables'

export const shiftLink = (id: number) => linkTo('volunteerShift', { id })
export const when = formatWhen

/** The capacity unit of a shift's places: named by the shift's check code, which exists before the shift row. */
export const unitKey = (checkCode: string, teamId: number, startsAt: string) => ({ scope: repo.SCOPE, ref: `shift:${checkCode}`, ownerId: teamId, startsAt })

/** Who is looking: their team, and the teams they lead (staff: every team). */
export interface Viewer {
  userId: number
  staff: boolean
  team: { id: number; name: string; leader: boolean } | null
  lead: Lead
}

export async function viewerOf(services: Services, actor: Actor): Promise<Viewer> {
  const t = hasRole(actor, 'volunteer') ? await teamOf(services.db, actor.userId) : undefined
  const staff = hasRole(actor, 'staff', 'admin')
  const team = t ? { id: t.id, name: t.name, leader: t.isLeader === 1 } : null
  return { userId: actor.userId, staff, team, lead: { userId: actor.userId, staff, ledTeamIds: team?.leader ? [team.id] : [] } }
}

/** The teams someone may manage: staff every team, a leader their own. */
export async function ledTeams(services: Services, v: Viewer): Promise<TeamRef[]> {
  const all = await repo.teams(services.db)
  return all.filter((t) => v.staff || v.lead.ledTeamIds.includes(t.id)).map((t) => ({ id: t.id, name: t.name }))
}

/** The local day a qualification must still be valid on. */
const validOn = (q: Pick<QualificationRow, 'expires_on'>, day: string) => q.expires_on === null || q.expires_on >= day

export function qualificationsOut(rows: QualificationRow[], today: string) {
  return rows.map((q) => ({ id: q.id, kind: q.kind, expiresOn: q.expires_on, expired: !validOn(q, today) }))
}

export async function needsApproval(services: Services, userId: number): Promise<string | null> {
  const [{ noShowLimit }, counts] = await Promise.all([volunteerSettings.read(services.db), repo.noShowCounts(services.db, [userId])])
  const n = counts.get(userId) ?? 0
  return n >= noShowLimit ? `您有${n}次报名后未到岗，需队长确认后才能再报名` : null
}

export async function shiftsOut(services: Services, v: Viewer | null, rows: ShiftRow[]): Promise<ShiftOut[]> {
  if (rows.length === 0) return []
  const { db } = services
  const now = services.clock()
  const [teams, usage, events, mine, quals, blocked] = await Promise.all([
    repo.teams(db),
    services.capacity.usageOf(db, repo.SCOPE, rows.map((s) => unitKey(s.check_code, s.team_id, s.starts_at).ref)),
    repo.eventTitle(db, rows.flatMap((s) => (s.event_id ? [s.event_id] : []))),
    v ? repo.mySignupsOf(db, v.userId, rows.map((s) => s.id)) : Promise.resolve([]),
    v?.team ? repo.qualificationsOf(db, [v.userId]) : Promise.resolve([]),
    v?.team ? needsApproval(services, v.userId) : Promise.resolve(null),
  ])
  return rows.map((s) => {
    const team = teams.find((t) => t.id === s.team_id)!
    const u = usage.get(unitKey(s.check_code, s.team_id, s.starts_at).ref)
    const placesLeft = u ? u.left : s.places
    const status = shiftStatus({ state: s.state, startsAt: s.starts_at, endsAt: s.ends_at, placesLeft }, now)
    const held = mine.find((m) => m.shift_id === s.id)
    return {
      id: s.id,
      team: { id: team.id, name: team.name },
      event: s.event_id ? { id: s.event_id, title: events.get(s.event_id) ?? '' } : null,
      task: s.task,
      place: s.place,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      places: u ? u.places : s.places,
      placesLeft,
      qualification: s.qualification,
      releaseHours: s.release_hours,
      releaseUntil: releaseUntil(s.starts_at, s.release_hours),
      openToAll: s.open_to_all === 1,
      state: s.state,
      status,
      cancelReason: s.cancel_reason,
      mine: held ? { signupId: held.id } : null,
      eligibility: v?.team ? eligibilityOf(s, v, status, quals, blocked) : null,
      can: v ? shiftAbilities(v.lead, { state: s.state, teamId: s.team_id, startsAt: s.starts_at, endsAt: s.ends_at }, now) : { cancel: false, desk: false },
    }
  })
}

const STATUS_REASON: Partial<Record<ShiftOut['status'], string>> = { full: '该班次名额已满', started: '该班次已开始', ended: '该班次已结束', cancelled: '该班次已取消' }

/** Whether the volunteer may sign up for the shift, and why not; overlaps are checked when they do. */
export function eligibilityOf(s: ShiftRow, v: Viewer, status: ShiftOut['status'], quals: QualificationRow[], blocked: string | null): { ok: boolean; reason: string | null } {
  const no = (reason: string) => ({ ok: false, reason })
  if (!v.team) return no('请先加入红石榴志愿服务队')
  if (s.team_id !== v.team.id && s.open_to_all !== 1) return no('该班次仅限本队队员报名')
  const reason = STATUS_REASON[status]
  if (reason) return no(reason)
  if (s.qualification && !quals.some((q) => q.kind === s.qualification && validOn(q, localDay(s.starts_at)))) return no(`该班次需要「${s.qualification}」，请联系队长登记`)
  if (blocked) return no(blocked)
  return { ok: true, reason: null }
}

/** The minutes a record counts and the times it counts between: its newest correction, else itself. */
export function effective(h: HoursRow, corrections: { hours_id: number; checked_in_at: string; checked_out_at: string; minutes: number }[]) {
  const last = corrections.filter((c) => c.hours_id === h.id).at(-1)
  return last ? { checkedInAt: last.checked_in_at, checkedOutAt: last.checked_out_at as string | null, minutes: last.minutes as number | null } : { checkedInAt: h.checked_in_at, checkedOutAt: h.checked_out_at, minutes: h.minutes }
}

export async function hoursOut(services: Services, v: Viewer, rows: HoursRow[]): Promise<HoursOut[]> {
  if (rows.length === 0) return []
  const { db } = services
  const [shifts, corrections, teams] = await Promise.all([repo.shiftsByIds(db, rows.map((h) => h.shift_id)), repo.correctionsOf(db, rows.map((h) => h.id)), repo.teams(db)])
  const people = await repo.usersByIds(db, [...rows.map((h) => h.user_id), ...corrections.map((c) => c.by_id)])
  const nameOf = (id: number) => people.find((p) => p.id === id)?.name ?? '已注销'
  return rows.map((h) => {
    const s = shifts.find((x) => x.id === h.shift_id)!
    const team = teams.find((t) => t.id === h.team_id)!
    const eff = effective(h, corrections)
    const mine: CorrectionOut[] = corrections
      .filter((c) => c.hours_id === h.id)
      .map((c) => ({ checkedInAt: c.checked_in_at, checkedOutAt: c.checked_out_at, minutes: c.minutes, reason: c.reason, by: nameOf(c.by_id), at: c.at }))
    return {
      id: h.id,
      shift: { id: s.id, task: s.task, place: s.place, startsAt: s.starts_at, endsAt: s.ends_at, team: { id: team.id, name: team.name } },
      volunteer: { userId: h.user_id, name: nameOf(h.user_id) },
      ...eff,
      original: { checkedInAt: h.checked_in_at, checkedOutAt: h.checked_out_at, minutes: h.minutes, inVia: h.in_via, outVia: h.out_via },
      corrections: mine,
      can: { correct: v.staff || v.lead.ledTeamIds.includes(h.team_id) },
    }
  })
}

/** Minutes per person, this Beijing year and in all, from their records as they count now. */
export async function minutesOf(services: Services, userIds: number[]): Promise<Map<number, { year: number; total: number; records: number }>> {
  const out = new Map<number, { year: number; total: number; records: number }>()
  if (userIds.length === 0) return out
  const { db } = services
  const rows = await repo.hoursOf(db, { userIds })
  const [shifts, corrections] = await Promise.all([repo.shiftsByIds(db, rows.map((h) => h.shift_id)), repo.correctionsOf(db, rows.map((h) => h.id))])
  const year = local(services.clock()).year()
  for (const id of userIds) out.set(id, { year: 0, total: 0, records: 0 })
  for (const h of rows) {
    const eff = effective(h, corrections)
    if (eff.checkedOutAt === null || eff.minutes === null) continue
    const s = shifts.find((x) => x.id === h.shift_id)!
    const sum = out.get(h.user_id)!
    sum.total += eff.minutes
    sum.records += 1
    sum.year += minutesInYear({ checkedInAt: eff.checkedInAt, checkedOutAt: eff.checkedOutAt, startsAt: s.starts_at, endsAt: s.ends_at }, year)
  }
  return out
}

export async function summaryOf(services: Services, userId: number): Promise<SummaryOut> {
  const [sums, settings] = await Promise.all([minutesOf(services, [userId]), volunteerSettings.read(services.db)])
  const m = sums.get(userId)!
  const stars: StarsOut = starsOf(m.total, settings.starHours)
  return { year: local(services.clock()).year(), minutesYear: m.year, minutesTotal: m.total, stars, records: m.records }
}

export async function membersOut(services: Services, teamId: number, userIds?: number[]): Promise<MemberOut[]> {
  const { db } = services
  const rows = await repo.memberships(db, { teamId, userIds })
  const ids = rows.map((r) => r.userId)
  const [quals, sums, noShows, settings] = await Promise.all([repo.qualificationsOf(db, ids), minutesOf(services, ids), repo.noShowCounts(db, ids), volunteerSettings.read(db)])
  const today = localDay(services.clock())
  return rows.map((r) => {
    const m = sums.get(r.userId)!
    const n = noShows.get(r.userId) ?? 0
    return {
      userId: r.userId,
      name: r.name ?? '',
      phoneMasked: maskPhone(r.phone),
      leader: r.isLeader === 1,
      qualifications: qualificationsOut(quals.filter((q) => q.user_id === r.userId), today),
      minutesYear: m.year,
      minutesTotal: m.total,
      stars: starsOf(m.total, settings.starHours).stars,
      noShows: n,
      needsApproval: n >= settings.noShowLimit,
    }
  })
}

export async function signupsOut(services: Services, v: Viewer, rows: ShiftSignupRow[]): Promise<ShiftSignupOut[]> {
  if (rows.length === 0) return []
  const { db } = services
  const now = services.clock()
  const shifts = await shiftsOut(services, v, await repo.shiftsByIds(db, rows.map((r) => r.shift_id)))
  const hours = await repo.hoursOfSignups(db, rows.map((r) => r.id))
  const shown = await hoursOut(services, v, hours)
  const people = await repo.usersByIds(db, rows.flatMap((r) => (r.released_by ? [r.released_by] : [])))
  return rows.map((r) => {
    const shift = shifts.find((s) => s.id === r.shift_id)!
    const h = hours.find((x) => x.signup_id === r.id)
    const facts = { state: r.state, userId: r.user_id, teamId: shift.team.id, startsAt: shift.startsAt, endsAt: shift.endsAt, releaseHours: shift.releaseHours, checkedIn: !!h }
    return {
      id: r.id,
      code: r.code,
      state: r.state,
      shift,
      hours: h ? shown.find((x) => x.id === h.id)! : null,
      releasedBy: r.released_by === null ? null : r.released_by === r.user_id ? '本人' : (people.find((p) => p.id === r.released_by)?.name ?? '队长'),
      can: { signOut: signupRefusal('signOut', v.lead, facts, now) === null },
    }
  })
}
