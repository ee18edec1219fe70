import type { Services } from '../../core/context'
import { localDay, startOfLocalDay } from '../../../common/time'
import { sendReminders } from '../messages/reminders'
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

const remindAtOf = (day: string) => startOfLocalDay(day)!.getTime() - REMIND_AT_MINUTES_BEFORE_DAY * MINUTE_MS

/**
 * Reminders for tomorrow's bookings (messages/reminders.ts: claimed by a conditional update, so sweeps running at
 * once on several servers send each once) and erasure of ID numbers whose keeping period ended.
 */
export async function sweepAppointments(services: Services): Promise<AppointmentSweep> {
  const { db } = services
  const now = services.clock()
  const nowIso = now.toISOString()
  // Anything starting before the end of tomorrow may be due.
  const horizon = new Date(startOfLocalDay(localDay(now))!.getTime() + 2 * DAY_MS).toISOString()
  const reminded = await sendReminders(services, {
    name: 'appointments',
    due: async () => (await repo.dueReminders(db, horizon, nowIso)).filter((b) => now.getTime() >= remindAtOf(b.day)),
    claim: (tx, b, at) => repo.markReminded(tx, b.id, at),
    notice: (b) => {
      // Booked after the reminder time (for tomorrow or today): they have just seen it; no reminder.
      if (Date.parse(b.createdAt) >= remindAtOf(b.day)) return null
      const checklist = (JSON.parse(b.checklist) as string[]).join('、')
      return {
        userId: b.residentId,
        title: '预约提醒',
        body: `您预约了${when(b.startsAt)}的「${b.serviceName}」，预约码 ${b.code}。${b.notice ? `${b.notice}。` : ''}请携带：${checklist}。`,
        link: detailLink(b.id),
        template: 'appointment_reminder',
        payload: { bookingId: b.id, service: b.serviceName, startsAt: b.startsAt, code: b.code },
      }
    },
  })
  const purged = await repo.purgeIdCards(db, { purgeAfterBefore: localDay(now) }, nowIso)
  if (reminded || purged) services.log.info({ reminded, purged }, 'appointments sweep')
  return { reminded, purged }
}
