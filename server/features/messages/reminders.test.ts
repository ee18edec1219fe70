// One round of scheduled work (the cloud timer's and the HTTP server's) writes each reminder once and the
// outbox sends it once, however often it runs: here the shuttle's, two hours before departure, end to end
// through the stand-in of WeChat. (Each feature's own tests hold when its reminders fall due.)
import pino from 'pino'
import { atLocal } from '../../../common/time'
import { createBackend, type Backend } from '../../app'
import { runScheduled } from '../../cloud/schedule'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { startWeChatStandIn, type WeChatStandIn } from '../../testing/wechat-stand-in'
import { shuttleWorld } from '../shuttle/testing'
import { httpsSender } from './wechat/https'

const D = '2026-11-30' // a Monday; the clock starts on Friday 2026-11-27 10:00 in Beijing

describe.each(engines())('the shuttle reminder through one round of scheduled work on %s', (engine) => {
  let wx: WeChatStandIn
  let t: TestBackend
  let second: Backend | undefined
  let w: Awaited<ReturnType<typeof shuttleWorld>>
  const sender = () => httpsSender({ appid: wx.appid, secret: wx.secret, base: wx.base, log: pino({ level: 'silent' }) })
  beforeEach(async () => {
    wx = await startWeChatStandIn()
    t = await startBackend(engine, { sender: sender() })
    w = await shuttleWorld(t)
  })
  afterEach(async () => {
    await second?.close()
    second = undefined
    await t?.close()
    await wx?.close()
  })

  test('two hours before departure, once, opening the pass; not for a seat booked inside the two hours', async () => {
    const d = await w.departure('to_station', D, '08:30')
    await t.ok('messages', 'subscribed', { results: { 'demo-shuttle_reminder': 'accept', 'demo-shuttle': 'accept' } }, { token: w.tk.resident })
    const booking = (await w.seat('resident', d)).data
    t.clock.set(atLocal(D, '06:29'))
    await runScheduled(t.services)
    expect(wx.received).toEqual([])

    t.clock.set(atLocal(D, '06:30'))
    await w.seat('resident2', d)
    await t.ok('messages', 'subscribed', { results: { 'demo-shuttle_reminder': 'accept' } }, { token: w.tk.resident2 })
    const round = await runScheduled(t.services)
    expect(round.shuttle).toEqual({ lapsed: 0, reminded: 1 })
    expect(round.delivery).toMatchObject({ sent: 1 })
    // The same round again, and on a second server at the same time where the engine has several: nothing more.
    second = await createBackend({ config: t.config, clock: t.clock.fn, log: pino({ level: 'silent' }), db: t.dbOptions, sender: sender() })
    if (engine === 'postgres') await Promise.all([runScheduled(t.services), runScheduled(second.services)])
    else for (const b of [t.services, second.services]) await runScheduled(b)

    expect(wx.received).toEqual([
      expect.objectContaining({
        template_id: 'demo-shuttle_reminder',
        page: `features/shuttle/pages/pass/index?id=${booking.id}`,
        data: { thing1: { value: d.routeName }, time2: { value: '2026年11月30日 08:30' }, thing3: { value: '管道社区东门' }, character_string4: { value: booking.code } },
      }),
    ])
    const inbox = await w.messages('resident')
    expect(inbox[0]).toMatchObject({ title: '班车即将发车', link: `/features/shuttle/pages/pass/index?id=${booking.id}` })
    expect(inbox[0].body).toMatch(new RegExp(`请到管道社区东门候车，乘车码 ${booking.code}（1人）`))
    expect((await w.messages('resident2')).map((m) => m.title)).not.toContain('班车即将发车')
  })
})
