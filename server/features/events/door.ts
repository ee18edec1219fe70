// On the day: the roster of an event (sign-ups with their companions and attendance per session), check-in by code
// at the door from an hour before each session until it ends, and walk-ins filling free places. Organisers see
// names, masked phones and how many come; nothing else of residents.
import { normalizeCode } from '../../../common/codes'
import { maskPhone } from '../../../common/mask'
import { local } from '../../../common/time'
import type { AuthedCtx } from '../../core/context'
import { AppError, badInput, conflict } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import type { CheckInOut, RosterOut, SessionOut } from './actions'
import { organiserOf } from './organise'
import { eventsOut, type Viewer } from './present'
import * as repo from './repo'
import { doorSession, DOOR_OPENS_MINUTES, eventRefusal } from './rules'
import { unusedCode } from '../../core/codes'
import type { EventRow, SessionRow } from './tables'

const at = (iso: string) => local(iso).format('M月D日 HH:mm')

async function organisedEvent(ctx: AuthedCtx, viewer: Viewer, id: number, act: 'roster' | 'checkIn'): Promise<EventRow> {
  const e = await repo.event(ctx.db, id)
  if (!e) throw new AppError('NOT_FOUND', '没有找到该活动')
  const refused = eventRefusal(act, viewer.organiser, { state: e.state, teamId: e.team_id, startsAt: e.starts_at, endsAt: e.ends_at }, ctx.clock())
  if (refused) throw new AppError(refused.code, refused.message)
  return e
}

const sessionOut = (s: SessionRow): SessionOut => ({ id: s.id, position: s.position, startsAt: s.starts_at, endsAt: s.ends_at })

export async function rosterOf(ctx: AuthedCtx, viewer: Viewer, e: EventRow): Promise<RosterOut> {
  const { db } = ctx
  const [[shown], signups, sessions, waiting] = await Promise.all([eventsOut(ctx, viewer, [e]), repo.signupsOfEvent(db, e.id, 'signed'), repo.sessionsOf(db, [e.id]), repo.waitingCounts(db, [e.id])])
  const ids = signups.map((s) => s.id)
  const [guests, attendance, users] = await Promise.all([repo.guestsOf(db, ids), repo.attendanceOf(db, ids), repo.usersByIds(db, signups.map((s) => s.user_id).filter((u): u is number => u !== null))])
  const entries = signups.map((s) => {
    const u = users.find((x) => x.id === s.user_id)
    const named = guests.filter((g) => g.signup_id === s.id)
    return {
      signupId: s.id,
      name: u?.name ?? s.walk_in_name ?? '居民',
      phoneMasked: u?.phone ? maskPhone(u.phone) : null,
      places: s.places,
      named: named.map((g) => ({ name: g.name, relation: g.relation })),
      guests: Math.max(0, s.places - 1 - named.length),
      walkIn: s.user_id === null,
      signedAt: s.created_at,
      attendance: attendance.filter((a) => a.signup_id === s.id).map((a) => ({ sessionId: a.session_id, state: a.state, at: a.at })),
    }
  })
  const present = (sid: number) => entries.filter((x) => x.attendance.some((a) => a.sessionId === sid && a.state === 'present'))
  return {
    event: shown!,
    entries,
    sessions: sessions.map((s) => ({
      ...sessionOut(s),
      present: present(s.id).length,
      presentPlaces: present(s.id).reduce((n, x) => n + x.places, 0),
      absent: entries.filter((x) => x.attendance.some((a) => a.sessionId === s.id && a.state === 'absent')).length,
    })),
    current: doorSession(sessions.map((s) => ({ id: s.id, startsAt: s.starts_at, endsAt: s.ends_at })), ctx.clock())?.id ?? null,
    waiting: waiting.get(e.id) ?? 0,
  }
}

export async function roster(ctx: AuthedCtx, eventId: number): Promise<RosterOut> {
  const viewer = await organiserOf(ctx)
  return rosterOf(ctx, viewer, await organisedEvent(ctx, viewer, eventId, 'roster'))
}

/** The session the door serves: the one asked for, or the one open now; refused outside its hours. */
async function sessionFor(ctx: AuthedCtx, e: EventRow, sessionId: number | undefined): Promise<SessionRow> {
  const sessions = await repo.sessionsOf(ctx.db, [e.id])
  const now = ctx.clock()
  const open = doorSession(sessions.map((s) => ({ ...s, startsAt: s.starts_at, endsAt: s.ends_at })), now)
  if (sessionId !== undefined) {
    const s = sessions.find((x) => x.id === sessionId)
    if (!s) throw badInput({ sessionId: '该场次不属于本活动' })
    if (s.id !== open?.id) throw conflict(`第${s.position}次活动${at(s.starts_at)}开始，开始前${DOOR_OPENS_MINUTES}分钟起至结束可以签到`)
    return s
  }
  if (!open) {
    const next = sessions.find((s) => Date.parse(s.starts_at) > now.getTime())
    throw conflict(next ? `下一次活动${at(next.starts_at)}开始，开始前${DOOR_OPENS_MINUTES}分钟起可以签到` : '活动已结束')
  }
  return open
}

export async function checkIn(ctx: AuthedCtx, eventId: number, typed: string, sessionId: number | undefined): Promise<CheckInOut> {
  const viewer = await organiserOf(ctx)
  const e = await organisedEvent(ctx, viewer, eventId, 'checkIn')
  const code = normalizeCode(typed)
  const s = await repo.signupByCode(ctx.db, code)
  if (!s) throw badInput({ code: '签到码不存在，请核对' })
  if (s.event_id !== e.id) {
    const other = await repo.event(ctx.db, s.event_id)
    throw conflict(`该签到码属于活动「${other?.title ?? '其他活动'}」（${other ? at(other.starts_at) : ''}），不是本活动的`)
  }
  const [u] = s.user_id === null ? [] : await repo.usersByIds(ctx.db, [s.user_id])
  const name = u?.name ?? s.walk_in_name ?? '居民'
  if (s.state !== 'signed') throw conflict(`${name}的报名已取消`)
  const session = await sessionFor(ctx, e, sessionId)
  const earlier = (await repo.attendanceOf(ctx.db, [s.id])).find((a) => a.session_id === session.id && a.state === 'present')
  if (earlier) throw conflict(`该签到码已于${at(earlier.at)}签到（${name}）`)
  const now = ctx.clock().toISOString()
  try {
    await ctx.db
      .insertInto('event_attendance')
      .values({ signup_id: s.id, session_id: session.id, state: 'present', at: now, by_id: ctx.actor.userId })
      .onConflict((oc) => oc.columns(['signup_id', 'session_id']).doUpdateSet({ state: 'present', at: now, by_id: ctx.actor.userId }).where('event_attendance.state', '=', 'absent'))
      .execute()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`该签到码刚刚已签到（${name}）`)
    throw err
  }
  // Two desks scanning the same code at once: the row says who was first.
  const row = (await repo.attendanceOf(ctx.db, [s.id])).find((a) => a.session_id === session.id)!
  if (row.by_id !== ctx.actor.userId || row.at !== now) throw conflict(`该签到码已于${at(row.at)}签到（${name}）`)
  return { name, places: s.places, session: sessionOut(session), roster: await rosterOf(ctx, viewer, e) }
}

/** Someone at the door without a sign-up takes free places, if there are any, and is checked in at once. */
export async function walkIn(ctx: AuthedCtx, eventId: number, name: string, guests: number): Promise<CheckInOut> {
  const viewer = await organiserOf(ctx)
  const e = await organisedEvent(ctx, viewer, eventId, 'checkIn')
  const session = await sessionFor(ctx, e, undefined)
  const places = 1 + guests
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    await ctx.capacity.takeOrRefuse(tx, e.unit_id!, places, places > 1 ? `剩余名额不足${places}个` : '名额已满，无法现场报名')
    const code = await unusedCode(async (c) => !!(await repo.signupByCode(tx, c)))
    const id = await repo.insertSignup(tx, { code, event_id: e.id, user_id: null, walk_in_name: name, places, state: 'signed', from_wait_id: null, created_at: now, updated_at: now })
    await tx.insertInto('event_attendance').values({ signup_id: id, session_id: session.id, state: 'present', at: now, by_id: ctx.actor.userId }).execute()
  })
  return { name, places, session: sessionOut(session), roster: await rosterOf(ctx, viewer, e) }
}
