// The demo volunteer's past year of service, so that 志愿服务 shows real figures on a fresh demo database: a
// three-hour shift of her team every week, the most recent 40 days back, each checked in and out. Written straight
// to the tables with the shape the shifts and the check-ins make (a full shift, its place taken, its hours).
import { newCode } from '../../core/codes'
import type { Db } from '../../db/connect'
import { minutesWithin } from './rules'

const TASKS = [
  { task: '独居老人入户探访', place: '管道新村' },
  { task: '便民服务亭值守', place: '便民服务亭' },
  { task: '代买代办', place: '红石榴家园' },
  { task: '免费体检引导', place: '社区医疗服务中心' },
]

export const DEMO_WEEKS = 40

export async function seedDemoService(db: Db, userId: number, teamId: number, now: string): Promise<void> {
  for (let week = 0; week < DEMO_WEEKS; week++) {
    const start = new Date(Date.parse(now) - (40 + week * 7) * 86_400_000)
    start.setUTCHours(1, 0, 0, 0) // 09:00 in Beijing
    const startsAt = start.toISOString()
    const endsAt = new Date(start.getTime() + 3 * 3_600_000).toISOString()
    const { task, place } = TASKS[week % TASKS.length]!
    const code = newCode()
    const unit = await db
      .insertInto('capacity_units')
      .values({ scope: 'shift', ref: `shift:${code}`, owner_id: teamId, starts_at: startsAt, places: 4, taken: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const shift = await db
      .insertInto('volunteer_shifts')
      .values({ team_id: teamId, event_id: null, task, place, starts_at: startsAt, ends_at: endsAt, places: 4, qualification: null, release_hours: 12, open_to_all: 0, state: 'published', unit_id: unit.id, check_code: code, cancel_reason: null, created_by: userId, created_at: startsAt, updated_at: startsAt })
      .returning('id')
      .executeTakeFirstOrThrow()
    const signup = await db
      .insertInto('shift_signups')
      .values({ shift_id: shift.id, user_id: userId, code: newCode(), state: 'signed', starts_at: startsAt, ends_at: endsAt, released_by: null, released_at: null, reminded_at: startsAt, created_at: startsAt, updated_at: startsAt })
      .returning('id')
      .executeTakeFirstOrThrow()
    const inAt = new Date(start.getTime() - 10 * 60_000).toISOString()
    const outAt = new Date(start.getTime() + 3 * 3_600_000 + 5 * 60_000).toISOString()
    await db
      .insertInto('volunteer_hours')
      .values({ signup_id: signup.id, user_id: userId, shift_id: shift.id, team_id: teamId, checked_in_at: inAt, checked_out_at: outAt, in_via: 'leader', out_via: 'leader', in_by: userId, out_by: userId, minutes: minutesWithin(inAt, outAt, startsAt, endsAt), created_at: inAt })
      .execute()
  }
}
