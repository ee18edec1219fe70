// A notice's payload must fit its template: the type checker refuses one that does not (tsc runs over tests),
// and what is sent is what reaches the outbox.
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { notify, type Notice } from './service'

const base = { userId: 1, title: '标题', body: '内容', link: null, now: '2026-12-01T02:00:00.000Z' }

// Never called: these lines are here for the type checker.
export const refused: Notice[] = [
  // @ts-expect-error a reminder carries the booking code
  { ...base, template: 'appointment_reminder', payload: { bookingId: 1, service: '社保卡业务', startsAt: base.now } },
  // @ts-expect-error a hotline step names a state the hotline has
  { ...base, template: 'hotline_progress', payload: { requestId: 1, category: '设施报修', event: 'accepted', state: 'lost', at: base.now } },
  // @ts-expect-error no such template
  { ...base, template: 'shuttle_departed', payload: {} },
]

describe.each(engines())('notices on %s', (engine) => {
  let t: TestBackend
  beforeAll(async () => {
    t = await startBackend(engine)
  })
  afterAll(() => t?.close())

  test('the outbox row carries the template and its payload with the message', async () => {
    const user = await t.db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow()
    const payload = { bookingId: 7, service: '社保卡业务', startsAt: base.now, code: 'ABCD2345' }
    await notify(t.db, { ...base, userId: user.id, template: 'appointment_reminder', payload })
    const row = await t.db.selectFrom('outbox').selectAll().where('user_id', '=', user.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect([row.template, JSON.parse(row.payload)]).toEqual(['appointment_reminder', { ...payload, title: base.title, body: base.body, link: null }])
  })
})
