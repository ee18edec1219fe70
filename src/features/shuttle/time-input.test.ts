import { readClock } from './time-input'

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
