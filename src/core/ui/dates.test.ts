import { byDay, pastDayName } from './dates'

// Beijing midnight into a month's first day, and into a new year: the days turn at 00:00 in Beijing, not UTC.
test.each([
  ['2026-12-01', '2026-11-30T16:00:30.000Z', '今天'],
  ['2026-11-30', '2026-11-30T16:00:30.000Z', '昨天'],
  ['2026-11-29', '2026-11-30T16:00:30.000Z', '11月29日 周日'],
  ['2026-12-31', '2026-12-31T16:00:00.000Z', '昨天'],
  ['2026-12-30', '2026-12-31T16:00:00.000Z', '2026年12月30日 周三'],
  ['2026-11-30', '2026-11-30T15:59:59.000Z', '今天'],
])('%s read at %s is %s', (day, now, name) => {
  expect(pastDayName(day, new Date(now))).toBe(name)
})

test('byDay keeps the order and starts a run at each Beijing-time day', () => {
  const at = ['2026-12-01T01:00:00.000Z', '2026-11-30T16:10:00.000Z', '2026-11-30T15:50:00.000Z', '2026-11-29T02:00:00.000Z']
  expect(byDay(at, (x) => x)).toEqual([
    { day: '2026-12-01', items: at.slice(0, 2) },
    { day: '2026-11-30', items: [at[2]] },
    { day: '2026-11-29', items: [at[3]] },
  ])
})
