// The timetable's rules at Beijing-time day boundaries, with the process in UTC (jest runs with TZ=UTC).
import { fitTrain, phaseOf, runsOn, windowOf, type BookingRules } from './timetable'

const RULES: BookingRules = { openDaysAhead: 7, openTime: '08:00', closeMinutes: 30, earlyBefore: '07:30', earlyCloseTime: '18:00', cancelMinutes: 60 }
const patterns = [
  { id: 1, departs: '07:10', weekdays: '1234567', seats: 17, driverId: 9 },
  { id: 2, departs: '00:10', weekdays: '12345', seats: 17, driverId: null },
  { id: 3, departs: '13:30', weekdays: '67', seats: 12, driverId: null },
]

test('a pattern gives its runs on its weekdays, in Beijing time', () => {
  expect(process.env.TZ).toBe('UTC')
  // 2026-12-05 is a Saturday, 2026-12-07 a Monday.
  expect(runsOn(patterns, '2026-12-05').map((r) => [r.patternId, r.departsAt])).toEqual([
    [1, '2026-12-04T23:10:00.000Z'],
    [3, '2026-12-05T05:30:00.000Z'],
  ])
  // The 00:10 run of a Monday leaves at 16:10 UTC on the Sunday.
  expect(runsOn(patterns, '2026-12-07').map((r) => [r.patternId, r.departsAt])).toEqual([
    [2, '2026-12-06T16:10:00.000Z'],
    [1, '2026-12-06T23:10:00.000Z'],
  ])
})

test('booking opens N days ahead at the opening time and closes M minutes before the rider’s stop', () => {
  const w = windowOf({ ...RULES, earlyBefore: null }, '2026-12-08', '2026-12-08T05:30:00.000Z', 5)
  expect(w).toEqual({
    opensAt: '2026-12-01T00:00:00.000Z', // 12-01 08:00 Beijing
    closesAt: '2026-12-08T05:05:00.000Z', // 13:35 at the stop, less 30 minutes
    cancelUntil: '2026-12-08T04:35:00.000Z',
  })
  expect(phaseOf(w, new Date('2026-11-30T23:59:59.999Z'))).toBe('not_open')
  expect(phaseOf(w, new Date('2026-12-01T00:00:00.000Z'))).toBe('open')
  expect(phaseOf(w, new Date('2026-12-08T05:04:59.999Z'))).toBe('open')
  expect(phaseOf(w, new Date('2026-12-08T05:05:00.000Z'))).toBe('closed')
})

test('the first morning runs close at 18:00 the day before, in Beijing, whatever the UTC date', () => {
  // 07:10 on 12-08: closes 12-07 18:00 Beijing = 10:00 UTC.
  expect(windowOf(RULES, '2026-12-08', '2026-12-07T23:10:00.000Z', 0).closesAt).toBe('2026-12-07T10:00:00.000Z')
  // 00:10 on 12-08 (16:10 UTC on 12-07): still the Beijing evening before, 12-07 18:00.
  const midnight = windowOf(RULES, '2026-12-08', '2026-12-07T16:10:00.000Z', 0)
  expect(midnight.closesAt).toBe('2026-12-07T10:00:00.000Z')
  expect(midnight.opensAt).toBe('2026-12-01T00:00:00.000Z')
  // 07:30 is not before 07:30: the usual 30 minutes apply.
  expect(windowOf(RULES, '2026-12-08', '2026-12-07T23:30:00.000Z', 0).closesAt).toBe('2026-12-07T23:00:00.000Z')
  // On a month's first day the day before is the last of the previous month.
  expect(windowOf(RULES, '2027-01-01', '2026-12-31T22:20:00.000Z', 0).closesAt).toBe('2026-12-31T10:00:00.000Z')
})

test('赶火车: the latest run at the station at least the margin before the train, and the one before', () => {
  const runs = [
    { id: 1, departsAt: '2026-12-08T00:30:00.000Z', stationAt: '2026-12-08T01:05:00.000Z' },
    { id: 2, departsAt: '2026-12-08T02:00:00.000Z', stationAt: '2026-12-08T02:35:00.000Z' },
    { id: 3, departsAt: '2026-12-08T05:30:00.000Z', stationAt: '2026-12-08T06:05:00.000Z' },
  ]
  // A train at 11:15 Beijing (03:15 UTC), 40 minutes margin: at the station by 02:35 UTC.
  expect(fitTrain('to_station', runs, '2026-12-08T03:15:00.000Z', 40).map((c) => c.id)).toEqual([2, 1])
  expect(fitTrain('to_station', runs, '2026-12-08T03:14:59.000Z', 40).map((c) => c.id)).toEqual([1])
  expect(fitTrain('to_station', runs, '2026-12-08T01:00:00.000Z', 40)).toEqual([])
  // Coming home: a train arriving 10:00 Beijing (02:00 UTC), the first run leaving 15 minutes after it or later.
  const back = runs.map((r) => ({ ...r, stationAt: r.departsAt }))
  expect(fitTrain('from_station', back, '2026-12-08T01:45:00.000Z', 15).map((c) => c.id)).toEqual([2, 3])
  expect(fitTrain('from_station', back, '2026-12-08T01:45:01.000Z', 15).map((c) => c.id)).toEqual([3])
})
