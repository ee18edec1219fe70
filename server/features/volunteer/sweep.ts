// What happens by itself, every five minutes: the reminder an hour before a shift (once), a record nobody checked
// out of closed at the shift's end (marked as closed by the system, for the leader to correct if need be), and a
// holding of an ended shift with nobody checked in recorded as a no-show.
import type { Services } from '../../core/context'
import { sendReminders } from '../messages/reminders'
import { shiftLink, when } from './present'
import * as repo from './repo'
import { CHECK_CLOSES_MINUTES, REMINDER_MINUTES, minutesWithin } from './rules'

export async function sweepVolunteer(services: Services): Promise<{ reminded: number; closed: number; noShows: number }> {
  const { db } = services
  const now = services.clock()
  const nowIso = now.toISOString()
  const closedBefore = new Date(now.getTime() - CHECK_CLOSES_MINUTES * 60_000).toISOString()
  let closed = 0
  let noShows = 0
  const reminded = await sendReminders(services, {
    name: 'volunteer shifts',
    due: () => repo.dueReminders(db, nowIso, new Date(now.getTime() + REMINDER_MINUTES * 60_000).toISOString()),
    claim: (tx, r, at) => repo.markReminded(tx, r.id, at),
    notice: (r) => ({
      userId: r.userId,
      title: '服务班次即将开始',
      body: `您报名的「${r.task}」${when(r.startsAt)}在${r.place}开始，请按时到岗签到。`,
      link: shiftLink(r.shiftId),
      template: 'volunteer_shift_reminder',
      payload: { shiftId: r.shiftId, signupId: r.id, task: r.task, place: r.place, startsAt: r.startsAt, code: r.code },
    }),
  })
  for (const h of await repo.openRecordsEndedBefore(db, closedBefore)) {
    const minutes = minutesWithin(h.checkedInAt, h.endsAt, h.startsAt, h.endsAt)
    if (await repo.checkOut(db, h.id, { checked_out_at: h.endsAt, out_via: 'sweep', out_by: null, minutes })) closed++
  }
  for (const s of await repo.unattendedEndedBefore(db, closedBefore)) {
    if (await repo.setSignup(db, s.id, ['signed'], { state: 'no_show', updated_at: nowIso })) noShows++
  }
  return { reminded, closed, noShows }
}
