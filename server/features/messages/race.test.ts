// Two dispatchers on two backends draining one database at once send every due message exactly once: what the
// stand-in of WeChat received is compared, message by message, with what was due. The negative control drains
// the same way without the claim (read what is pending, send, mark sent) and the same race sends some twice, so
// the race here is real and the comparison can fail.
import pino from 'pino'
import { linkTo } from '../../../common/routes'
import { createBackend, type Backend } from '../../app'
import type { Services } from '../../core/context'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { startWeChatStandIn, type WeChatStandIn } from '../../testing/wechat-stand-in'
import * as repo from './delivery-repo'
import { drainOutbox } from './dispatch'
import { notify } from './service'
import { httpsSender } from './wechat/https'
import type { Sender } from './wechat/sender'

const PEOPLE = 12
const EACH = 9

async function dueWorld(t: TestBackend) {
  const due: string[] = []
  for (let p = 0; p < PEOPLE; p++) {
    const user = await t.db
      .insertInto('users')
      .values({ openid: `o-race-${p}`, created_at: t.clock.iso(), updated_at: t.clock.iso() })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (let i = 0; i < EACH; i++) {
      await repo.addSubscriptions(t.db, user.id, ['demo-event_reminder'], t.clock.iso())
      const signupId = p * 100 + i
      await notify(t.db, {
        userId: user.id,
        title: '今天有您报名的活动',
        body: '「重阳节包饺子」10:00开始。',
        link: linkTo('eventSignup', { id: signupId }),
        template: 'event_reminder',
        payload: { eventId: 1, signupId, title: '重阳节包饺子', startsAt: '2026-11-27T02:00:00.000Z', place: '党群服务中心', code: `C${signupId}` },
        now: t.clock.iso(),
      })
      due.push(`o-race-${p} features/events/pages/signup/index?id=${signupId}`)
    }
  }
  return due.sort()
}

/** Reads what is pending, sends it, marks it sent: no claim. */
async function naiveDrain(services: Services) {
  const rows = await services.db.selectFrom('outbox as o').innerJoin('users as u', 'u.id', 'o.user_id').select(['o.id', 'o.payload', 'u.openid']).where('o.status', '=', 'pending').execute()
  for (const r of rows) {
    const { link } = JSON.parse(r.payload) as { link: string }
    await services.sender!.send({ touser: r.openid, templateId: 'demo-event_reminder', page: link.slice(1), data: { thing1: { value: '重阳节包饺子' } }, miniprogramState: 'formal' })
    await services.db.updateTable('outbox').set({ status: 'sent' }).where('id', '=', r.id).execute()
  }
}

describe.each(engines())('two dispatchers racing on %s', (engine) => {
  let wx: WeChatStandIn
  let t: TestBackend
  let second: Backend
  let sender: () => Sender
  beforeEach(async () => {
    wx = await startWeChatStandIn({ latencyMs: 4 })
    sender = () => httpsSender({ appid: wx.appid, secret: wx.secret, base: wx.base, log: pino({ level: 'silent' }) })
    t = await startBackend(engine, { sender: sender() })
    await t.db.updateTable('outbox').set({ status: 'skipped' }).execute()
    // Another server on the same database, with its own pool (or SQLite connection) and its own token.
    second = await createBackend({ config: t.config, clock: t.clock.fn, log: pino({ level: 'silent' }), db: t.dbOptions, sender: sender() })
  })
  afterEach(async () => {
    await second?.close()
    await t?.close()
    await wx?.close()
  })

  const received = () => wx.received.map((m) => `${m.touser} ${m.page}`).sort()

  test('send every due message exactly once, and both took part', async () => {
    // Both connected and idle first, so neither starts late; small batches, so each claims many times.
    await Promise.all([drainOutbox(t.services), drainOutbox(second.services)])
    const due = await dueWorld(t)
    const [a, b] = await Promise.all([drainOutbox(t.services, { batch: 4 }), drainOutbox(second.services, { batch: 4 })])
    expect(received()).toEqual(due)
    expect(a.sent + b.sent).toBe(due.length)
    expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0)
    const left = await t.db.selectFrom('outbox').select('status').where('status', '!=', 'skipped').execute()
    expect(left.every((r) => r.status === 'sent')).toBe(true)
    // Running again, on either, sends nothing more.
    await Promise.all([drainOutbox(t.services), drainOutbox(second.services)])
    expect(received()).toEqual(due)
  })

  test('negative control: the same race without the claim sends some messages twice', async () => {
    const due = await dueWorld(t)
    await Promise.all([naiveDrain(t.services), naiveDrain(second.services)])
    expect(received().length).toBeGreaterThan(due.length)
    expect(new Set(received())).toEqual(new Set(due))
  })
})
