import { randomBytes } from 'node:crypto'
import type { z } from 'zod'
import { audit } from '../../core/audit'
import type { AuthedCtx, Services } from '../../core/context'
import { AppError, badInput, notFound } from '../../core/errors'
import type { AfterCommit } from '../../core/feature'
import * as community from '../community/repo'
import type { HouseholdOut, Me, MyGrid, profileInput } from './actions'
import { companionsOf, forgetCompanions } from './companions'
import * as repo from './repo'

type Profile = z.output<typeof profileInput>

async function homeOf(ctx: Services, userId: number): Promise<HouseholdOut | null> {
  const p = await repo.personWithHome(ctx.db, userId)
  if (!p || p.buildingId === null || p.building === null || p.unit === null || p.room === null || p.gridId === null || p.gridName === null) return null
  return { buildingId: p.buildingId, buildingName: p.building, unit: p.unit, room: p.room, gridId: p.gridId, gridName: p.gridName }
}

export async function getMe(ctx: Services, userId: number): Promise<Me> {
  const { db } = ctx
  const user = await repo.findUser(db, userId)
  if (!user) throw new AppError('SESSION_EXPIRED')
  const [roles, gridIds, team, c, household] = await Promise.all([
    repo.rolesOf(db, userId),
    repo.gridIdsOf(db, userId),
    repo.teamOf(db, userId),
    community.communityRow(db),
    homeOf(ctx, userId),
  ])
  return {
    id: user.id,
    name: user.name,
    phone: user.phone,
    roles,
    household,
    elderMode: user.elder_mode === 1,
    birthYear: user.birth_year ?? null,
    consent: { required: c.privacy_version, accepted: user.consent_version, acceptedAt: user.consented_at },
    gridIds,
    team: team ? { id: team.id, name: team.name, leader: team.isLeader === 1 } : null,
  }
}

export async function consent(ctx: AuthedCtx, version: string): Promise<Me> {
  const c = await community.communityRow(ctx.db)
  if (version !== c.privacy_version) {
    throw new AppError('CONFLICT', '隐私保护指引已更新，请阅读最新版本后再同意')
  }
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute((tx) => repo.recordConsent(tx, ctx.actor.userId, version, now))
  return getMe(ctx, ctx.actor.userId)
}

/** Registration and later edits share the rules; registration also makes the person a resident. */
export async function saveProfile(ctx: AuthedCtx, input: Profile, mode: 'register' | 'update'): Promise<Me> {
  const { db, actor } = ctx
  const user = await repo.findUser(db, actor.userId)
  if (!user) throw new AppError('SESSION_EXPIRED')
  if (mode === 'register' && user.household_id) throw new AppError('ALREADY_REGISTERED')
  if (mode === 'update' && !user.household_id) throw new AppError('NOT_FOUND', '您还没有登记住户信息')

  const building = await community.findBuilding(db, input.buildingId)
  if (!building) throw badInput({ buildingId: '楼栋不存在，请重新选择' })
  if (input.unit > building.units) throw badInput({ unit: `${building.name}只有${building.units}个单元` })
  const floor = Math.floor(Number(input.room) / 100)
  const door = Number(input.room) % 100
  if (floor < 1 || floor > building.floors || door < 1 || door > building.rooms_per_floor) {
    throw badInput({ room: `${building.name}没有${input.room}室，请重新选择` })
  }

  const now = ctx.clock().toISOString()
  await db.transaction().execute(async (tx) => {
    const householdId = await community.householdAt(tx, building.id, input.unit, input.room, now)
    await repo.updateUser(tx, actor.userId, { name: input.name, phone: input.phone, household_id: householdId, updated_at: now })
    if (mode === 'register') await repo.grantRole(tx, actor.userId, 'resident', null, now)
  })
  return getMe(ctx, actor.userId)
}

export async function setElderMode(ctx: AuthedCtx, enabled: boolean): Promise<Me> {
  const now = ctx.clock().toISOString()
  await repo.updateUser(ctx.db, ctx.actor.userId, { elder_mode: enabled ? 1 : 0, updated_at: now })
  return getMe(ctx, ctx.actor.userId)
}

export async function setBirthYear(ctx: AuthedCtx, birthYear: number | null): Promise<Me> {
  if (birthYear !== null && birthYear > ctx.clock().getUTCFullYear()) throw badInput({ birthYear: '出生年份不能晚于今年' })
  await repo.updateUser(ctx.db, ctx.actor.userId, { birth_year: birthYear, updated_at: ctx.clock().toISOString() })
  return getMe(ctx, ctx.actor.userId)
}

export async function myGrid(ctx: AuthedCtx): Promise<MyGrid> {
  const { db } = ctx
  const household = await homeOf(ctx, ctx.actor.userId)
  if (!household || !(await repo.findUser(db, ctx.actor.userId))) throw notFound('您还没有登记住户信息')
  const [grid, workers, c] = await Promise.all([
    community.gridById(db, household.gridId),
    repo.gridWorkersOf(db, household.gridId),
    community.communityRow(db),
  ])
  if (!grid) throw notFound('您还没有登记住户信息')
  return {
    grid: { id: grid.id, code: grid.code, name: grid.name, area: grid.area },
    household,
    // A grid worker's work phone is a public service number, so residents get it whole to call.
    workers: workers.map((w) => ({ name: w.name ?? '网格员', phone: w.workPhone })),
    hotline: c.hotline,
  }
}

/** The account's own part of the person's data: who they are, their roles, team, consents and role changes. */
export async function exportOwn(ctx: Services, userId: number): Promise<Record<string, unknown>> {
  const [me, consents, changes, companions] = await Promise.all([getMe(ctx, userId), repo.consentsOf(ctx.db, userId), repo.changesTo(ctx.db, userId), companionsOf(ctx.db, userId)])
  return {
    profile: { name: me.name, phone: me.phone, household: me.household, elderMode: me.elderMode, birthYear: me.birthYear },
    roles: me.roles,
    gridIds: me.gridIds,
    volunteerTeam: me.team,
    consents: consents.map((c) => ({ version: c.version, at: c.consented_at })),
    roleChanges: changes.map((a) => ({ action: a.action, at: a.at, detail: a.detail ? JSON.parse(a.detail) : null })),
    companions: companions.map(({ name, relation, phone }) => ({ name, relation, phone })),
  }
}

/** Removes what identifies the person and keeps an anonymous row in its place. */
export async function eraseOwn(_services: Services, tx: Services['db'], { userId, now }: { userId: number; now: string }) {
  await repo.anonymise(tx, userId, `deleted:${userId}:${randomBytes(8).toString('hex')}`, now)
  await repo.forgetMemberships(tx, userId)
  await forgetCompanions(tx, userId)
}

/**
 * Everything the community holds about the person, as one JSON document (PIPL right of access/portability):
 * each domain's part under its own keys (server/core/feature.ts, PersonalData).
 */
export async function exportData(ctx: AuthedCtx): Promise<Record<string, unknown>> {
  const parts = await Promise.all(ctx.modules.map((m) => m.personalData?.export?.(ctx, ctx.actor.userId) ?? {}))
  const out: Record<string, unknown> = { exportedAt: ctx.clock().toISOString() }
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key in out) throw new Error(`two domains export personal data under "${key}"`)
      out[key] = value
    }
  }
  return out
}

/**
 * Deleting an account removes what identifies the person and keeps an anonymous row, so that records other
 * people rely on (announcements they wrote, requests they handled) still hold together. Every domain erases or
 * anonymises its part in the one transaction; what cannot be rolled back (removing photo files) waits for it.
 */
export async function deleteAccount(ctx: AuthedCtx): Promise<null> {
  const { db, actor } = ctx
  if (actor.roles.includes('admin') && (await repo.countOthersWithRole(db, 'admin', actor.userId)) === 0) {
    throw new AppError('CONFLICT', '您是社区唯一的管理员，请先指定另一位管理员，再注销账号')
  }
  const now = ctx.clock().toISOString()
  const afterCommit = await db.transaction().execute(async (tx) => {
    const later: AfterCommit[] = []
    for (const m of ctx.modules) {
      const then = await m.personalData?.erase?.(ctx, tx, { userId: actor.userId, now })
      if (then) later.push(then)
    }
    await audit(tx, { actorId: actor.userId, action: 'account.delete', targetType: 'user', targetId: actor.userId, at: now })
    return later
  })
  for (const then of afterCommit) await then(ctx)
  return null
}
