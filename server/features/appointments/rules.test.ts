// The booking state machine on its own: who may do what, when, and the words they are told otherwise.
import { ACTS, TRANSITIONS, abilities, guardStates, refusal, type Caller, type Facts } from './rules'

const resident: Caller = { userId: 7, staff: false, worker: false }
const worker: Caller = { userId: 3, staff: false, worker: true }
const staff: Caller = { userId: 1, staff: true, worker: false }
// A booking for Monday 2026-11-30 09:00 Beijing (01:00 UTC) with a two-hour cut-off, made by the resident.
const booking = (over: Partial<Facts> = {}): Facts => ({
  status: 'booked',
  kind: 'general',
  code: 'K7M2P9QR',
  residentId: 7,
  bookedById: 7,
  day: '2026-11-30',
  startsAt: '2026-11-30T01:00:00.000Z',
  cancelCutoffMinutes: 120,
  displacedAt: null,
  checkedInAt: null,
  ...over,
})
const at = (iso: string) => new Date(iso)

describe('booking rules', () => {
  test('the resident may cancel or move until the cut-off, then is told whom to ask', () => {
    expect(refusal('cancel', resident, booking(), at('2026-11-29T22:59:00Z'))).toBeNull()
    expect(refusal('reschedule', resident, booking(), at('2026-11-29T23:00:00Z'))).toEqual({
      code: 'CONFLICT',
      message: '已过改约截止时间（开始前120分钟），如需改约请联系社区',
    })
    // Staff may still, and so may the resident when the community displaced the booking, until its start.
    expect(refusal('cancel', staff, booking(), at('2026-11-30T00:59:00Z'))).toBeNull()
    expect(refusal('cancel', resident, booking({ displacedAt: '2026-11-28T02:00:00Z' }), at('2026-11-30T00:59:00Z'))).toBeNull()
    expect(refusal('cancel', resident, booking({ displacedAt: '2026-11-28T02:00:00Z' }), at('2026-11-30T01:00:00Z'))).not.toBeNull()
  })

  test('whoever booked it for the resident (代办) acts as the resident does; anyone else may not', () => {
    expect(refusal('cancel', worker, booking({ bookedById: 3 }), at('2026-11-29T10:00:00Z'))).toBeNull()
    expect(refusal('cancel', worker, booking(), at('2026-11-29T10:00:00Z'))?.code).toBe('FORBIDDEN')
    expect(refusal('checkIn', resident, booking(), at('2026-11-30T00:30:00Z'))?.code).toBe('FORBIDDEN')
  })

  test('the window: check in on the day only, done from the day on, 未到场 once the time has come', () => {
    expect(refusal('checkIn', staff, booking(), at('2026-11-29T15:59:00Z'))?.message).toBe('该预约是2026年11月30日的，不是今天')
    expect(refusal('checkIn', staff, booking(), at('2026-11-29T16:00:00Z'))).toBeNull()
    expect(refusal('done', staff, booking(), at('2026-11-29T15:00:00Z'))?.message).toBe('预约日还没到，不能办结')
    expect(refusal('noShow', staff, booking(), at('2026-11-30T00:59:00Z'))?.message).toBe('预约时间还没到，不能标记未到')
    expect(refusal('noShow', staff, booking(), at('2026-11-30T01:00:00Z'))).toBeNull()
    const checkedIn = booking({ status: 'checked_in', checkedInAt: '2026-11-30T00:55:00Z' })
    expect(refusal('checkIn', staff, checkedIn, at('2026-11-30T01:00:00Z'))?.message).toBe('K7M2P9QR 已于 08:55 签到')
    expect(refusal('noShow', staff, checkedIn, at('2026-11-30T01:30:00Z'))?.message).toBe('该居民已签到，不能标记未到')
    expect(refusal('done', staff, checkedIn, at('2026-11-30T01:30:00Z'))).toBeNull()
  })

  test('a cancelled booking says so to every act but looking up ID numbers; ticket acts need a ticket booking', () => {
    const cancelled = booking({ status: 'cancelled', kind: 'ticket' })
    for (const act of ['cancel', 'reschedule', 'checkIn', 'done', 'noShow', 'recordTicket'] as const) {
      expect([act, refusal(act, staff, cancelled, at('2026-11-30T00:00:00Z'))?.message]).toEqual([act, '该预约已取消'])
    }
    expect(refusal('revealIdCard', staff, cancelled, at('2026-11-30T00:00:00Z'))).toBeNull()
    expect(refusal('recordTicket', staff, booking(), at('2026-11-30T00:00:00Z'))).toEqual({ code: 'BAD_INPUT', message: '该预约不是购票代办' })
  })

  test('the buttons are the acts that would work, and the write is guarded by the same states', () => {
    const can = abilities(resident, booking(), at('2026-11-29T10:00:00Z'))
    expect(Object.entries(can).filter(([, v]) => v).map(([k]) => k)).toEqual(['cancel', 'reschedule'])
    const desk = abilities(staff, booking(), at('2026-11-30T01:10:00Z'))
    expect(Object.entries(desk).filter(([, v]) => v).map(([k]) => k)).toEqual(['cancel', 'reschedule', 'checkIn', 'done', 'noShow'])
    for (const act of ACTS) expect(guardStates(act)).toBe(TRANSITIONS[act].from)
    expect(guardStates('done')).toEqual(['booked', 'checked_in'])
  })
})
