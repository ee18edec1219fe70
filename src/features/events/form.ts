// The event form's values as typed, and how they become the save action's input: days and clock times read the
// way staff type them, a weekly series spelled out as its sessions. Kept apart from the page so it can be tested.
import { addDays, local, localDay } from '@common/time'
import type { EventOut, eventInput } from '@server/features/events/actions'
import { readClock, readDate } from '@/core/time-input'
import type { z } from 'zod'

export interface EventForm {
  id?: number
  teamId: number | null
  title: string
  category: EventOut['category'] | null
  posterId: number | null
  posterUrl: string | null
  venueId: number | null
  room: string
  date: string
  starts: string
  ends: string
  /** How many weekly sessions: 1 for a one-off. */
  repeat: string
  places: string
  gridIds: number[]
  minAge: string
  maxAge: string
  opensDate: string
  opensTime: string
  closesDate: string
  closesTime: string
  cancelDate: string
  cancelTime: string
  maxGuests: number
  guestMode: 'named' | 'count'
  description: string
}

const day = (iso: string) => local(iso).format('YYYY-MM-DD')
const time = (iso: string) => local(iso).format('HH:mm')

/** A new event: next Saturday afternoon, sign-up from now until 18:00 the day before. */
export function blankForm(now: Date, teamId: number | null): EventForm {
  const today = localDay(now)
  const weekday = local(now).day()
  const saturday = addDays(today, ((6 - weekday + 7) % 7) || 7)
  return {
    teamId,
    title: '',
    category: null,
    posterId: null,
    posterUrl: null,
    venueId: null,
    room: '',
    date: saturday,
    starts: '14:30',
    ends: '16:30',
    repeat: '1',
    places: '',
    gridIds: [],
    minAge: '',
    maxAge: '',
    opensDate: today,
    opensTime: local(now).format('HH:00'),
    closesDate: addDays(saturday, -1),
    closesTime: '18:00',
    cancelDate: addDays(saturday, -1),
    cancelTime: '18:00',
    maxGuests: 2,
    guestMode: 'named',
    description: '',
  }
}

/** An existing event in the form; a series is shown as its first session and how many weeks. */
export function formOf(e: EventOut): EventForm {
  const first = e.sessions[0]!
  return {
    id: e.id,
    teamId: e.team?.id ?? null,
    title: e.title,
    category: e.category,
    posterId: e.posterId,
    posterUrl: e.posterUrl,
    venueId: e.venue.id,
    room: e.room ?? '',
    date: day(first.startsAt),
    starts: time(first.startsAt),
    ends: time(first.endsAt),
    repeat: String(e.sessions.length),
    places: String(e.places),
    gridIds: e.audience.gridIds,
    minAge: e.audience.minAge === null ? '' : String(e.audience.minAge),
    maxAge: e.audience.maxAge === null ? '' : String(e.audience.maxAge),
    opensDate: day(e.signupOpensAt),
    opensTime: time(e.signupOpensAt),
    closesDate: day(e.signupClosesAt),
    closesTime: time(e.signupClosesAt),
    cancelDate: day(e.cancelUntil),
    cancelTime: time(e.cancelUntil),
    maxGuests: e.maxGuests,
    guestMode: e.guestMode,
    description: e.description,
  }
}

const num = (s: string) => (s.trim() === '' ? null : Number(s.trim()))

/**
 * The save action's input. What cannot be read stays as typed, so the action's own schema names the field.
 */
export function inputOf(f: EventForm, today: string): z.input<typeof eventInput> {
  const d = (typed: string) => readDate(typed, today) ?? typed
  const c = (typed: string) => readClock(typed) ?? typed
  const first = d(f.date)
  const weeks = Math.max(1, Math.min(30, Number(f.repeat) || 1))
  const sessions = Array.from({ length: weeks }, (_, i) => ({ date: /^\d{4}-\d{2}-\d{2}$/.test(first) ? addDays(first, 7 * i) : first, starts: c(f.starts), ends: c(f.ends) }))
  return {
    id: f.id,
    teamId: f.teamId,
    title: f.title,
    category: f.category as never,
    description: f.description,
    posterId: f.posterId,
    venueId: f.venueId as never,
    room: f.room,
    sessions,
    places: num(f.places) as never,
    gridIds: f.gridIds,
    minAge: num(f.minAge),
    maxAge: num(f.maxAge),
    signupOpens: { date: d(f.opensDate), time: c(f.opensTime) },
    signupCloses: { date: d(f.closesDate), time: c(f.closesTime) },
    cancelUntil: { date: d(f.cancelDate), time: c(f.cancelTime) },
    maxGuests: f.maxGuests,
    guestMode: f.guestMode,
  }
}
