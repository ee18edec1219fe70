import { fireEvent, render, screen } from '@testing-library/react'
import type { DayOut, SlotOut } from '@server/features/appointments/actions'
import { dayName } from '../labels'
import { DayStrip } from '@/core/ui/DayStrip'
import { SlotGrid } from './SlotGrid'

const slot = (label: string, start: string, state: SlotOut['state'], left: number): SlotOut => ({ start, end: start, label, places: 2, left, state })

test('open slots say what is left and can be chosen; full, past and the current booking cannot', () => {
  const slots = [
    slot('09:00', '2026-11-30T01:00:00.000Z', 'past', 2),
    slot('09:20', '2026-11-30T01:20:00.000Z', 'full', 0),
    slot('09:40', '2026-11-30T01:40:00.000Z', 'open', 1),
    slot('10:00', '2026-11-30T02:00:00.000Z', 'open', 2),
  ]
  const chosen: string[] = []
  render(<SlotGrid slots={slots} value={null} current='2026-11-30T02:00:00.000Z' onChange={(s) => chosen.push(s)} />)
  expect(screen.getByRole('radio', { name: '09:20 已满' }).getAttribute('aria-disabled')).toBe('true')
  expect(screen.getByRole('radio', { name: '09:00 已截止' }).getAttribute('aria-disabled')).toBe('true')
  expect(screen.getByRole('radio', { name: '10:00 当前预约' }).getAttribute('aria-disabled')).toBe('true')
  for (const name of ['09:00 已截止', '09:20 已满', '10:00 当前预约', '09:40 余1']) fireEvent.click(screen.getByRole('radio', { name }))
  expect(chosen).toEqual(['2026-11-30T01:40:00.000Z'])
})

test('days say 今天/明天 in Beijing time, and closed or full days say why', () => {
  // 20:00 UTC on the 27th is already the 28th in Beijing.
  const now = new Date('2026-11-27T20:00:00.000Z')
  expect([dayName('2026-11-28', now), dayName('2026-11-29', now), dayName('2026-11-30', now)]).toEqual(['今天', '明天', '周一'])
  const days: DayOut[] = [
    { day: '2026-11-28', closed: true, closedReason: '不开放', left: 0 },
    { day: '2026-11-29', closed: true, closedReason: '元旦放假调休', left: 0 },
    { day: '2026-11-30', closed: false, closedReason: null, left: 0 },
    { day: '2026-12-01', closed: false, closedReason: null, left: 12 },
  ]
  const picked: string[] = []
  render(<DayStrip days={days} value={null} now={now} onChange={(d) => picked.push(d)} />)
  expect(screen.getByText('元旦放假…')).toBeTruthy()
  expect(screen.getByText('已满')).toBeTruthy()
  expect(screen.getByText('余12')).toBeTruthy()
  fireEvent.click(screen.getByText('不开放'))
  fireEvent.click(screen.getByText('余12'))
  expect(picked).toEqual(['2026-12-01'])
})
