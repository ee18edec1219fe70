import { blockFrom, blockMessage, noShowsMatterSince } from './no-show'

const RULE = { limit: 3, windowDays: 90, blockDays: 30 }
const day = (d: string) => `${d}T01:00:00.000Z`

describe('the no-show rule', () => {
  test('three within the window block for the block days from the third; two do not', () => {
    const two = [day('2026-10-01'), day('2026-11-01')]
    expect(blockFrom(two, RULE, new Date(day('2026-11-02')))).toBeNull()
    const three = [...two, day('2026-11-20')]
    expect(blockFrom(three, RULE, new Date(day('2026-11-21')))).toEqual({ until: day('2026-12-20'), noShows: 3 })
    // The block ends when its days are over, though the no-shows are still within the window.
    expect(blockFrom(three, RULE, new Date(day('2026-12-20')))).toBeNull()
  })

  test('no-shows further apart than the window never add up', () => {
    const spread = [day('2026-01-01'), day('2026-04-15'), day('2026-08-01')]
    expect(blockFrom(spread, RULE, new Date(day('2026-08-02')))).toBeNull()
  })

  test('order does not matter, and how far back to look covers a block from a window that has ended', () => {
    const three = [day('2026-11-20'), day('2026-10-01'), day('2026-11-01')]
    expect(blockFrom(three, RULE, new Date(day('2026-11-25')))?.until).toBe(day('2026-12-20'))
    expect(noShowsMatterSince(RULE, new Date(day('2026-12-19')))).toBe(day('2026-08-21'))
  })

  test('the message says how many and until when, in Beijing time, for the person or for whoever books for them', () => {
    const b = { until: '2026-12-31T16:30:00.000Z', noShows: 3 }
    expect(blockMessage(b, true, '预约')).toBe('您近期有3次预约未到场，2027年1月1日 00:30前暂停预约')
    expect(blockMessage(b, false, '乘车预约')).toBe('该居民近期有3次乘车预约未到场，2027年1月1日 00:30前暂停乘车预约')
  })
})
