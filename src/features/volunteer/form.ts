// The shift form's values as typed, and how they become the publish action's input: days and clock times read the
// way leaders type them (12月5日, 9点). Kept apart from the page so it can be tested.
import { addDays, local, localDay } from '@common/time'
import type { shiftInput } from '@server/features/volunteer/actions'
import { readClock, readDate } from '@/core/time-input'
import type { z } from 'zod'

export interface ShiftForm {
  teamId: number
  eventId: number | null
  task: string
  place: string
  date: string
  starts: string
  ends: string
  places: string
  qualification: string
  releaseHours: number
  openToAll: boolean
}

/** A new shift: tomorrow morning, two hours, sign-out until 12 hours before. */
export function blankShift(now: Date, teamId: number, eventId: number | null): ShiftForm {
  return { teamId, eventId, task: '', place: '', date: addDays(localDay(now), 1), starts: '09:00', ends: '11:00', places: '', qualification: '', releaseHours: 12, openToAll: false }
}

/** The form as the action's input: what cannot be read is passed on as typed, for the schema to name. */
export function shiftInputOf(f: ShiftForm, today: string): z.input<typeof shiftInput> {
  const places = f.places.trim() === '' ? undefined : Number(f.places)
  return {
    teamId: f.teamId,
    eventId: f.eventId,
    task: f.task,
    place: f.place,
    date: readDate(f.date, today) ?? f.date,
    starts: readClock(f.starts) ?? f.starts,
    ends: readClock(f.ends) ?? f.ends,
    places: places !== undefined && Number.isFinite(places) ? places : (undefined as unknown as number),
    qualification: f.qualification.trim() || null,
    releaseHours: f.releaseHours,
    openToAll: f.openToAll,
  }
}

/** 12月5日 周六: how the chosen day reads back under the field. */
export const dayLabel = (day: string | null) => (day ? local(`${day}T12:00:00+08:00`).format('M月D日 ddd') : '')
