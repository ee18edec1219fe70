// Sign-ups: a resident and the companions they bring take places together through the capacity mechanism, inside
// the transaction that records them; when full they wait, and places given back go to the queue in that same
// transaction, whole parties first come first served. Who may sign up and when is decided here, on the server.
import { blockFrom, blockMessage, noShowsMatterSince } from '../../core/no-show'
import { unusedCode } from '../../core/codes'
import { promotionVia, type Waiter } from '../../core/capacity'
import type { AuthedCtx, Services } from '../../core/context'
import { AppError, badInput, conflict, notFound } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import type { Db } from '../../db/connect'
import { pickCompanions } from '../account/companions'
import { notify } from '../messages/service'
import type { SignupOut, signupInput, WaitOut } from './actions'
import { eventsOut, signupDetail, signupLink, viewerOf, waitDetail, when, type Viewer } from './present'
import * as repo from './repo'
import { signupGuard, signupRefusal, windowRefusal } from './rules'
import { eventSettings } from './settings'
import type { EventRow } from './tables'
import type { z } from 'zod'

type SignupInput = z.output<typeof signupInput>

const FULL = '名额已满，可以加入候补'
const TWICE = '您已报名该活动，可在“我的报名”中查看'
const CHANGED = '该报名刚刚有变化，请刷新后再试'

interface Named {
  companionId: number | null
  name: string
  relation: string
}

interface Party {
  event: EventRow
  named: Named[]
  guests: number
  places: number
}

/** The no-show rule: too many events missed lately and sign-ups pause for a while. */
export async function blockOf(services: Services, userId: number) {
  const rule = await eventSettings.read(services.db)
  const now = services.clock()
  const r = { limit: rule.noShowLimit, windowDays: rule.noShowWindowDays, blockDays: rule.noShowBlockDays }
  const b = blockFrom(await repo.noShowsOf(services.db, userId, noShowsMatterSince(r, now), now.toISOString()), r, now)
  return b ? { until: b.until, message: blockMessage(b, true, '报名') } : null
}

async function viewer(ctx: AuthedCtx): Promise<Viewer> {
  return (await viewerOf(ctx, ctx.actor))!
}

/** The event open for this person now, and who they bring, checked against its rules; every refusal says why. */
async function partyOf(ctx: AuthedCtx, me: Viewer, input: SignupInput): Promise<Party> {
  const event = await repo.event(ctx.db, input.eventId)
  if (!event || event.state === 'draft') throw notFound('没有找到该活动')
  const closed = windowRefusal(event.state, { signupOpensAt: event.signup_opens_at, signupClosesAt: event.signup_closes_at, endsAt: event.ends_at }, ctx.clock())
  if (closed) throw conflict(closed)
  const shown = (await eventsOut(ctx, me, [event]))[0]!
  if (shown.eligibility && !shown.eligibility.ok) throw conflict(shown.eligibility.reason ?? '您不在本活动的报名范围内')
  const ids = [...new Set(input.companionIds)]
  if (ids.length !== input.companionIds.length) throw badInput({ companionIds: '同行人重复' })
  const count = ids.length + input.guests
  if (count > 0 && event.max_guests === 0) throw badInput({ [ids.length ? 'companionIds' : 'guests']: '本活动不能带同行人' })
  if (event.guest_mode === 'named' && input.guests > 0) throw badInput({ guests: '本活动请从常用乘车人中选择同行人' })
  if (event.guest_mode === 'count' && ids.length > 0) throw badInput({ companionIds: '本活动只需填写同行人数' })
  if (count > event.max_guests) throw badInput({ [ids.length ? 'companionIds' : 'guests']: `本活动每人最多带${event.max_guests}位同行人` })
  const named = (await pickCompanions(ctx.db, ctx.actor.userId, ids, 'companionIds')).map((c) => ({ companionId: c.id, name: c.name, relation: c.relation }))
  const b = await blockOf(ctx, ctx.actor.userId)
  if (b) throw conflict(b.message)
  return { event, named, guests: input.guests, places: 1 + named.length + input.guests }
}

async function insertParty(db: Db, v: { eventId: number; userId: number; named: Named[]; places: number; fromWaitId: number | null; now: string }) {
  const id = await repo.insertSignup(db, {
    code: await unusedCode(async (c) => !!(await repo.signupByCode(db, c))),
    event_id: v.eventId,
    user_id: v.userId,
    walk_in_name: null,
    places: v.places,
    state: 'signed',
    from_wait_id: v.fromWaitId,
    created_at: v.now,
    updated_at: v.now,
  })
  await repo.insertGuests(db, id, v.named)
  return id
}

/**
 * How freed places reach the queue: each promoted entry becomes a sign-up with the companions it asked for, and
 * its person is told. `joining` catches the joiner itself promoted inside join() before its entry row exists.
 */
export const promotionFor = (services: Services, joining?: { waiter: Waiter | null }) => promotionVia(services.clock().toISOString(), repo.waitByWaiter, promoteWait, joining)

async function promoteWait(db: Db, w: NonNullable<Awaited<ReturnType<typeof repo.wait>>>, now: string) {
  const named = JSON.parse(w.named) as Named[]
  const places = 1 + named.length + w.guests
  const signupId = await insertParty(db, { eventId: w.event_id, userId: w.user_id, named, places, fromWaitId: w.id, now })
  await repo.setWaitSignup(db, w.id, signupId)
  const e = (await repo.event(db, w.event_id))!
  const s = (await repo.signup(db, signupId))!
  await notify(db, {
    userId: w.user_id,
    title: '候补成功，已为您报名',
    body: `「${e.title}」（${when(e.starts_at)}）已为您留出${places}个名额，签到码 ${s.code}。不能参加请在“我的报名”中取消，名额会留给下一位。`,
    link: signupLink(signupId),
    template: 'event_promoted',
    payload: { eventId: e.id, signupId, title: e.title, startsAt: e.starts_at, places, code: s.code },
    now,
  })
}

export async function signUp(ctx: AuthedCtx, input: SignupInput): Promise<SignupOut> {
  const me = await viewer(ctx)
  const party = await partyOf(ctx, me, input)
  const userId = ctx.actor.userId
  // Said before "full": the person already holds a place. Two taps racing past this are settled by the unique index.
  if (await repo.liveSignup(ctx.db, party.event.id, userId)) throw conflict(TWICE)
  const now = ctx.clock().toISOString()
  const promotion = promotionFor(ctx)
  try {
    const id = await ctx.db.transaction().execute(async (tx) => {
      // Signing up outright ends the person's own wait for the same event.
      const own = (await repo.waitsWithQueue(tx, { userId, eventIds: [party.event.id], state: 'waiting' }))[0]
      if (own) await ctx.capacity.leave(tx, own.waiter_id, promotion)
      await ctx.capacity.takeOrRefuse(tx, party.event.unit_id!, party.places, FULL)
      return insertParty(tx, { eventId: party.event.id, userId, named: party.named, places: party.places, fromWaitId: null, now })
    })
    return signupDetail(ctx, me, id)
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(TWICE)
    throw err
  }
}

export async function joinWait(ctx: AuthedCtx, input: SignupInput): Promise<WaitOut> {
  const me = await viewer(ctx)
  const party = await partyOf(ctx, me, input)
  const userId = ctx.actor.userId
  if (await repo.liveSignup(ctx.db, party.event.id, userId)) throw conflict(TWICE)
  const now = ctx.clock().toISOString()
  const joining = { waiter: null as Waiter | null }
  const id = await ctx.db.transaction().execute(async (tx) => {
    const waiter = await ctx.capacity.join(tx, party.event.unit_id!, userId, party.places, promotionFor(ctx, joining))
    const waitId = await repo.insertWait(tx, { waiter_id: waiter.id, event_id: party.event.id, user_id: userId, named: JSON.stringify(party.named), guests: party.guests, created_at: now })
    // Places were free after all (someone cancelled meanwhile) and this party was next: it is signed up now.
    if (joining.waiter?.id === waiter.id) await promoteWait(tx, (await repo.wait(tx, waitId))!, now)
    return waitId
  })
  return waitDetail(ctx, me, id)
}

export async function leaveWait(ctx: AuthedCtx, id: number): Promise<WaitOut> {
  const me = await viewer(ctx)
  const w = await repo.wait(ctx.db, id)
  if (!w || w.user_id !== ctx.actor.userId) throw notFound('没有找到该候补')
  const left = await ctx.db.transaction().execute((tx) => ctx.capacity.leave(tx, w.waiter_id, promotionFor(ctx)))
  if (!left) throw conflict('您已不在该活动的候补名单中')
  return waitDetail(ctx, me, id)
}

/** The owner gives the places back before the cut-off (staff until the start); the queue is served at once. */
export async function cancel(ctx: AuthedCtx, id: number): Promise<SignupOut> {
  const me = await viewer(ctx)
  const s = await repo.signup(ctx.db, id)
  if (!s || (s.user_id !== me.userId && !me.organiser.staff)) throw notFound('没有找到该报名')
  const e = (await repo.event(ctx.db, s.event_id))!
  const refused = signupRefusal('cancel', { userId: me.userId, staff: me.organiser.staff }, { state: s.state, userId: s.user_id, eventState: e.state, cancelUntil: e.cancel_until, startsAt: e.starts_at }, ctx.clock())
  if (refused) throw new AppError(refused.code, refused.message)
  const byStaff = s.user_id !== me.userId
  const now = ctx.clock().toISOString()
  await ctx.db.transaction().execute(async (tx) => {
    const patch = { state: 'cancelled' as const, cancelled_at: now, cancel_reason: byStaff ? '由社区工作人员取消' : null, updated_at: now }
    if (!(await repo.setSignup(tx, id, signupGuard('cancel'), patch))) throw conflict(CHANGED)
    await ctx.capacity.release(tx, e.unit_id!, s.places, promotionFor(ctx))
    if (byStaff && s.user_id !== null) {
      await notify(tx, {
        userId: s.user_id,
        title: '活动报名已取消',
        body: `社区工作人员取消了您「${e.title}」（${when(e.starts_at)}）的报名。如有疑问请联系社区。`,
        link: signupLink(id),
        template: 'event_changed',
        payload: { eventId: e.id, signupId: id, waitId: null, title: e.title, startsAt: e.starts_at, place: '', change: 'cancelled', note: null },
        now,
      })
    }
  })
  return signupDetail(ctx, me, id)
}
