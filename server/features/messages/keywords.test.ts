// Every notice, however long its names and notes, reaches WeChat within its keywords' rules; and a wrong
// template setting stops the start with a message naming the variable.
import { testConfig } from '../../testing/harness'
import { FITS, fitsKeyword, formatKeyword, keywordType, type SlotKind } from './keywords'
import { KINDS, NOTICE_KINDS, slotValues } from './kinds'
import { templateSettings } from './template-config'

const LONG = '徐州市云龙区管道社区党群服务中心一楼西侧便民服务窗口（请从南门进入）\n第二行'

describe('keywords', () => {
  test.each([
    ['thing', LONG, '徐州市云龙区管道社区党群服务中心一楼西…'],
    ['thing', '  社保卡\t办理  ', '社保卡 办理'],
    ['thing', '', '无'],
    ['phrase', '已受理 ok', '已受理'],
    ['phrase', '候补成功了没有呢', '候补成功了'],
    ['phrase', 'done', '有更新'],
    ['character_string', 'AB2C 34 码', 'AB2C34'],
    ['character_string', 'X'.repeat(40), 'X'.repeat(32)],
    ['name', '王晓梅 Wang', '王晓梅'],
    ['time', '2026-12-07T16:30:00.000Z', '2026年12月8日 00:30'],
    ['date', '2026-11-30T16:00:00.000Z', '2026年12月1日'],
    ['number', '共 12 人', '12'],
  ] as const)('%s: %j → %j', (type, value, expected) => {
    const out = formatKeyword(type, value)
    expect(out).toBe(expected)
    expect(fitsKeyword(type, out)).toBe(true)
  })

  test('the keyword type is read from its name', () => {
    expect(['thing1', 'character_string12', 'time3', 'phrase10', 'amount2', 'thing'].map(keywordType)).toEqual(['thing', 'character_string', 'time', 'phrase', null, null])
  })

  test('every notice, fed the longest values, fills every slot of its kind within the rules of every keyword type it may be sent as', () => {
    const long = (k: string) => (/At$|^at$/.test(k) ? '2026-12-31T15:59:00.000Z' : /Id$|^seats$|^places$/.test(k) ? 12345 : /^(accepted|issued)$/.test(k) ? false : LONG)
    const payloads: Record<string, Record<string, unknown>> = {
      hotline_progress: { requestId: 1, category: LONG, event: 'auto_escalated', state: 'escalated', at: '2026-12-31T15:59:00.000Z' },
      hotline_feedback: { requestId: 1, category: LONG, event: 'rated', state: 'closed', at: '2026-12-31T15:59:00.000Z' },
      appointment_changed: { bookingId: 1, service: LONG, startsAt: '2026-12-31T15:59:00.000Z', change: 'displaced' },
      ticket_outcome: { bookingId: 1, outcome: 'unavailable', text: LONG },
      shuttle_changed: { bookingId: 1, waitId: null, route: LONG, departsAt: '2026-12-31T15:59:00.000Z', change: 'moved', note: null },
      event_changed: { eventId: 1, signupId: 1, waitId: null, title: LONG, startsAt: '2026-12-31T15:59:00.000Z', place: LONG, change: 'cancelled', note: LONG },
      volunteer_shift_changed: { shiftId: 1, signupId: 1, task: LONG, startsAt: '2026-12-31T15:59:00.000Z', change: 'released', note: null },
      volunteer_certificate: { certificateId: 1, number: 'GDZY-2026-0001', issued: true, reason: null },
      volunteer_application: { applicationId: 1, team: LONG, accepted: false, reason: LONG },
    }
    for (const [template, entry] of Object.entries(NOTICE_KINDS)) {
      const payload = payloads[template] ?? new Proxy({}, { get: (_t, k) => long(String(k)) })
      const values = slotValues(template, payload, { title: LONG, body: LONG, createdAt: '2026-12-31T15:59:00.000Z' })!
      const slots = KINDS[entry.kind].slots as Record<string, string>
      expect([template, Object.keys(values).sort()]).toEqual([template, Object.keys(slots).sort()])
      for (const [slot, slotKind] of Object.entries(slots)) {
        for (const type of FITS[slotKind as SlotKind]) {
          const out = formatKeyword(type, values[slot])
          expect([template, slot, type, out, fitsKeyword(type, out)]).toEqual([template, slot, type, out, true])
        }
        // A state reads in full as a phrase: five Chinese characters at most, written so in kinds.ts.
        if (slotKind === 'state') expect([template, values[slot], fitsKeyword('phrase', values[slot])]).toEqual([template, values[slot], true])
      }
    }
  })
})

describe('SUBSCRIBE_TEMPLATES', () => {
  test('demo people on and nothing given: every kind has a made-up template; in production nothing is sent by default', () => {
    expect([...templateSettings(testConfig()).keys()]).toEqual(Object.keys(KINDS))
    expect(templateSettings(testConfig({ SEED_DEMO: 'false' })).size).toBe(0)
  })

  test('an id alone takes the default keywords; keywords may be moved to fit the template chosen', () => {
    const s = templateSettings(testConfig({ SUBSCRIBE_TEMPLATES: JSON.stringify({ hotline: 'Abc-123_x', event_reminder: { id: 'Ev1', keywords: { place: 'thing7', code: 'thing8' } } }) }))
    expect([...s.keys()]).toEqual(['hotline', 'event_reminder'])
    expect(s.get('hotline')!.keywords.state).toEqual({ keyword: 'phrase2', type: 'phrase' })
    expect(s.get('event_reminder')!.keywords).toMatchObject({ place: { keyword: 'thing7' }, code: { keyword: 'thing8', type: 'thing' } })
  })

  test.each([
    ['not json', /must be JSON/],
    ['["a"]', /JSON object/],
    ['{"parcel": "x"}', /unknown kind "parcel"/],
    ['{"hotline": ""}', /hotline: a template id/],
    ['{"hotline": {"id": "x", "keywords": {"mood": "thing3"}}}', /unknown slot "mood"/],
    ['{"hotline": {"id": "x", "keywords": {"state": "amount3"}}}', /hotline.keywords.state: "amount3" is not a WeChat keyword/],
    ['{"hotline": {"id": "x", "keywords": {"time": "phrase5"}}}', /instant cannot be sent as phrase; use time or date or thing/],
    ['{"hotline": {"id": "x", "keywords": {"note": "thing1"}}}', /two slots go to the same keyword/],
  ])('%s is refused, naming the variable', (value, why) => {
    expect(() => templateSettings(testConfig({ SUBSCRIBE_TEMPLATES: value }))).toThrow(/SUBSCRIBE_TEMPLATES/)
    expect(() => templateSettings(testConfig({ SUBSCRIBE_TEMPLATES: value }))).toThrow(why)
  })
})
