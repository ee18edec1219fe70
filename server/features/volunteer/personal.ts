// A person's part of 志愿服务's data: what the export holds, and what deleting the account erases. Coming shifts
// are given back and an open application withdrawn; the hours stay as the team's record without the name, and an
// issued certificate still answers to its number, without the name or the ID number.
import type { Services } from '../../core/context'
import type { Db } from '../../db/connect'
import * as repo from './repo'
import { effective } from './present'
import { releaseAll } from './shifts'
import type { CertificateContent } from './actions'

/** What an erased person's certificate says in place of their name. */
export const ERASED_NAME = '已注销'

export async function exportOf(db: Db, userId: number) {
  const [applications, qualifications, signups, hours, certificates] = await Promise.all([
    repo.applicationsOf(db, { userId }),
    repo.qualificationsOf(db, [userId]),
    repo.signupsOfUser(db, userId),
    repo.hoursOf(db, { userIds: [userId] }),
    repo.certificatesOf(db, { userId }),
  ])
  const corrections = await repo.correctionsOf(db, hours.map((h) => h.id))
  return {
    volunteerApplications: applications.map((a) => ({ teamId: a.team_id, state: a.state, note: a.note, createdAt: a.created_at, decidedAt: a.decided_at })),
    volunteerQualifications: qualifications.map((q) => ({ kind: q.kind, expiresOn: q.expires_on })),
    volunteerShifts: signups.map((s) => ({ shiftId: s.shift_id, state: s.state, startsAt: s.starts_at, endsAt: s.ends_at })),
    volunteerHours: hours.map((h) => ({ shiftId: h.shift_id, checkedInAt: h.checked_in_at, checkedOutAt: h.checked_out_at, minutes: h.minutes, counted: effective(h, corrections) })),
    volunteerCertificates: certificates.map((c) => ({ number: c.number, state: c.state, from: c.from_day, to: c.to_day, requestedAt: c.requested_at })),
  }
}

export async function forgetVolunteer(services: Services, tx: Db, userId: number, now: string) {
  await releaseAll(services, tx, userId, now)
  for (const a of await repo.applicationsOf(tx, { userId })) {
    if (a.state === 'pending') await repo.settleApplication(tx, a.id, 'withdrawn', { by: null, reason: null, now })
  }
  await tx.updateTable('volunteer_applications').set({ note: null }).where('user_id', '=', userId).execute()
  await tx.deleteFrom('volunteer_qualifications').where('user_id', '=', userId).execute()
  for (const c of await repo.certificatesOf(tx, { userId })) {
    const content = c.content ? (JSON.parse(c.content) as CertificateContent) : null
    await tx
      .updateTable('volunteer_certificates')
      .set({ id_masked: null, purpose: null, content: content ? JSON.stringify({ ...content, name: ERASED_NAME, idMasked: null }) : null, state: c.state === 'requested' ? 'declined' : c.state, decline_reason: c.state === 'requested' ? '居民已注销' : c.decline_reason })
      .where('id', '=', c.id)
      .execute()
  }
}
