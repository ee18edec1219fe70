// Slot cutting on its own: the process runs in UTC, the plan speaks Beijing time.
import { daysFrom, weekdayOf } from '../../../common/time'
import { closedAllDay, lastBookableDay, slotAt, slotsOn, type Plan } from './slots'

const plan = (over: Partial<Plan> = {}): Plan => ({
  durationMinutes: 30,
  hours: [
    { weekday: 1, starts: '09:00', ends: '11:00' },
    { weekday: 1, starts: '14:00', ends: '15:10' },
    { weekday: 6, starts: '07:00', ends: '08:00' },
    { weekday: 7, starts: '23:00', ends: '23:59' },
  ],
  closures: [],
  ...over,
})

test('weekdays of calendar days do not depend on the process zone', () => {
  expect(process.env.TZ).toBe('UTC')
  expect(['2026-11-30', '2026-12-05', '2026-12-06', '2027-01-01'].map(weekdayOf)).toEqual([1, 6, 7, 5])
})

test('windows are cut into whole slots; a remainder shorter than a slot is not offered', () => {
  const mon = slotsOn(plan(), '2026-11-30')
  expect(mon.map((s) => s.label)).toEqual(['09:00', '09:30', '10:00', '10:30', '14:00', '14:30'])
  expect(mon[0]).toMatchObject({ start: '2026-11-30T01:00:00.000Z', end: '2026-11-30T01:30:00.000Z' })
  expect(slotsOn(plan(), '2026-12-01')).toEqual([])
})

test('early-morning and late-evening slots belong to their Beijing day, whatever day they are in UTC', () => {
  const sat = slotsOn(plan(), '2026-12-05')
  expect(sat.map((s) => s.start)).toEqual(['2026-12-04T23:00:00.000Z', '2026-12-04T23:30:00.000Z'])
  const sun = slotsOn(plan(), '2026-12-06')
  expect(sun.map((s) => [s.label, s.start])).toEqual([['23:00', '2026-12-06T15:00:00.000Z']])
  // Read as a UTC day this instant would be a Friday, which has no hours.
  expect(slotAt(plan(), '2026-12-04T23:30:00.000Z')?.label).toBe('07:30')
})

test('closures: a whole day, part of a day, or everything; only slots they touch go', () => {
  const closures = [
    { serviceId: null, day: '2026-11-30', starts: '09:45', ends: '10:15', reason: '停电检修' },
    { serviceId: 3, day: '2026-12-07', starts: null, ends: null, reason: '元旦调休' },
  ]
  const mon = slotsOn(plan({ closures }), '2026-11-30')
  expect(mon.map((s) => s.label)).toEqual(['09:00', '10:30', '14:00', '14:30'])
  expect(slotAt(plan({ closures }), '2026-11-30T01:30:00.000Z')).toBeUndefined()
  expect(slotsOn(plan({ closures }), '2026-12-07')).toEqual([])
  expect(closedAllDay(plan({ closures }), '2026-12-07')?.reason).toBe('元旦调休')
  // Off the grid of the plan: no slot starts at 09:10.
  expect(slotAt(plan(), '2026-11-30T01:10:00.000Z')).toBeUndefined()
  expect(slotAt(plan(), 'not a time')).toBeUndefined()
})

test('overlapping windows give each start once', () => {
  const p = plan({ hours: [{ weekday: 1, starts: '09:00', ends: '10:00' }, { weekday: 1, starts: '09:30', ends: '10:30' }] })
  expect(slotsOn(p, '2026-11-30').map((s) => s.label)).toEqual(['09:00', '09:30', '10:00'])
})

test('the booking window counts Beijing days from now', () => {
  // 23:30 UTC on the 27th is already the 28th in Beijing.
  const now = new Date('2026-11-27T23:30:00.000Z')
  expect(daysFrom(now, 2)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30'])
  expect(lastBookableDay(now, 14)).toBe('2026-12-12')
})
