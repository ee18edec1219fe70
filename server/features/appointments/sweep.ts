import type { Services } from '../../core/context'
import { localDay, startOfLocalDay } from '../../../common/time'
import { notify } from '../messages/service'
import { detailLink, when } from './present'
import * as repo from './repo'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

/** The day-before reminder goes out from 09:00 Beijing time on the previous day. */
export const REMIND_AT_MINUTES_BEFORE_DAY = 15 * 60

export interface AppointmentSweep {
  reminded: number
  purged: number
}

/**
 * Reminders for tomorrow's bookings and erasure of ID numbers whose keeping period ended. Each reminder is claimed
 * by a conditional update before it is written, so sweeps running at once on several servers send it once.
 */
export async function sweepAppointments(services: Services): Promise<AppointmentSweep> {
  const { db } = services
  const now = services.clock()
  const nowIso = now.toISOString()
  // Anything starting before the end of tomorrow may be due.
  const horizon = new Date(startOfLocalDay(localDay(now))!.getTime() + 2 * DAY_MS).toISOString()
  let reminded = 0
  for (const b of await repo.dueReminders(db, horizon, nowIso)) {
    const remindAt = startOfLocalDay(b.day)!.getTime() - REMIND_AT_MINUTES_BEFORE_DAY * MINUTE_MS
    if (now.getTime() < remindAt) continue
    await db.transaction().execute(async (tx) => {
      if (!(await repo.markReminded(tx, b.id, nowIso))) return
      // Booked after the reminder time (for tomorrow or today): they have just seen it; no reminder.
      if (Date.parse(b.createdAt) >= remindAt) return
      const checklist = (JSON.parse(b.checklist) as string[]).join('、')
      await notify(tx, {
        userId: b.residentId,
        title: '预约提醒',
        body: `您预约了${when(b.startsAt)}的「${b.serviceName}」，预约码 ${b.code}。${b.notice ? `${b.notice}。` : ''}请携带：${checklist}。`,
        link: detailLink(b.id),
        template: 'appointment_reminder',
        payload: { bookingId: b.id, service: b.serviceName, startsAt: b.startsAt, code: b.code },
        now: nowIso,
      })
      reminded++
    })
  }
  const purged = await repo.purgeIdCards(db, { purgeAfterBefore: localDay(now) }, nowIso)
  if (reminded || purged) services.log.info({ reminded, purged }, 'appointments sweep')
  return { reminded, purged }
}
