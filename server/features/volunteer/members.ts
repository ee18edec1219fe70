// Teams and who is in them: a resident applies to one team, a leader of it (or staff) accepts — which makes them a
// volunteer of that team — or declines with a reason; members leave when they choose. Leaders record the
// qualifications their members hold and let a member with too many no-shows sign up again.
import { localDay } from '../../../common/time'
import { maskPhone } from '../../../common/mask'
import { audit } from '../../core/audit'
import type { AuthedCtx } from '../../core/context'
import { badInput, conflict, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import * as accounts from '../account/repo'
import { notify } from '../messages/service'
import type { ApplicationOut, HomeOut, MemberOut, TeamOut } from './actions'
import { ledTeams, membersOut, needsApproval, signupsOut, summaryOf, viewerOf, type Viewer } from './present'
import * as repo from './repo'
import { releaseAll } from './shifts'
import type { ApplicationRow } from './tables'

export async function teams(ctx: AuthedCtx): Promise<TeamOut[]> {
  const v = await viewerOf(ctx, ctx.actor)
  const [all, members] = await Promise.all([repo.teams(ctx.db), repo.memberships(ctx.db, {})])
  return all.map((t) => ({
    id: t.id,
    name: t.name,
    focus: t.focus,
    members: members.filter((m) => m.teamId === t.id).length,
    leaders: members.filter((m) => m.teamId === t.id && m.isLeader === 1).map((m) => m.name ?? ''),
    mine: v.team?.id === t.id ? (v.team.leader ? 'leader' : 'member') : null,
  }))
}

async function applicationsOut(ctx: AuthedCtx, v: Viewer, rows: ApplicationRow[]): Promise<ApplicationOut[]> {
  if (rows.length === 0) return []
  const all = await repo.teams(ctx.db)
  const manages = (teamId: number) => v.staff || v.lead.ledTeamIds.includes(teamId)
  const people = await Promise.all([...new Set(rows.map((r) => r.user_id))].map((id) => accounts.personWithHome(ctx.db, id)))
  return rows.map((r) => {
    const t = all.find((x) => x.id === r.team_id)!
    const p = people.find((x) => x?.id === r.user_id)
    return {
      id: r.id,
      team: { id: t.id, name: t.name },
      state: r.state,
      note: r.note,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
      declineReason: r.decline_reason,
      applicant: manages(r.team_id) && p ? { userId: r.user_id, name: p.name ?? '', phoneMasked: maskPhone(p.phone), address: p.building ? `${p.building}${p.unit}单元${p.room}` : null } : null,
      can: { decide: r.state === 'pending' && manages(r.team_id), withdraw: r.state === 'pending' && r.user_id === v.userId },
    }
  })
}

export async function home(ctx: AuthedCtx): Promise<HomeOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const now = ctx.clock().toISOString()
  const leads = await ledTeams(ctx, v)
  const [mine, upcoming, summary, blocked, pending] = await Promise.all([
    repo.applicationsOf(ctx.db, { userId: v.userId }),
    repo.signupsOfUser(ctx.db, v.userId, { endsAfter: now }),
    summaryOf(ctx, v.userId),
    v.team ? needsApproval(ctx, v.userId) : Promise.resolve(null),
    repo.applicationsOf(ctx.db, { teamIds: leads.map((t) => t.id) }),
  ])
  return {
    team: v.team ? { id: v.team.id, name: v.team.name, leader: v.team.leader } : null,
    applications: await applicationsOut(ctx, v, mine.slice(0, 5)),
    summary: summary.records > 0 || v.team ? summary : null,
    upcoming: await signupsOut(ctx, v, upcoming.filter((s) => s.state === 'signed')),
    blocked,
    leads,
    pendingApplications: pending.filter((a) => a.state === 'pending').length,
  }
}

export async function apply(ctx: AuthedCtx, input: { teamId: number; note: string | null }): Promise<ApplicationOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const team = await repo.team(ctx.db, input.teamId)
  if (!team) throw badInput({ teamId: '所选志愿服务队不存在' })
  const current = await accounts.teamOf(ctx.db, v.userId)
  if (current) throw conflict(current.id === team.id ? `您已是${team.name}队员` : `您已是${current.name}队员，如需换队请先退出`)
  const now = ctx.clock().toISOString()
  try {
    const id = await repo.insertApplication(ctx.db, { userId: v.userId, teamId: team.id, note: input.note, now })
    return (await applicationsOut(ctx, v, [(await repo.application(ctx.db, id))!]))[0]!
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('您已有一份申请在等待队长处理')
    throw err
  }
}

export async function withdraw(ctx: AuthedCtx, id: number): Promise<ApplicationOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const a = await repo.application(ctx.db, id)
  if (!a || a.user_id !== v.userId) throw notFound('没有找到该申请')
  if (!(await repo.settleApplication(ctx.db, id, 'withdrawn', { by: v.userId, reason: null, now: ctx.clock().toISOString() }))) throw conflict('该申请已处理')
  return (await applicationsOut(ctx, v, [(await repo.application(ctx.db, id))!]))[0]!
}

export async function applications(ctx: AuthedCtx, teamId: number | undefined): Promise<ApplicationOut[]> {
  const v = await viewerOf(ctx, ctx.actor)
  const led = (await ledTeams(ctx, v)).map((t) => t.id)
  if (teamId !== undefined && !led.includes(teamId)) throw notFound('没有找到该志愿服务队')
  return applicationsOut(ctx, v, await repo.applicationsOf(ctx.db, { teamIds: teamId !== undefined ? [teamId] : led }))
}

/** Accepting makes the applicant a volunteer of the team in the same transaction; either way they are told. */
export async function decide(ctx: AuthedCtx, input: { id: number; accept: boolean; reason: string | null }): Promise<ApplicationOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const a = await repo.application(ctx.db, input.id)
  if (!a || !(v.staff || v.lead.ledTeamIds.includes(a.team_id))) throw notFound('没有找到该申请')
  const team = (await repo.team(ctx.db, a.team_id))!
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    const settled = await repo.settleApplication(tx, a.id, input.accept ? 'accepted' : 'declined', { by: v.userId, reason: input.accept ? null : input.reason, now })
    if (!settled) throw conflict('该申请已处理')
    if (input.accept) {
      const current = await accounts.teamOf(tx, a.user_id)
      if (current) throw conflict(`申请人已是${current.name}队员`)
      await accounts.grantRole(tx, a.user_id, 'volunteer', v.userId, now)
      await accounts.setTeam(tx, a.user_id, { teamId: a.team_id, leader: false })
      await audit(tx, { actorId: v.userId, action: 'volunteer.accept', targetType: 'user', targetId: a.user_id, detail: { teamId: a.team_id, applicationId: a.id }, at: now })
    }
    await notify(tx, {
      userId: a.user_id,
      title: input.accept ? `欢迎加入${team.name}` : '入队申请未通过',
      body: input.accept ? `队长已同意您加入${team.name}，现在可以在“志愿服务”中报名服务班次。` : `${team.name}暂未通过您的申请：${input.reason}。`,
      link: '/features/volunteer/pages/home/index',
      template: 'volunteer_application',
      payload: { applicationId: a.id, team: team.name, accepted: input.accept, reason: input.reason },
      now,
    })
  })
  return (await applicationsOut(ctx, v, [(await repo.application(ctx.db, a.id))!]))[0]!
}

async function ledTeamOrRefuse(ctx: AuthedCtx, teamId: number) {
  const v = await viewerOf(ctx, ctx.actor)
  const team = await repo.team(ctx.db, teamId)
  if (!team || !(v.staff || v.lead.ledTeamIds.includes(teamId))) throw notFound('没有找到该志愿服务队')
  return { v, team }
}

export async function members(ctx: AuthedCtx, teamId: number) {
  const { team } = await ledTeamOrRefuse(ctx, teamId)
  return { team: { id: team.id, name: team.name }, members: await membersOut(ctx, team.id) }
}

/** A member of a team the caller leads, or a refusal naming the field. */
async function memberOrRefuse(ctx: AuthedCtx, userId: number) {
  const t = await accounts.teamOf(ctx.db, userId)
  const v = await viewerOf(ctx, ctx.actor)
  if (!t || !(v.staff || v.lead.ledTeamIds.includes(t.id))) throw badInput({ userId: '该志愿者不是您所带队伍的队员' })
  return { v, teamId: t.id }
}

async function memberOut(ctx: AuthedCtx, teamId: number, userId: number): Promise<MemberOut> {
  return (await membersOut(ctx, teamId, [userId]))[0]!
}

export async function saveQualification(ctx: AuthedCtx, input: { userId: number; kind: string; expiresOn: string | null }): Promise<MemberOut> {
  const { v, teamId } = await memberOrRefuse(ctx, input.userId)
  if (input.expiresOn !== null && input.expiresOn < localDay(ctx.clock())) throw badInput({ expiresOn: '有效期已过，请核对' })
  await repo.saveQualification(ctx.db, { userId: input.userId, kind: input.kind, expiresOn: input.expiresOn, by: v.userId, now: ctx.clock().toISOString() })
  return memberOut(ctx, teamId, input.userId)
}

export async function removeQualification(ctx: AuthedCtx, id: number): Promise<MemberOut> {
  const q = await repo.qualification(ctx.db, id)
  if (!q) throw notFound('没有找到该资质')
  const { teamId } = await memberOrRefuse(ctx, q.user_id).catch(() => {
    throw notFound('没有找到该资质')
  })
  await repo.removeQualification(ctx.db, id)
  return memberOut(ctx, teamId, q.user_id)
}

export async function approve(ctx: AuthedCtx, userId: number): Promise<MemberOut> {
  const { v, teamId } = await memberOrRefuse(ctx, userId)
  if (!(await needsApproval(ctx, userId))) throw conflict('该志愿者现在可以直接报名，无需确认')
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertClearance(tx, userId, v.userId, now)
    await audit(tx, { actorId: v.userId, action: 'volunteer.approve', targetType: 'user', targetId: userId, detail: { teamId }, at: now })
  })
  return memberOut(ctx, teamId, userId)
}

/** The member leaves: no longer a volunteer, coming shifts given back to whoever wants them; the record stays. */
export async function leave(ctx: AuthedCtx): Promise<HomeOut> {
  const v = await viewerOf(ctx, ctx.actor)
  if (!v.team) throw conflict('您还不是红石榴志愿服务队队员')
  const now = ctx.clock().toISOString()
  const roles = ctx.actor.roles.filter((r) => r !== 'volunteer')
  await ctx.db.transaction().execute(async (tx) => {
    await releaseAll(ctx, tx, v.userId, now)
    await accounts.setTeam(tx, v.userId, null)
    await accounts.keepOnlyRoles(tx, v.userId, roles)
    await audit(tx, { actorId: v.userId, action: 'volunteer.leave', targetType: 'user', targetId: v.userId, detail: { teamId: v.team!.id }, at: now })
  })
  return home({ ...ctx, actor: { ...ctx.actor, roles } })
}
