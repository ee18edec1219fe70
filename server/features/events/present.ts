// How events, sign-ups and places in the queue look to the people who see them, with what the caller may do
// (rules.ts) and the links and times notices quote.
import { linkTo } from '../../../common/routes'
import { formatWhen } from '../../../common/time'
import type { Actor, Services } from '../../core/context'
import { hasRole } from '../../core/context'
import { photoView } from '../moderation/photos'
import type { PhotoState } from '../moderation/actions'
import { notFound } from '../../core/errors'
import type { EventOut, GuestOut, SignupOut, WaitOut } from './actions'
import * as repo from './repo'
import { eligibility, eventAbilities, signupRefusal, statusOf, ageBand, type Organiser, type Person } from './rules'
import type { EventRow, SignupRow } from './tables'

export const eventLink = (id: number) => linkTo('event', { id })
export const signupLink = (id: number) => linkTo('eventSignup', { id })
export const waitLink = (id: number) => linkTo('eventWait', { id })
export const when = formatWhen

/** The capacity unit of an event's places. */
export const unitKey = (e: Pick<EventRow, 'id' | 'starts_at'>) => ({ scope: repo.SCOPE, ref: `event:${e.id}`, ownerId: e.id, startsAt: e.starts_at })

/** Who is looking: their own sign-ups, whether they organise, and what decides whether they may sign up. */
export interface Viewer {
  userId: number
  resident: boolean
  organiser: Organiser
  person: Person
}

export async function viewerOf(services: Services, actor: Actor | null): Promise<Viewer | null> {
  if (!actor) return null
  const [u] = await repo.usersByIds(services.db, [actor.userId])
  return {
    userId: actor.userId,
    resident: hasRole(actor, 'resident'),
    organiser: { userId: actor.userId, staff: hasRole(actor, 'staff', 'admin'), ledTeamIds: hasRole(actor, 'volunteer') ? await repo.ledTeamIds(services.db, actor.userId) : [] },
    person: { gridId: u?.gridId ?? null, birthYear: u?.birthYear ?? null },
  }
}

export const gridIdsOf = (e: Pick<EventRow, 'grid_ids'>): number[] => (e.grid_ids ? (JSON.parse(e.grid_ids) as number[]) : [])

/** 红石榴广场 · 二楼多功能厅 */
export const placeOf = (venueName: string, room: string | null) => (room ? `${venueName} · ${room}` : venueName)

export async function eventsOut(services: Services, viewer: Viewer | null, rows: EventRow[]): Promise<EventOut[]> {
  if (rows.length === 0) return []
  const { db } = services
  const now = services.clock()
  const ids = rows.map((e) => e.id)
  const [venues, sessions, usage, waiting, teams, grids, posters] = await Promise.all([
    repo.venues(db),
    repo.sessionsOf(db, ids),
    services.capacity.usageOf(db, repo.SCOPE, rows.map((e) => unitKey(e).ref)),
    repo.waitingCounts(db, ids),
    repo.teams(db),
    repo.gridNames(db),
    postersOf(services, viewer, rows),
  ])
  const names = (gridIds: number[]) => gridIds.map((g) => grids.get(g) ?? `网格${g}`).join('、')
  const mine = viewer ? await mineOn(services, viewer.userId, ids) : null
  return rows.map((e) => {
    const venue = venues.find((v) => v.id === e.venue_id)!
    const u = usage.get(unitKey(e).ref)
    const left = u ? u.left : e.places
    const window = { signupOpensAt: e.signup_opens_at, signupClosesAt: e.signup_closes_at, endsAt: e.ends_at }
    const gridIds = gridIdsOf(e)
    const audience = { gridIds, minAge: e.min_age, maxAge: e.max_age }
    const band = ageBand(audience)
    const team = e.team_id === null ? null : (teams.find((t) => t.id === e.team_id) ?? null)
    const facts = { state: e.state, teamId: e.team_id, startsAt: e.starts_at, endsAt: e.ends_at }
    return {
      id: e.id,
      title: e.title,
      category: e.category,
      description: e.description,
      posterId: e.poster_upload_id,
      posterUrl: posters.get(e.id)?.url ?? null,
      posterState: posters.get(e.id)?.state ?? null,
      venue: { id: venue.id, name: venue.name, latitude: venue.latitude, longitude: venue.longitude, address: venue.address },
      room: e.room,
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      sessions: sessions.filter((s) => s.event_id === e.id).map((s) => ({ id: s.id, position: s.position, startsAt: s.starts_at, endsAt: s.ends_at })),
      places: e.places,
      placesLeft: left,
      waiting: waiting.get(e.id) ?? 0,
      status: statusOf(e.state, window, left, now),
      state: e.state,
      signupOpensAt: e.signup_opens_at,
      signupClosesAt: e.signup_closes_at,
      cancelUntil: e.cancel_until,
      maxGuests: e.max_guests,
      guestMode: e.guest_mode,
      audience: { ...audience, text: [gridIds.length ? `${names(gridIds)}居民` : '全体居民', band].filter(Boolean).join(' · ') },
      team,
      cancelReason: e.cancel_reason,
      mine: mine ? { signupId: mine.signups.get(e.id) ?? null, waitId: mine.waits.get(e.id) ?? null } : null,
      eligibility: viewer?.resident ? eligibility(audience, viewer.person, names, e.starts_at) : null,
      can: eventAbilities(viewer?.organiser ?? null, facts, now),
    }
  })
}

/** Each event's poster as this viewer gets it: held from others until the content check clears it. */
async function postersOf(services: Services, viewer: Viewer | null, rows: EventRow[]): Promise<Map<number, { url: string | null; state: PhotoState }>> {
  const ids = rows.map((e) => e.poster_upload_id).filter((id): id is number => id !== null)
  if (ids.length === 0) return new Map()
  const uploads = await services.db
    .selectFrom('uploads')
    .select(['id', 'storage', 'path_or_file_id as ref', 'owner_id as ownerId', 'review'])
    .where('id', 'in', ids)
    .execute()
  const who = viewer ? { userId: viewer.userId, staff: viewer.organiser?.staff ?? false } : null
  const out = new Map<number, { url: string | null; state: PhotoState }>()
  for (const e of rows) {
    const u = uploads.find((x) => x.id === e.poster_upload_id)
    const shown = u ? photoView(services, who, u) : null
    if (shown) out.set(e.id, shown)
  }
  return out
}

/** The viewer's live sign-up and place in the queue on each event. */
async function mineOn(services: Services, userId: number, eventIds: number[]) {
  const { db } = services
  const signups = await db.selectFrom('event_signups').select(['id', 'event_id']).where('user_id', '=', userId).where('event_id', 'in', eventIds).where('state', '=', 'signed').execute()
  const waits = (await repo.waitsWithQueue(db, { userId, eventIds })).filter((w) => w.queueState === 'waiting' || w.queueState === 'offered')
  return { signups: new Map(signups.map((s) => [s.event_id, s.id])), waits: new Map(waits.map((w) => [w.event_id, w.id])) }
}

export async function eventOut(services: Services, viewer: Viewer | null, id: number): Promise<EventOut> {
  const e = await repo.event(services.db, id)
  const shown = e ? (await eventsOut(services, viewer, [e]))[0]! : null
  // A draft is seen only by those who organise it.
  if (!shown || (shown.state === 'draft' && !shown.can.edit)) throw notFound('没有找到该活动')
  return shown
}

const guestsOut = (rows: { name: string; relation: string }[]): GuestOut[] => rows.map((g) => ({ name: g.name, relation: g.relation }))

/** Sign-ups as their owner (or staff) sees them, in the order given. */
export async function signupsOut(services: Services, viewer: Viewer, rows: SignupRow[]): Promise<SignupOut[]> {
  if (rows.length === 0) return []
  const { db } = services
  const now = services.clock()
  const events = await repo.eventsByIds(db, [...new Set(rows.map((s) => s.event_id))])
  const shown = new Map((await eventsOut(services, viewer, events)).map((e) => [e.id, e]))
  const [guests, attendance] = await Promise.all([repo.guestsOf(db, rows.map((s) => s.id)), repo.attendanceOf(db, rows.map((s) => s.id))])
  return rows.map((s) => {
    const e = events.find((x) => x.id === s.event_id)!
    const named = guests.filter((g) => g.signup_id === s.id)
    const facts = { state: s.state, userId: s.user_id, eventState: e.state, cancelUntil: e.cancel_until, startsAt: e.starts_at }
    return {
      id: s.id,
      code: s.code,
      state: s.state,
      places: s.places,
      event: shown.get(e.id)!,
      named: guestsOut(named),
      guests: Math.max(0, s.places - 1 - named.length),
      attendance: attendance.filter((a) => a.signup_id === s.id).map((a) => ({ sessionId: a.session_id, state: a.state, at: a.at })),
      fromWaitingList: s.from_wait_id !== null,
      cancelReason: s.cancel_reason,
      can: { cancel: signupRefusal('cancel', { userId: viewer.userId, staff: viewer.organiser.staff }, facts, now) === null },
    }
  })
}

export async function signupDetail(services: Services, viewer: Viewer, id: number): Promise<SignupOut> {
  const s = await repo.signup(services.db, id)
  if (!s || (s.user_id !== viewer.userId && !viewer.organiser.staff)) throw notFound('没有找到该报名')
  return (await signupsOut(services, viewer, [s]))[0]!
}

export async function waitsOut(services: Services, viewer: Viewer, rows: Awaited<ReturnType<typeof repo.waitsWithQueue>>): Promise<WaitOut[]> {
  if (rows.length === 0) return []
  const events = await repo.eventsByIds(services.db, [...new Set(rows.map((w) => w.event_id))])
  const shown = new Map((await eventsOut(services, viewer, events)).map((e) => [e.id, e]))
  const out: WaitOut[] = []
  for (const w of rows) {
    const named = JSON.parse(w.named) as GuestOut[]
    out.push({
      id: w.id,
      state: w.queueState as WaitOut['state'],
      position: await services.capacity.position(services.db, w.waiter_id),
      places: w.quantity,
      event: shown.get(w.event_id)!,
      named: guestsOut(named),
      guests: w.guests,
      signupId: w.signup_id,
      can: { leave: w.queueState === 'waiting' || w.queueState === 'offered' },
    })
  }
  return out
}

export async function waitDetail(services: Services, viewer: Viewer, id: number): Promise<WaitOut> {
  const rows = (await repo.waitsWithQueue(services.db, { userId: viewer.userId })).filter((w) => w.id === id)
  if (rows.length === 0) throw notFound('没有找到该候补')
  return (await waitsOut(services, viewer, rows))[0]!
}

/** 我的报名: coming sign-ups soonest first, places in the queue, then past and cancelled ones, latest first. */
export async function mine(services: Services, viewer: Viewer) {
  const now = services.clock().getTime()
  const all = await signupsOut(services, viewer, await repo.signupsOfUser(services.db, viewer.userId))
  const live = (s: SignupOut) => s.state === 'signed' && s.event.state === 'published' && Date.parse(s.event.endsAt) > now
  const upcoming = all.filter(live).sort((a, b) => Date.parse(a.event.startsAt) - Date.parse(b.event.startsAt))
  const past = all.filter((s) => !live(s)).sort((a, b) => Date.parse(b.event.startsAt) - Date.parse(a.event.startsAt))
  const waits = await waitsOut(services, viewer, (await repo.waitsWithQueue(services.db, { userId: viewer.userId })).filter((w) => w.queueState === 'waiting' || w.queueState === 'offered'))
  return { upcoming, waits, past }
}
