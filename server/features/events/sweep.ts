// Every few minutes, safe to run again at once and on several instances (each step is a conditional write):
// - places in the queue of events whose sign-up has closed end, and their people are told;
// - sessions that have ended record an absence for every sign-up not checked in (the no-show rule reads them);
// - on the morning of a session (from 07:00 Beijing time, or two hours before an earlier start) everyone signed up
//   gets a reminder in 消息中心, once: the reminder row is written first and only its writer sends.
import { addDays, atLocal, localDay } from '../../../common/time'
import type { Services } from '../../core/context'
import { sendReminders } from '../messages/reminders'
import { notify } from '../messages/service'
import { placeOf, signupLink, waitLink, when } from './present'
import * as repo from './repo'
import { promotionFor } from './signups'

const REMIND_FROM = '07:00'
const REMIND_EARLY_HOURS = 2
const LOOK_BACK_MS = 7 * 86_400_000

export async function sweepEvents(services: Services) {
  const lapsed = await lapseWaits(services)
  const absent = await recordAbsences(services)
  const reminded = await remind(services)
  return { lapsed, absent, reminded }
}

async function lapseWaits(services: Services): Promise<number> {
  const { db } = services
  const now = services.clock().toISOString()
  const closed = await db
    .selectFrom('events as e')
    .selectAll('e')
    .where('e.state', '=', 'published')
    .where('e.signup_closes_at', '<=', now)
    .where((eb) => eb.exists(eb.selectFrom('event_waits as w').innerJoin('capacity_waiters as q', 'q.id', 'w.waiter_id').select('w.id').whereRef('w.event_id', '=', 'e.id').where('q.state', '=', 'waiting')))
    .execute()
  let n = 0
  for (const e of closed) {
    await db.transaction().execute(async (tx) => {
      for (const w of await repo.waitsWithQueue(tx, { eventIds: [e.id], state: 'waiting' })) {
        if ((await services.capacity.leave(tx, w.waiter_id, promotionFor(services))) !== 'waiting') continue
        n++
        await notify(tx, {
          userId: w.user_id,
          title: '候补未成功',
          body: `「${e.title}」（${when(e.starts_at)}）已截止报名，候补期间没有空出名额。`,
          link: waitLink(w.id),
          template: 'event_wait_lapsed',
          payload: { eventId: e.id, waitId: w.id, title: e.title, startsAt: e.starts_at },
          now,
        })
      }
    })
  }
  return n
}

async function recordAbsences(services: Services): Promise<number> {
  const { db } = services
  const now = services.clock()
  const since = new Date(now.getTime() - LOOK_BACK_MS).toISOString()
  const missing = await db
    .selectFrom('event_sessions as ss')
    .innerJoin('events as e', 'e.id', 'ss.event_id')
    .innerJoin('event_signups as s', 's.event_id', 'e.id')
    .select(['s.id as signupId', 'ss.id as sessionId', 'ss.ends_at as endsAt'])
    .where('e.state', '=', 'published')
    .where('ss.ends_at', '<=', now.toISOString())
    .where('ss.ends_at', '>', since)
    .where('s.state', '=', 'signed')
    .where('s.user_id', 'is not', null)
    // Signed up before the session ended; someone who signed up for a later session of a series did not miss this one.
    .whereRef('s.created_at', '<', 'ss.ends_at')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('event_attendance as a').select('a.id').whereRef('a.signup_id', '=', 's.id').whereRef('a.session_id', '=', 'ss.id'))))
    .execute()
  let n = 0
  for (const m of missing) {
    const res = await db
      .insertInto('event_attendance')
      .values({ signup_id: m.signupId, session_id: m.sessionId, state: 'absent', at: m.endsAt, by_id: null })
      .onConflict((oc) => oc.columns(['signup_id', 'session_id']).doNothing())
      .returning('id')
      .execute()
    n += res.length
  }
  return n
}

async function remind(services: Services): Promise<number> {
  return sendReminders(services, {
    name: 'events',
    due: dueReminders,
    claim: async (tx, r, at) => {
      const wrote = await tx
        .insertInto('event_reminders')
        .values({ signup_id: r.signupId, session_id: r.sessionId, sent_at: at })
        .onConflict((oc) => oc.columns(['signup_id', 'session_id']).doNothing())
        .returning('signup_id')
        .execute()
      return wrote.length === 1
    },
    notice: (r) => {
      const place = placeOf(r.venue, r.room)
      return {
        userId: r.userId,
        title: '今天有您报名的活动',
        body: `「${r.title}」${when(r.startsAt)}开始，地点：${place}。签到码 ${r.code}，到场时出示即可。`,
        link: signupLink(r.signupId),
        template: 'event_reminder',
        payload: { eventId: r.eventId, signupId: r.signupId, title: r.title, startsAt: r.startsAt, place, code: r.code },
      }
    },
  })
}

/** Sign-ups for sessions later today whose reminder time has come, not yet reminded. */
async function dueReminders({ db }: Services, now: Date) {
  const today = localDay(now)
  const from = atLocal(today, REMIND_FROM)
  const sessions = await db
    .selectFrom('event_sessions as ss')
    .innerJoin('events as e', 'e.id', 'ss.event_id')
    .innerJoin('event_venues as v', 'v.id', 'e.venue_id')
    .select(['ss.id as sessionId', 'ss.starts_at as startsAt', 'e.id as eventId', 'e.title as title', 'e.room as room', 'v.name as venue'])
    .where('e.state', '=', 'published')
    .where('ss.starts_at', '>', now.toISOString())
    .where('ss.starts_at', '<', atLocal(addDays(today, 1), '00:00'))
    .execute()
  const due = []
  for (const ss of sessions) {
    if (now.getTime() < Math.min(Date.parse(from), Date.parse(ss.startsAt) - REMIND_EARLY_HOURS * 3_600_000)) continue
    const signups = await db
      .selectFrom('event_signups as s')
      .select(['s.id', 's.user_id', 's.code'])
      .where('s.event_id', '=', ss.eventId)
      .where('s.state', '=', 'signed')
      .where('s.user_id', 'is not', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('event_reminders as r').select('r.signup_id').whereRef('r.signup_id', '=', 's.id').where('r.session_id', '=', ss.sessionId))))
      .execute()
    for (const s of signups) due.push({ ...ss, signupId: s.id, userId: s.user_id!, code: s.code })
  }
  return due
}
