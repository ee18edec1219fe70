import { readClock, readDate } from './time-input'

test.each([
  ['9:12', '09:12'],
  ['09:12', '09:12'],
  ['9：12', '09:12'],
  ['0912', '09:12'],
  ['912', '09:12'],
  ['9点12', '09:12'],
  ['9点12分', '09:12'],
  ['21点', '21:00'],
  ['7', '07:00'],
  [' 23:59 ', '23:59'],
  ['00:10', '00:10'],
])('%s reads as %s', (typed, clock) => expect(readClock(typed)).toBe(clock))

test.each(['', '24:00', '9:60', 'G1234', '12345', '9:1', 'abc'])('%s is not a time', (typed) => expect(readClock(typed)).toBeNull())

test.each([
  ['2026-12-05', '2026-12-01', '2026-12-05'],
  ['2026/12/5', '2026-12-01', '2026-12-05'],
  ['2026年12月5日', '2026-12-01', '2026-12-05'],
  ['12月5日', '2026-12-01', '2026-12-05'],
  ['12-1', '2026-12-01', '2026-12-01'],
  // Without a year, a day already past this year is next year's.
  ['1月8日', '2026-12-01', '2027-01-08'],
  ['11.30', '2026-12-01', '2027-11-30'],
  ['2月29日', '2027-03-01', '2028-02-29'],
])('%s on %s reads as %s', (typed, today, day) => expect(readDate(typed, today)).toBe(day))

test.each(['', '2026-02-30', '13月1日', '12月', 'abc', '2026-1-1-1'])('%s is not a day', (typed) => expect(readDate(typed, '2026-12-01')).toBeNull())
