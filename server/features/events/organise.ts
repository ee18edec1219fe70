// Organisers: staff publish any event, a 红石榴 team's leaders their team's. Drafts are saved as often as needed;
// publishing makes the event's places (a capacity unit); a change of time or place tells everyone signed up or
// waiting, and so does a cancellation. Places can grow (the queue is served at once) but not shrink below what is
// already taken.
import { atLocal } from '../../../common/time'
import type { AuthedCtx } from '../../core/context'
import { AppError, badInput, conflict } from '../../core/errors'
import type { Db } from '../../db/connect'
import { notify } from '../messages/service'
import type { EventOut, eventInput } from './actions'
import { eventLink, eventOut, eventsOut, placeOf, unitKey, viewerOf, when, type Viewer } from './present'
import * as repo from './repo'
import { eventGuard, eventRefusal } from './rules'
import { promotionFor } from './signups'
import type { EventRow } from './tables'
import type { z } from 'zod'

type EventInput = z.output<typeof eventInput>

export async function organiserOf(ctx: AuthedCtx): Promise<Viewer> {
  const viewer = (await viewerOf(ctx, ctx.actor))!
  if (!viewer.organiser.staff && viewer.organiser.ledTeamIds.length === 0) throw new AppError('FORBIDDEN', '只有社区工作人员和志愿服务队队长可以组织活动')
  return viewer
}

export async function organised(ctx: AuthedCtx) {
  const viewer = await organiserOf(ctx)
  const rows = await repo.organisedBy(ctx.db, viewer.organiser)
  const teams = (await repo.teams(ctx.db)).filter((t) => viewer.organiser.staff || viewer.organiser.ledTeamIds.includes(t.id))
  return { events: await eventsOut(ctx, viewer, rows), teams }
}

async function mustOrganise(ctx: AuthedCtx, viewer: Viewer, act: 'edit' | 'publish' | 'cancel', e: EventRow | undefined): Promise<EventRow> {
  if (!e) throw new AppError('NOT_FOUND', '没有找到该活动')
  const refused = eventRefusal(act, viewer.organiser, { state: e.state, teamId: e.team_id, startsAt: e.starts_at, endsAt: e.ends_at }, ctx.clock())
  if (refused) throw new AppError(refused.code, refused.message)
  return e
}

/** The input's moments as instants, checked against each other; every refusal names its field. */
async function checked(ctx: AuthedCtx, viewer: Viewer, input: EventInput, existing: EventRow | undefined) {
  const { db } = ctx
  if (input.teamId !== null && !viewer.organiser.staff && !viewer.organiser.ledTeamIds.includes(input.teamId)) throw badInput({ teamId: '只能组织本队的活动' })
  if (input.teamId === null && !viewer.organiser.staff) throw badInput({ teamId: '请选择组织活动的志愿服务队' })
  if (input.teamId !== null && !(await repo.teams(db)).some((t) => t.id === input.teamId)) throw badInput({ teamId: '志愿服务队不存在' })
  if (!(await repo.venues(db)).some((v) => v.id === input.venueId)) throw badInput({ venueId: '活动地点不存在，请重新选择' })
  const grids = await repo.gridNames(db)
  input.gridIds.forEach((g, i) => {
    if (!grids.has(g)) throw badInput({ [`gridIds.${i}`]: '网格不存在' })
  })
  if (input.posterId !== null && input.posterId !== existing?.poster_upload_id) {
    const u = await db.selectFrom('uploads').select(['owner_id', 'kind']).where('id', '=', input.posterId).executeTakeFirst()
    const used = await db.selectFrom('events').select('id').where('poster_upload_id', '=', input.posterId).executeTakeFirst()
    if (!u || u.owner_id !== ctx.actor.userId || u.kind !== 'poster' || used) throw badInput({ posterId: '海报不存在或已被使用，请重新上传' })
  }

  const sessions = input.sessions.map((s) => ({ startsAt: atLocal(s.date, s.starts), endsAt: atLocal(s.date, s.ends) }))
  sessions.forEach((s, i) => {
    if (i > 0 && Date.parse(s.startsAt) < Date.parse(sessions[i - 1]!.endsAt)) throw badInput({ [`sessions.${i}.date`]: '各次活动应按时间先后排列，且时间不能重叠' })
  })
  const now = ctx.clock().getTime()
  const startsAt = sessions[0]!.startsAt
  const endsAt = sessions[sessions.length - 1]!.endsAt
  if (Date.parse(endsAt) <= now) throw badInput({ 'sessions.0.date': '活动时间已过，请重新选择' })
  const opens = atLocal(input.signupOpens.date, input.signupOpens.time)
  const closes = atLocal(input.signupCloses.date, input.signupCloses.time)
  const cancelUntil = atLocal(input.cancelUntil.date, input.cancelUntil.time)
  if (Date.parse(closes) <= Date.parse(opens)) throw badInput({ 'signupCloses.date': '报名截止应晚于报名开始' })
  if (Date.parse(closes) > Date.parse(startsAt)) throw badInput({ 'signupCloses.date': '报名截止不能晚于活动开始' })
  if (Date.parse(cancelUntil) > Date.parse(startsAt)) throw badInput({ 'cancelUntil.date': '取消截止不能晚于活动开始' })
  return { sessions, startsAt, endsAt, opens, closes, cancelUntil }
}

export async function save(ctx: AuthedCtx, input: EventInput): Promise<EventOut> {
  const viewer = await organiserOf(ctx)
  const existing = input.id === undefined ? undefined : await mustOrganise(ctx, viewer, 'edit', await repo.event(ctx.db, input.id))
  const m = await checked(ctx, viewer, input, existing)
  const now = ctx.clock().toISOString()
  const values = {
    title: input.title,
    category: input.category,
    description: input.description,
    poster_upload_id: input.posterId,
    venue_id: input.venueId,
    room: input.room,
    starts_at: m.startsAt,
    ends_at: m.endsAt,
    places: input.places,
    grid_ids: input.gridIds.length ? JSON.stringify([...input.gridIds].sort((a, b) => a - b)) : null,
    min_age: input.minAge,
    max_age: input.maxAge,
    signup_opens_at: m.opens,
    signup_closes_at: m.closes,
    cancel_until: m.cancelUntil,
    max_guests: input.maxGuests,
    guest_mode: input.guestMode,
    team_id: input.teamId,
    updated_at: now,
  }
  if (!existing) {
    const id = await ctx.db.transaction().execute(async (tx) => {
      const id = await repo.insertEvent(tx, { ...values, state: 'draft', created_by: ctx.actor.userId, created_at: now })
      await repo.replaceSessions(tx, id, m.sessions)
      return id
    })
    return eventOut(ctx, viewer, id)
  }
  const before = existing
  const oldSessions = await repo.sessionsOf(ctx.db, [before.id])
  const moved =
    before.venue_id !== values.venue_id ||
    before.room !== values.room ||
    oldSessions.length !== m.sessions.length ||
    oldSessions.some((s, i) => s.starts_at !== m.sessions[i]!.startsAt || s.ends_at !== m.sessions[i]!.endsAt)
  await ctx.db.transaction().execute(async (tx) => {
    if (before.unit_id !== null) {
      const unit = await tx.selectFrom('capacity_units').select(['taken']).where('id', '=', before.unit_id).executeTakeFirstOrThrow()
      if (input.places < unit.taken) throw badInput({ places: `已有${unit.taken}人报名（含同行人），名额不能少于${unit.taken}` })
    }
    if (!(await repo.setEvent(tx, before.id, eventGuard('edit'), values))) throw conflict('该活动刚刚有变化，请刷新后再试')
    await repo.replaceSessions(tx, before.id, m.sessions)
    if (before.unit_id !== null) {
      await ctx.capacity.setPlaces(tx, before.unit_id, input.places)
      await tx.updateTable('capacity_units').set({ starts_at: m.startsAt }).where('id', '=', before.unit_id).execute()
      // More places serve the queue at once.
      if (input.places > before.places) await ctx.capacity.release(tx, before.unit_id, 0, promotionFor(ctx))
    }
    if (before.state === 'published' && moved) {
      const venue = (await repo.venues(tx)).find((v) => v.id === values.venue_id)!
      await tellEveryone(tx, before.id, now, (who) => ({
        title: '活动时间或地点有变',
        body: `您${who.signupId ? '报名' : '候补'}的「${values.title}」改为${when(m.startsAt)}开始，地点：${placeOf(venue.name, values.room)}。如不能参加，请在“我的报名”中取消。`,
        change: 'changed' as const,
        startsAt: m.startsAt,
        place: placeOf(venue.name, values.room),
        note: null,
      }))
    }
  })
  return eventOut(ctx, viewer, before.id)
}

/** Tells everyone signed up or waiting for an event, each with the link to their own sign-up or queue place. */
async function tellEveryone(
  tx: Db,
  eventId: number,
  now: string,
  message: (who: { signupId: number | null; waitId: number | null }) => { title: string; body: string; change: 'changed' | 'cancelled'; startsAt: string; place: string; note: string | null },
) {
  const e = (await repo.event(tx, eventId))!
  const people: { userId: number; signupId: number | null; waitId: number | null }[] = []
  for (const s of await repo.signupsOfEvent(tx, eventId, 'signed')) if (s.user_id !== null) people.push({ userId: s.user_id, signupId: s.id, waitId: null })
  for (const w of await repo.waitsWithQueue(tx, { eventIds: [eventId], state: 'waiting' })) people.push({ userId: w.user_id, signupId: null, waitId: w.id })
  for (const p of people) {
    const m = message(p)
    await notify(tx, {
      userId: p.userId,
      title: m.title,
      body: m.body,
      link: eventLink(eventId),
      template: 'event_changed',
      payload: { eventId, signupId: p.signupId, waitId: p.waitId, title: e.title, startsAt: m.startsAt, place: m.place, change: m.change, note: m.note },
      now,
    })
  }
}

export async function publish(ctx: AuthedCtx, id: number): Promise<EventOut> {
  const viewer = await organiserOf(ctx)
  const e = await mustOrganise(ctx, viewer, 'publish', await repo.event(ctx.db, id))
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    const unitId = await ctx.capacity.unitFor(tx, unitKey(e), e.places)
    if (!(await repo.setEvent(tx, id, eventGuard('publish'), { state: 'published', unit_id: unitId, published_at: now, updated_at: now }))) throw conflict('该活动刚刚有变化，请刷新后再试')
  })
  return eventOut(ctx, viewer, id)
}

export async function cancelEvent(ctx: AuthedCtx, id: number, reason: string): Promise<EventOut> {
  const viewer = await organiserOf(ctx)
  const e = await mustOrganise(ctx, viewer, 'cancel', await repo.event(ctx.db, id))
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.setEvent(tx, id, eventGuard('cancel'), { state: 'cancelled', cancel_reason: reason, updated_at: now }))) throw conflict('该活动刚刚有变化，请刷新后再试')
    if (e.state !== 'published') return
    const venue = (await repo.venues(tx)).find((v) => v.id === e.venue_id)!
    // Told before their sign-ups end, so each notice still finds its person.
    await tellEveryone(tx, id, now, (who) => ({
      title: '活动已取消',
      body: `您${who.signupId ? '报名' : '候补'}的「${e.title}」（${when(e.starts_at)}）已取消：${reason}。`,
      change: 'cancelled' as const,
      startsAt: e.starts_at,
      place: placeOf(venue.name, e.room),
      note: reason,
    }))
    await tx.updateTable('event_signups').set({ state: 'cancelled', cancel_reason: '活动已取消', cancelled_at: now, updated_at: now }).where('event_id', '=', id).where('state', '=', 'signed').execute()
    const nobody = { now, promote: async () => undefined }
    for (const w of await repo.waitsWithQueue(tx, { eventIds: [id], state: 'waiting' })) await ctx.capacity.leave(tx, w.waiter_id, nobody)
  })
  return eventOut(ctx, viewer, id)
}
