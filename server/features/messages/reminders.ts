// The one way every feature reminds people: the day before an appointment, two hours before a shuttle
// departure, the morning of an event, an hour before a volunteer shift. A feature says which reminders are due
// and how it marks one written; this writes each in a transaction of its own that first claims it, so sweeps
// running twice or on several instances at once write it once, and the outbox then sends it once.
import type { Services } from '../../core/context'
import type { Db } from '../../db/connect'
import { notify, type Notice } from './service'

/** A notice without its moment, which the mechanism fills in; per template, so a payload still has to fit. */
export type ReminderNotice = Notice extends infer N ? (N extends unknown ? Omit<N, 'now'> : never) : never

export interface Reminders<R> {
  /** What the reminders are of, for the log. */
  name: string
  /** The reminders whose time has come and that are not written yet. */
  due: (services: Services, now: Date) => Promise<R[]>
  /** Marks one written, inside its transaction; false when another run got there first. */
  claim: (tx: Db, r: R, nowIso: string) => Promise<boolean>
  /**
   * The notice; null to mark it done without telling (the person booked after the reminder time and has just
   * seen what it would say).
   */
  notice: (r: R, nowIso: string) => ReminderNotice | null
}

/** Writes the due reminders of one kind; answers how many were written. */
export async function sendReminders<R>(services: Services, reminders: Reminders<R>): Promise<number> {
  const now = services.clock()
  const nowIso = now.toISOString()
  let written = 0
  for (const r of await reminders.due(services, now)) {
    const wrote = await services.db.transaction().execute(async (tx) => {
      if (!(await reminders.claim(tx, r, nowIso))) return false
      const notice = reminders.notice(r, nowIso)
      if (!notice) return false
      await notify(tx, { ...notice, now: nowIso } as Notice)
      return true
    })
    if (wrote) written++
  }
  if (written) services.log.info({ reminders: reminders.name, written }, 'reminders written')
  return written
}
