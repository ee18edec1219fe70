// 志愿服务证明. A volunteer asks for one over a period; staff issue it, which fixes what it says as
// 《志愿服务记录与证明出具办法》 asks: who the volunteer is, the hours and what the service was, the issuer with a
// contact, a number and the date. Every issued certificate stays on record and anyone can check one by number.
import { maskIdCard } from '../../../common/idcard'
import { maskName } from '../../../common/mask'
import { linkTo } from '../../../common/routes'
import { local, localDay } from '../../../common/time'
import { audit } from '../../core/audit'
import type { AuthedCtx, Ctx } from '../../core/context'
import { badInput, conflict, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import { communityRow } from '../community/repo'
import { notify } from '../messages/service'
import type { CertificateContent, CertificateOut, VerifyOut } from './actions'
import { periodBounds } from './hours'
import { ERASED_NAME } from './personal'
import { effective, viewerOf, type Viewer } from './present'
import * as repo from './repo'
import type { CertificateRow } from './tables'

const link = (id: number) => linkTo('volunteerCertificate', { id })

/** What the record says of a person's service within a period, as it stands now. */
async function serviceIn(ctx: Ctx, userId: number, period: { from: string; to: string }) {
  const rows = await repo.hoursOf(ctx.db, { userIds: [userId], ...periodBounds(period) })
  const [shifts, corrections, teams] = await Promise.all([repo.shiftsByIds(ctx.db, rows.map((h) => h.shift_id)), repo.correctionsOf(ctx.db, rows.map((h) => h.id)), repo.teams(ctx.db)])
  const services = new Map<string, { task: string; times: number; minutes: number }>()
  const teamNames = new Set<string>()
  let minutes = 0
  for (const h of rows) {
    const eff = effective(h, corrections)
    if (eff.minutes === null || eff.checkedOutAt === null) continue
    const s = shifts.find((x) => x.id === h.shift_id)!
    minutes += eff.minutes
    teamNames.add(teams.find((t) => t.id === h.team_id)?.name ?? '')
    const one = services.get(s.task) ?? { task: s.task, times: 0, minutes: 0 }
    one.times += 1
    one.minutes += eff.minutes
    services.set(s.task, one)
  }
  return { minutes, teams: [...teamNames], services: [...services.values()].sort((a, b) => b.minutes - a.minutes) }
}

async function certificatesOut(ctx: AuthedCtx, v: Viewer, rows: CertificateRow[]): Promise<CertificateOut[]> {
  const people = await repo.usersByIds(ctx.db, rows.map((r) => r.user_id))
  const teams = await repo.memberships(ctx.db, { userIds: rows.map((r) => r.user_id) })
  const all = await repo.teams(ctx.db)
  return Promise.all(
    rows.map(async (r) => {
      const content = r.content ? (JSON.parse(r.content) as CertificateContent) : null
      const minutes = content ? content.minutes : (await serviceIn(ctx, r.user_id, { from: r.from_day, to: r.to_day })).minutes
      const team = teams.find((t) => t.userId === r.user_id)
      return {
        id: r.id,
        number: r.number,
        state: r.state,
        fromDay: r.from_day,
        toDay: r.to_day,
        purpose: r.purpose,
        requestedAt: r.requested_at,
        decidedAt: r.decided_at,
        declineReason: r.decline_reason,
        applicant: { userId: r.user_id, name: people.find((p) => p.id === r.user_id)?.name ?? '已注销', team: team ? (all.find((t) => t.id === team.teamId)?.name ?? null) : null },
        minutes,
        content,
        can: { issue: v.staff && r.state === 'requested', decline: v.staff && r.state === 'requested' },
      }
    }),
  )
}

export async function request(ctx: AuthedCtx, input: { period: { from: string; to: string }; purpose: string | null; idNumber: string | null }): Promise<CertificateOut> {
  const v = await viewerOf(ctx, ctx.actor)
  if (input.period.to > localDay(ctx.clock())) throw badInput({ 'period.to': '结束日期不能晚于今天' })
  const service = await serviceIn(ctx, v.userId, input.period)
  if (service.minutes === 0) throw badInput({ 'period.from': '所选期间没有已记录的志愿服务时长' })
  const id = await repo.insertCertificate(ctx.db, {
    number: null,
    user_id: v.userId,
    from_day: input.period.from,
    to_day: input.period.to,
    purpose: input.purpose,
    id_masked: input.idNumber ? maskIdCard(input.idNumber) : null,
    content: null,
    state: 'requested',
    requested_at: ctx.clock().toISOString(),
    decided_by: null,
    decided_at: null,
    decline_reason: null,
  })
  return (await certificatesOut(ctx, v, [(await repo.certificate(ctx.db, id))!]))[0]!
}

export async function mine(ctx: AuthedCtx): Promise<CertificateOut[]> {
  const v = await viewerOf(ctx, ctx.actor)
  return certificatesOut(ctx, v, await repo.certificatesOf(ctx.db, { userId: v.userId }))
}

export async function one(ctx: AuthedCtx, id: number): Promise<CertificateOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const r = await repo.certificate(ctx.db, id)
  if (!r || !(r.user_id === v.userId || v.staff)) throw notFound('没有找到该证明')
  return (await certificatesOut(ctx, v, [r]))[0]!
}

export async function deskOf(ctx: AuthedCtx) {
  const v = await viewerOf(ctx, ctx.actor)
  const [requested, decided] = await Promise.all([repo.certificatesOf(ctx.db, { states: ['requested'] }), repo.certificatesOf(ctx.db, { states: ['issued', 'declined'] })])
  return { requested: await certificatesOut(ctx, v, requested.reverse()), decided: await certificatesOut(ctx, v, decided.slice(0, 30)) }
}

/** GDZY-2026-0001: the year it is issued in, Beijing time, and its place in that year. */
const numberFor = (year: number, n: number) => `GDZY-${year}-${String(n).padStart(4, '0')}`

export async function issue(ctx: AuthedCtx, id: number): Promise<CertificateOut> {
  const v = await viewerOf(ctx, ctx.actor)
  const r = await repo.certificate(ctx.db, id)
  if (!r) throw notFound('没有找到该证明')
  if (r.state !== 'requested') throw conflict('该申请已处理')
  const [person] = await repo.usersByIds(ctx.db, [r.user_id])
  const community = await communityRow(ctx.db)
  const service = await serviceIn(ctx, r.user_id, { from: r.from_day, to: r.to_day })
  const now = ctx.clock()
  const content: CertificateContent = {
    name: person?.name ?? '',
    idMasked: r.id_masked,
    teams: service.teams,
    minutes: service.minutes,
    services: service.services,
    issuer: `${community?.name ?? '管道社区'}居民委员会`,
    contact: community?.hotline ?? '',
    issuedOn: localDay(now),
  }
  const year = local(now).year()
  // Two staff issuing at once may reach for the same number: the unique index refuses one, which takes the next.
  for (let attempt = 0; ; attempt++) {
    const number = numberFor(year, (await repo.issuedInYear(ctx.db, `GDZY-${year}-`)) + 1)
    try {
      const done = await ctx.db.transaction().execute(async (tx) => {
        const ok = await repo.setCertificate(tx, r.id, { state: 'issued', number, content: JSON.stringify(content), decided_by: v.userId, decided_at: now.toISOString() })
        if (!ok) return false
        await audit(tx, { actorId: v.userId, action: 'volunteer.certificate', targetType: 'volunteer_certificate', targetId: r.id, detail: { number, minutes: content.minutes }, at: now.toISOString() })
        await notify(tx, {
          userId: r.user_id,
          title: '志愿服务证明已出具',
          body: `您申请的志愿服务证明（${r.from_day}至${r.to_day}）已出具，编号 ${number}，可在“志愿服务证明”中查看和保存。`,
          link: link(r.id),
          template: 'volunteer_certificate',
          payload: { certificateId: r.id, number, issued: true, reason: null },
          now: now.toISOString(),
        })
        return true
      })
      if (!done) throw conflict('该申请已处理')
      break
    } catch (err) {
      if (isUniqueViolation(err) && attempt < 5) continue
      throw err
    }
  }
  return one(ctx, id)
}

export async function decline(ctx: AuthedCtx, id: number, reason: string): Promise<CertificateOut> {
  const r = await repo.certificate(ctx.db, id)
  if (!r) throw notFound('没有找到该证明')
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.setCertificate(tx, id, { state: 'declined', decline_reason: reason, decided_by: ctx.actor.userId, decided_at: now }))) throw conflict('该申请已处理')
    await notify(tx, {
      userId: r.user_id,
      title: '志愿服务证明未能出具',
      body: `您申请的志愿服务证明（${r.from_day}至${r.to_day}）未能出具：${reason}。`,
      link: link(id),
      template: 'volunteer_certificate',
      payload: { certificateId: id, number: null, issued: false, reason },
      now,
    })
  })
  return one(ctx, id)
}

/** Anyone with the number sees whether it was issued and what it certifies; the name is masked. */
export async function verify(ctx: Ctx, number: string): Promise<VerifyOut> {
  const r = await repo.certificateByNumber(ctx.db, number.trim().toUpperCase())
  if (!r || !r.content || !r.number) throw notFound('没有找到该编号的志愿服务证明，请核对编号')
  const c = JSON.parse(r.content) as CertificateContent
  return { number: r.number, name: c.name === ERASED_NAME ? ERASED_NAME : maskName(c.name), fromDay: r.from_day, toDay: r.to_day, minutes: c.minutes, issuedOn: c.issuedOn, issuer: c.issuer }
}
