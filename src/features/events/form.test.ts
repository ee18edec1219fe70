import { blankForm, inputOf } from './form'

test('a new event starts on the next Saturday afternoon, sign-up from this hour until 18:00 the day before', () => {
  // Thursday 2026-12-03 17:20 in Beijing.
  const f = blankForm(new Date('2026-12-03T09:20:00Z'), null)
  expect([f.date, f.starts, f.opensDate, f.opensTime, f.closesDate, f.closesTime]).toEqual(['2026-12-05', '14:30', '2026-12-03', '17:00', '2026-12-04', '18:00'])
  // On a Saturday it is the next one, not today.
  expect(blankForm(new Date('2026-12-05T02:00:00Z'), null).date).toBe('2026-12-12')
  // Just after Beijing midnight on a Sunday (still Saturday in UTC): the coming Saturday.
  expect(blankForm(new Date('2026-12-05T16:30:00Z'), null).date).toBe('2026-12-12')
})

test('a weekly series is spelled out as its sessions; days and times are read the way staff type them', () => {
  const f = { ...blankForm(new Date('2026-12-03T09:20:00Z'), 2), title: '书法班', category: '老年大学' as const, venueId: 1, places: '20', date: '12月28日', starts: '9点', ends: '1030', repeat: '3', closesDate: '12-27' }
  const input = inputOf(f, '2026-12-03')
  expect(input.sessions).toEqual(['2026-12-28', '2027-01-04', '2027-01-11'].map((date) => ({ date, starts: '09:00', ends: '10:30' })))
  expect([input.places, input.teamId, input.signupCloses]).toEqual([20, 2, { date: '2026-12-27', time: '18:00' }])
  // What cannot be read is sent as typed, for the action's schema to name the field.
  expect(inputOf({ ...f, date: '下周六', places: '' }, '2026-12-03')).toMatchObject({ sessions: [{ date: '下周六' }, { date: '下周六' }, { date: '下周六' }], places: null })
})
