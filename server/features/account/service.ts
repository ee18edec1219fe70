import { randomBytes } from 'node:crypto'
import type { AuthedCtx, Services } from '../../core/context'
import { AppError, badInput, notFound } from '../../core/errors'
import type { Me, MyGrid } from './actions'
import type { z } from 'zod'
import type { profileInput } from './actions'
import * as repo from './repo'
import { audit } from '../../core/audit'
import { removeUploadFiles } from '../../core/upload-files'
import * as hotlineRepo from '../hotline/repo'
import { exportOf as appointmentsOf, forgetResident as forgetAppointments } from '../appointments/service'
import * as messagesRepo from '../messages/repo'

/** What is left of a deleted resident's hotline request in place of what they wrote. */
export const ERASED_REQUEST_TEXT = '（居民已注销，内容已删除）'

type Profile = z.output<typeof profileInput>

async function communityRow({ db }: Services) {
  return db.selectFrom('community').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
}

export async function getMe(ctx: Services, userId: number): Promise<Me> {
  const { db } = ctx
  const user = await repo.findUser(db, userId)
  if (!user) throw new AppError('SESSION_EXPIRED')
  const [roles, gridIds, team, community, household] = await Promise.all([
    repo.rolesOf(db, userId),
    repo.gridIdsOf(db, userId),
    repo.teamOf(db, userId),
    communityRow(ctx),
    user.household_id ? repo.householdById(db, user.household_id) : Promise.resolve(undefined),
  ])
  return {
    id: user.id,
    name: user.name,
    phone: user.phone,
    roles,
    household: household ?? null,
    elderMode: user.elder_mode === 1,
    consent: { required: community.privacy_version, accepted: user.consent_version, acceptedAt: user.consented_at },
    gridIds,
    team: team ? { id: team.id, name: team.name, leader: team.isLeader === 1 } : null,
  }
}

export async function consent(ctx: AuthedCtx, version: string): Promise<Me> {
  const community = await communityRow(ctx)
  if (version !== community.privacy_version) {
    throw new AppError('CONFLICT', '隐私保护指引已更新，请阅读最新版本后再同意')
  }
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ consent_version: version, consented_at: now, updated_at: now }).where('id', '=', ctx.actor.userId).execute()
    await tx.insertInto('consents').values({ user_id: ctx.actor.userId, version, consented_at: now }).execute()
  })
  return getMe(ctx, ctx.actor.userId)
}

/** Registration and later edits share the rules; registration also makes the person a resident. */
export async function saveProfile(ctx: AuthedCtx, input: Profile, mode: 'register' | 'update'): Promise<Me> {
  const { db, actor } = ctx
  const user = await repo.findUser(db, actor.userId)
  if (!user) throw new AppError('SESSION_EXPIRED')
  if (mode === 'register' && user.household_id) throw new AppError('ALREADY_REGISTERED')
  if (mode === 'update' && !user.household_id) throw new AppError('NOT_FOUND', '您还没有登记住户信息')

  const building = await repo.findBuilding(db, input.buildingId)
  if (!building) throw badInput({ buildingId: '楼栋不存在，请重新选择' })
  if (input.unit > building.units) throw badInput({ unit: `${building.name}只有${building.units}个单元` })
  const floor = Math.floor(Number(input.room) / 100)
  const door = Number(input.room) % 100
  if (floor < 1 || floor > building.floors || door < 1 || door > building.rooms_per_floor) {
    throw badInput({ room: `${building.name}没有${input.room}室，请重新选择` })
  }

  const now = ctx.clock().toISOString()
  await db.transaction().execute(async (tx) => {
    const householdId = await repo.householdAt(tx, building.id, input.unit, input.room, now)
    await tx
      .updateTable('users')
      .set({ name: input.name, phone: input.phone, household_id: householdId, updated_at: now })
      .where('id', '=', actor.userId)
      .execute()
    if (mode === 'register') {
      await tx
        .insertInto('user_roles')
        .values({ user_id: actor.userId, role: 'resident', granted_by: null, granted_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
        .execute()
    }
  })
  return getMe(ctx, actor.userId)
}

export async function setElderMode(ctx: AuthedCtx, enabled: boolean): Promise<Me> {
  const now = ctx.clock().toISOString()
  await ctx.db.updateTable('users').set({ elder_mode: enabled ? 1 : 0, updated_at: now }).where('id', '=', ctx.actor.userId).execute()
  return getMe(ctx, ctx.actor.userId)
}

export async function myGrid(ctx: AuthedCtx): Promise<MyGrid> {
  const { db } = ctx
  const user = await repo.findUser(db, ctx.actor.userId)
  if (!user?.household_id) throw notFound('您还没有登记住户信息')
  const household = await repo.householdById(db, user.household_id)
  if (!household) throw notFound('您还没有登记住户信息')
  const [grid, workers, community] = await Promise.all([
    db.selectFrom('grids').selectAll().where('id', '=', household.gridId).executeTakeFirstOrThrow(),
    repo.gridWorkersOf(db, household.gridId),
    communityRow(ctx),
  ])
  return {
    grid: { id: grid.id, code: grid.code, name: grid.name, area: grid.area },
    household,
    // A grid worker's work phone is a public service number, so residents get it whole to call.
    workers: workers.map((w) => ({ name: w.name ?? '网格员', phone: w.workPhone })),
    hotline: community.hotline,
  }
}

/** Everything the community holds about the person, as one JSON document (PIPL right of access/portability). */
export async function exportData(ctx: AuthedCtx): Promise<Record<string, unknown>> {
  const { db, actor } = ctx
  const me = await getMe(ctx, actor.userId)
  const [consents, sessions, auditRows, requests, messages, appointments] = await Promise.all([
    db.selectFrom('consents').select(['version', 'consented_at']).where('user_id', '=', actor.userId).orderBy('id').execute(),
    db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', actor.userId).orderBy('created_at').execute(),
    db.selectFrom('audit_log').select(['action', 'at', 'detail']).where('target_type', '=', 'user').where('target_id', '=', String(actor.userId)).orderBy('id').execute(),
    hotlineRepo.requestsOfResident(db, actor.userId),
    messagesRepo.allOf(db, actor.userId),
    appointmentsOf(db, actor.userId),
  ])
  return {
    exportedAt: ctx.clock().toISOString(),
    profile: { name: me.name, phone: me.phone, household: me.household, elderMode: me.elderMode },
    roles: me.roles,
    gridIds: me.gridIds,
    volunteerTeam: me.team,
    consents: consents.map((c) => ({ version: c.version, at: c.consented_at })),
    sessions: sessions.map((s) => ({ signedInAt: s.created_at, expiresAt: s.expires_at })),
    roleChanges: auditRows.map((a) => ({ action: a.action, at: a.at, detail: a.detail ? JSON.parse(a.detail) : null })),
    hotlineRequests: requests.map((r) => ({
      id: r.id,
      category: r.category,
      description: r.description,
      state: r.state,
      createdAt: r.createdAt,
      events: r.events.map((e) => ({ kind: e.kind, at: e.at, text: e.text })),
      rating: r.ratedAt && r.ratingStars ? { stars: r.ratingStars, comment: r.ratingComment, at: r.ratedAt } : null,
    })),
    messages: messages.map((m) => ({ title: m.title, body: m.body, createdAt: m.created_at, read: m.read_at !== null })),
    appointments,
  }
}

/**
 * Deleting an account removes what identifies the person and keeps an anonymous row, so that records other
 * people rely on (announcements they wrote, requests they handled) still hold together. Their own hotline
 * requests stay too, for the grids' figures, but without what they wrote or photographed; their messages,
 * outbox rows and quick replies go. Photo files are removed once the deletion has committed.
 */
export async function deleteAccount(ctx: AuthedCtx): Promise<null> {
  const { db, actor } = ctx
  if (actor.roles.includes('admin')) {
    const others = await db
      .selectFrom('user_roles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('user_id', '!=', actor.userId)
      .executeTakeFirstOrThrow()
    if (Number(others.n) === 0) {
      throw new AppError('CONFLICT', '您是社区唯一的管理员，请先指定另一位管理员，再注销账号')
    }
  }
  const now = ctx.clock().toISOString()
  const erasedUploads = await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({
        openid: `deleted:${actor.userId}:${randomBytes(8).toString('hex')}`,
        name: null,
        phone: null,
        work_phone: null,
        household_id: null,
        elder_mode: 0,
        deleted_at: now,
        updated_at: now,
      })
      .where('id', '=', actor.userId)
      .execute()
    await tx.deleteFrom('sessions').where('user_id', '=', actor.userId).execute()
    await tx.deleteFrom('user_roles').where('user_id', '=', actor.userId).execute()
    await tx.deleteFrom('grid_workers').where('user_id', '=', actor.userId).execute()
    await tx.deleteFrom('volunteer_members').where('user_id', '=', actor.userId).execute()
    await tx.deleteFrom('idempotency_keys').where('user_id', '=', actor.userId).execute()
    await messagesRepo.deleteAllOf(tx, actor.userId)
    await hotlineRepo.deleteQuickRepliesOf(tx, actor.userId)
    await forgetAppointments(ctx, tx, actor.userId, now)
    await hotlineRepo.eraseResidentText(tx, actor.userId, ERASED_REQUEST_TEXT)
    const uploads = await hotlineRepo.uploadsToErase(tx, actor.userId)
    await hotlineRepo.deleteUploads(tx, uploads.map((u) => u.id))
    await audit(tx, { actorId: actor.userId, action: 'account.delete', targetType: 'user', targetId: actor.userId, at: now })
    return uploads
  })
  await removeUploadFiles(ctx, erasedUploads)
  return null
}
