import type { z } from 'zod'
import type { Role } from '../../../common/contract'
import { toPage, type Page } from '../../../common/paging'
import { maskPhone } from '../../../common/personal'
import { addressText } from '../../../common/address'
import { audit } from '../../core/audit'
import type { AuthedCtx, Services } from '../../core/context'
import { AppError, badInput, notFound } from '../../core/errors'
import type { Db } from '../../db/connect'
import * as accounts from '../account/repo'
import * as community from '../community/repo'
import type { AccessOut, PersonOut, assignInput } from './actions'
import * as repo from './repo'

type PersonRow = NonNullable<repo.PersonRow>

async function hydrate(db: Db, rows: PersonRow[]): Promise<PersonOut[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [roles, grids, teams] = await Promise.all([accounts.rolesOfMany(db, ids), accounts.gridsOfMany(db, ids), accounts.teamsOf(db, ids)])
  return rows.map((r) => {
    const team = teams.find((t) => t.userId === r.id)
    return {
      id: r.id,
      name: r.name ?? '未登记',
      phone: maskPhone(r.phone),
      address: addressText(r) || null,
      gridName: r.gridName,
      roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role),
      gridIds: grids.filter((x) => x.user_id === r.id).map((x) => x.grid_id),
      team: team ? { id: team.id, name: team.name, leader: team.isLeader === 1 } : null,
      workPhone: r.workPhone,
    }
  })
}

export async function search(ctx: AuthedCtx, q: string, role: Role | undefined, page: number, pageSize: number): Promise<Page<PersonOut>> {
  const { db } = ctx
  const { rows, total } = await repo.search(db, q, role, page, pageSize)
  // A lookup by a whole number is how someone's number leads to their name and home: written down every time.
  if (repo.searchKind(q) === 'phone') {
    await audit(db, { actorId: ctx.actor.userId, action: 'people.phone_lookup', targetType: 'user', targetId: rows[0]?.id, detail: { found: rows.map((r) => r.id) }, at: ctx.clock().toISOString() })
  }
  return toPage(await hydrate(db, rows), total, page, pageSize)
}

const ACCESS_LABELS: Record<(typeof repo.ACCESS_ACTIONS)[number], string> = {
  'people.phone_lookup': '按手机号查找居民',
  'hotline.resident_phone': '查看诉求居民的电话',
  'appointments.revealIdCard': '查看乘车人身份证号',
}

/** 查询记录 for admins: who looked at whose personal data, newest first. */
export async function accessLog({ db }: Services, page: number, pageSize: number): Promise<Page<AccessOut>> {
  const { rows, total } = await repo.accessLog(db, page, pageSize)
  const found = rows.flatMap((r) => (r.action === 'people.phone_lookup' ? ((parse(r.detail)?.found as number[] | undefined) ?? []) : []))
  const names = new Map((await repo.namesOf(db, [...new Set(found)])).map((n) => [n.id, n.name ?? '已注销的用户']))
  const items = rows.map((r): AccessOut => {
    const detail = parse(r.detail)
    const subject =
      r.action === 'people.phone_lookup'
        ? ((detail?.found as number[] | undefined) ?? []).map((id) => names.get(id) ?? '已注销的用户').join('、') || '未找到'
        : r.action === 'hotline.resident_phone'
          ? `诉求 #${r.targetId}`
          : `预约乘车人 #${r.targetId}${detail?.bookingId ? `（预约 #${detail.bookingId}）` : ''}`
    return { id: r.id, at: r.at, who: r.actorName ?? '已注销的用户', what: ACCESS_LABELS[r.action as keyof typeof ACCESS_LABELS], subject, purpose: (detail?.purpose as string | undefined) ?? null }
  })
  return toPage(items, total, page, pageSize)
}

const parse = (detail: string | null): Record<string, unknown> | null => (detail ? (JSON.parse(detail) as Record<string, unknown>) : null)

export async function getPerson(db: Db, userId: number): Promise<PersonOut> {
  const row = await repo.personById(db, userId)
  if (!row) throw notFound('没有找到这个人')
  return (await hydrate(db, [row]))[0]
}

export async function assign(ctx: AuthedCtx, input: z.output<typeof assignInput>): Promise<PersonOut> {
  const { db, actor } = ctx
  const before = await getPerson(db, input.userId)
  if (input.userId === actor.userId && !input.roles.includes('admin')) {
    throw new AppError('CONFLICT', '不能取消自己的管理员角色，请让另一位管理员操作')
  }
  const gridIds = input.roles.includes('grid_worker') ? [...new Set(input.gridIds)] : []
  if (gridIds.length && (await community.existingGridIds(db, gridIds)).length !== gridIds.length) throw badInput({ gridIds: '所选网格不存在' })
  const teamId = input.roles.includes('volunteer') ? input.teamId : null
  if (teamId !== null && !(await community.teamById(db, teamId))) throw badInput({ teamId: '所选志愿队不存在' })
  const now = ctx.clock().toISOString()
  // Resident is kept as it is: it follows from the household, not from this form.
  const wanted = new Set<Role>([...input.roles, ...(before.roles.includes('resident') ? (['resident'] as Role[]) : [])])
  await db.transaction().execute(async (tx) => {
    await accounts.keepOnlyRoles(tx, input.userId, [...wanted])
    for (const role of wanted) await accounts.grantRole(tx, input.userId, role, actor.userId, now)
    await accounts.updateUser(tx, input.userId, { work_phone: input.workPhone, updated_at: now })
    await accounts.setGrids(tx, input.userId, gridIds)
    await accounts.setTeam(tx, input.userId, teamId === null ? null : { teamId, leader: input.leader })
    await audit(tx, {
      actorId: actor.userId,
      action: 'roles.assign',
      targetType: 'user',
      targetId: input.userId,
      detail: { from: before.roles, to: [...wanted], gridIds, teamId, leader: teamId !== null && input.leader, workPhone: input.workPhone },
      at: now,
    })
  })
  return getPerson(db, input.userId)
}
