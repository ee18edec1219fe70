import type { z } from 'zod'
import type { Role } from '../../../common/contract'
import type { Page } from '../../../common/paging'
import { maskPhone } from '../../../common/personal'
import { audit } from '../../core/audit'
import type { AuthedCtx, Services } from '../../core/context'
import { AppError, badInput, notFound } from '../../core/errors'
import type { Db } from '../../db/connect'
import type { PersonOut, assignInput } from './actions'
import { addressText } from '../../../common/address'
import { contains } from '../../db/text-search'

function baseQuery(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('households', 'households.id', 'users.household_id')
    .leftJoin('buildings', 'buildings.id', 'households.building_id')
    .leftJoin('grids', 'grids.id', 'buildings.grid_id')
    .where('users.deleted_at', 'is', null)
}

type PersonRow = { id: number; name: string | null; phone: string | null; workPhone: string | null; building: string | null; unit: number | null; room: string | null; gridName: string | null }

async function hydrate(db: Db, rows: PersonRow[]): Promise<PersonOut[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [roles, grids, teams] = await Promise.all([
    db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).orderBy('role').execute(),
    db.selectFrom('grid_workers').select(['user_id', 'grid_id']).where('user_id', 'in', ids).orderBy('grid_id').execute(),
    db
      .selectFrom('volunteer_members')
      .innerJoin('volunteer_teams', 'volunteer_teams.id', 'volunteer_members.team_id')
      .select(['volunteer_members.user_id as userId', 'volunteer_teams.id as id', 'volunteer_teams.name as name', 'volunteer_members.is_leader as isLeader'])
      .where('volunteer_members.user_id', 'in', ids)
      .execute(),
  ])
  return rows.map((r) => {
    const team = teams.find((t) => t.userId === r.id)
    return {
      id: r.id,
      name: r.name ?? '未登记',
      phone: maskPhone(r.phone),
      address: addressText(r) || null,
      gridName: r.gridName,
      roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role as Role),
      gridIds: grids.filter((x) => x.user_id === r.id).map((x) => x.grid_id),
      team: team ? { id: team.id, name: team.name, leader: team.isLeader === 1 } : null,
      workPhone: r.workPhone,
    }
  })
}

const columns = [
  'users.id as id',
  'users.name as name',
  'users.phone as phone',
  'users.work_phone as workPhone',
  'buildings.name as building',
  'households.unit as unit',
  'households.room as room',
  'grids.name as gridName',
] as const

export async function search({ db }: Services, q: string, role: Role | undefined, page: number, pageSize: number): Promise<Page<PersonOut>> {
  let query = baseQuery(db)
  if (q) {
    query = query.where((eb) => eb.or([contains('users.name', q), contains('users.phone', q), contains('buildings.name', q)]))
  }
  if (role) {
    query = query.where('users.id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', role))
  }
  // People who never registered nor hold a role are only sign-ins; staff have nothing to do with them.
  query = query.where((eb) =>
    eb.or([eb('users.household_id', 'is not', null), eb('users.id', 'in', db.selectFrom('user_roles').select('user_id'))]),
  )
  const [rows, count] = await Promise.all([
    query.select(columns).orderBy('users.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const total = Number(count.n)
  return { items: await hydrate(db, rows), total, page, pageSize, hasMore: page * pageSize < total }
}

export async function getPerson(db: Db, userId: number): Promise<PersonOut> {
  const rows = await baseQuery(db).select(columns).where('users.id', '=', userId).execute()
  if (rows.length === 0) throw notFound('没有找到这个人')
  return (await hydrate(db, rows))[0]
}

export async function assign(ctx: AuthedCtx, input: z.output<typeof assignInput>): Promise<PersonOut> {
  const { db, actor } = ctx
  const before = await getPerson(db, input.userId)
  if (input.userId === actor.userId && !input.roles.includes('admin')) {
    throw new AppError('CONFLICT', '不能取消自己的管理员角色，请让另一位管理员操作')
  }
  const gridIds = input.roles.includes('grid_worker') ? [...new Set(input.gridIds)] : []
  if (gridIds.length) {
    const found = await db.selectFrom('grids').select('id').where('id', 'in', gridIds).execute()
    if (found.length !== gridIds.length) throw badInput({ gridIds: '所选网格不存在' })
  }
  const teamId = input.roles.includes('volunteer') ? input.teamId : null
  if (teamId !== null) {
    const team = await db.selectFrom('volunteer_teams').select('id').where('id', '=', teamId).executeTakeFirst()
    if (!team) throw badInput({ teamId: '所选志愿队不存在' })
  }
  const now = ctx.clock().toISOString()
  // Resident is kept as it is: it follows from the household, not from this form.
  const wanted = new Set<Role>([...input.roles, ...(before.roles.includes('resident') ? (['resident'] as Role[]) : [])])
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('user_roles').where('user_id', '=', input.userId).where('role', 'not in', [...wanted]).execute()
    for (const role of wanted) {
      await tx
        .insertInto('user_roles')
        .values({ user_id: input.userId, role, granted_by: actor.userId, granted_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
        .execute()
    }
    await tx.updateTable('users').set({ work_phone: input.workPhone, updated_at: now }).where('id', '=', input.userId).execute()
    await tx.deleteFrom('grid_workers').where('user_id', '=', input.userId).execute()
    for (const gridId of gridIds) await tx.insertInto('grid_workers').values({ user_id: input.userId, grid_id: gridId }).execute()
    await tx.deleteFrom('volunteer_members').where('user_id', '=', input.userId).execute()
    if (teamId !== null) {
      await tx.insertInto('volunteer_members').values({ user_id: input.userId, team_id: teamId, is_leader: input.leader ? 1 : 0 }).execute()
    }
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
