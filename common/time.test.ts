import { clockStartingAt, COMMUNITY_TZ, COMMUNITY_UTC_OFFSET_MINUTES, formatDate, formatDateTime, local, localDay, startOfLocalDay } from './time'

/** What the platform's own time-zone database says the wall clock in Beijing shows at an instant. */
function beijingParts(instant: Date) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second'), weekday: get('weekday') }
}

const INSTANTS = [
  '2026-11-27T02:00:00.000Z', // 10:00 in Beijing
  '2026-11-27T15:59:59.999Z', // 23:59 in Beijing, last moment of the 27th there
  '2026-11-27T16:00:00.000Z', // midnight in Beijing: already the 28th there, still the 27th in UTC
  '2026-11-28T00:00:00.000Z', // UTC midnight = 08:00 in Beijing
  '2026-12-31T16:30:00.000Z', // New Year in Beijing, still the old year in UTC
  '2024-02-28T16:00:00.000Z', // a leap day in Beijing
  '2026-03-29T01:30:00.000Z', // a European DST change day: no effect on Beijing
  '1999-12-31T23:59:59.000Z',
]

describe('community time (Beijing, UTC+8)', () => {
  test('the suite runs with TZ=UTC, so a wrong zone would show', () => {
    expect(new Date('2026-11-27T16:00:00Z').getTimezoneOffset()).toBe(0)
    expect(new Date('2026-11-27T16:00:00Z').getDate()).toBe(27)
  })

  test('the fixed offset agrees with the platform time-zone database', () => {
    expect(COMMUNITY_TZ).toBe('Asia/Shanghai')
    for (const iso of INSTANTS) {
      const name = new Intl.DateTimeFormat('en-US', { timeZone: COMMUNITY_TZ, timeZoneName: 'longOffset' })
        .formatToParts(new Date(iso))
        .find((p) => p.type === 'timeZoneName')!.value
      expect([iso, name]).toEqual([iso, 'GMT+08:00'])
      expect(local(iso).utcOffset()).toBe(COMMUNITY_UTC_OFFSET_MINUTES)
    }
  })

  test.each(INSTANTS)('%s: local() and formatDateTime show the Beijing wall clock', (iso) => {
    const p = beijingParts(new Date(iso))
    const l = local(iso)
    expect(l.format('YYYY-MM-DD HH:mm:ss')).toBe(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`)
    expect(formatDateTime(iso)).toBe(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`)
    expect(formatDate(iso)).toBe(`${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日`)
    expect(l.locale('en').format('ddd')).toBe(p.weekday)
    expect(l.valueOf()).toBe(new Date(iso).getTime())
  })

  test('the day boundary falls at 16:00 UTC', () => {
    expect(local('2026-11-27T15:59:59Z').date()).toBe(27)
    expect(local('2026-11-27T16:00:00Z').date()).toBe(28)
    expect(local('2026-11-27T16:00:00Z').startOf('day').toISOString()).toBe('2026-11-27T16:00:00.000Z')
    expect(formatDate('2026-12-31T16:30:00Z')).toBe('2027年1月1日')
  })

  test('Date objects, epoch milliseconds and ISO strings with an offset give the same answer', () => {
    const iso = '2026-11-27T16:05:00.000Z'
    expect(formatDateTime(new Date(iso))).toBe('2026-11-28 00:05')
    expect(formatDateTime(Date.parse(iso))).toBe('2026-11-28 00:05')
    expect(formatDateTime('2026-11-28T00:05:00+08:00')).toBe('2026-11-28 00:05')
    expect(formatDateTime(iso)).toBe('2026-11-28 00:05')
  })

  test('localDay and startOfLocalDay: Beijing days, not UTC ones', () => {
    expect(localDay('2026-11-27T15:59:59.999Z')).toBe('2026-11-27')
    expect(localDay('2026-11-27T16:00:00.000Z')).toBe('2026-11-28')
    expect(startOfLocalDay('2026-11-28')?.toISOString()).toBe('2026-11-27T16:00:00.000Z')
    expect(startOfLocalDay('2027-01-01')?.toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(startOfLocalDay('2024-02-29')?.toISOString()).toBe('2024-02-28T16:00:00.000Z')
    for (const bad of ['2026-02-29', '2026-13-01', '2026-11-31', '2026-1-1', 'today']) expect([bad, startOfLocalDay(bad)]).toEqual([bad, null])
  })

  test('clockStartingAt starts where it is told and keeps the real pace', () => {
    let real = Date.parse('2026-12-01T08:00:00Z')
    const clock = clockStartingAt('2027-02-28T23:59:30+08:00', () => real)
    expect(clock().toISOString()).toBe('2027-02-28T15:59:30.000Z')
    real += 45_000
    expect(clock().toISOString()).toBe('2027-02-28T16:00:15.000Z')
    expect(localDay(clock())).toBe('2027-03-01')
  })
})
