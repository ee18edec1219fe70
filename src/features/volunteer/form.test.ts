import { shiftInputOf, blankShift, dayLabel } from './form'

const form = { ...blankShift(new Date('2026-11-27T02:00:00Z'), 2, null), task: '入户探访', place: '便民服务亭', places: '3' }

test('a blank shift is tomorrow morning in Beijing, also when it is already tomorrow in Beijing but not in UTC', () => {
  expect(blankShift(new Date('2026-11-27T02:00:00Z'), 2, null).date).toBe('2026-11-28')
  // 2026-11-30 23:30 UTC is 1 December 07:30 in Beijing.
  expect(blankShift(new Date('2026-11-30T23:30:00Z'), 2, 7)).toMatchObject({ date: '2026-12-02', eventId: 7 })
})

test('days and clock times as leaders type them become the action’s input', () => {
  expect(shiftInputOf({ ...form, date: '12月5日', starts: '9点', ends: '11：30' }, '2026-11-27')).toMatchObject({ date: '2026-12-05', starts: '09:00', ends: '11:30', places: 3, qualification: null })
  // 1月2日 typed in December is next January's.
  expect(shiftInputOf({ ...form, date: '1月2日' }, '2026-12-20').date).toBe('2027-01-02')
})

test('what cannot be read is passed on as typed, for the schema to name', () => {
  const input = shiftInputOf({ ...form, date: '下周六', places: '' , qualification: ' 急救证 ' }, '2026-11-27')
  expect([input.date, input.places, input.qualification]).toEqual(['下周六', undefined, '急救证'])
  expect(dayLabel('2026-11-28')).toBe('11月28日 周六')
})
