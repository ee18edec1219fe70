// One round of scheduled work (the cloud timer's and the HTTP server's) writes each reminder once and the
// outbox sends it once, however often it runs: every feature's reminder at its moment, and the shuttle's in
// detail, end to end through the stand-in of WeChat. (Each feature's own tests hold its edge cases.)
import pino from 'pino'
import { atLocal } from '../../../common/time'
import { createBackend, type Backend } from '../../app'
import { runScheduled } from '../../cloud/schedule'
import { engines, startBackend, type TestBackend } from '../../testing/harness'
import { startWeChatStandIn, type WeChatStandIn } from '../../testing/wechat-stand-in'
import { eventsWorld } from '../events/testing'
import { shuttleWorld } from '../shuttle/testing'
import { volunteerWorld } from '../volunteer/testing'
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

describe.each(engines())('every feature’s reminder through the one mechanism on %s', (engine) => {
  let wx: WeChatStandIn
  let t: TestBackend
  beforeEach(async () => {
    wx = await startWeChatStandIn()
    t = await startBackend(engine, { sender: httpsSender({ appid: wx.appid, secret: wx.secret, base: wx.base, log: pino({ level: 'silent' }) }) })
  })
  afterEach(async () => {
    await t?.close()
    await wx?.close()
  })

  test('the morning of an event, the day before an appointment, two hours before a bus, an hour before a shift: each once', async () => {
    const shuttle = await shuttleWorld(t)
    const events = await eventsWorld(t)
    const volunteer = await volunteerWorld(t)
    const token = shuttle.tk.resident
    // Booked on Friday for Monday 2026-11-30 (the appointment for Tuesday morning).
    const services = await t.ok('appointments', 'services', {}, { token })
    const checkup = services.find((s) => s.name === '免费体检')!
    await t.ok('appointments', 'book', { serviceId: checkup.id, start: atLocal('2026-12-01', '08:00') }, { token })
    await shuttle.seat('resident', await shuttle.departure('to_station', D, '13:30'))
    const e = await events.published({ sessions: [{ date: D, starts: '14:30', ends: '16:00' }], signupCloses: { date: D, time: '12:00' }, cancelUntil: { date: D, time: '12:00' } })
    expect((await events.signUp(token, e)).status).toBe(200)
    await volunteer.join(token)
    const shift = await volunteer.publish({ date: D, starts: '15:00', ends: '17:00' })
    expect((await volunteer.signUp(token, shift)).status).toBe(200)
    await t.ok('messages', 'subscribed', { results: { 'demo-appointment_reminder': 'accept', 'demo-shuttle_reminder': 'accept', 'demo-event_reminder': 'accept' } }, { token })
    await t.ok('messages', 'subscribed', { results: { 'demo-volunteer_reminder': 'accept' } }, { token })

    const sentAt = async (hhmm: string) => {
      t.clock.set(atLocal(D, hhmm))
      const before = wx.received.length
      await runScheduled(t.services)
      await runScheduled(t.services)
      return wx.received.slice(before).map((m) => m.template_id)
    }
    expect(await sentAt('06:59')).toEqual([])
    expect(await sentAt('07:00')).toEqual(['demo-event_reminder'])
    expect(await sentAt('08:59')).toEqual([])
    expect(await sentAt('09:00')).toEqual(['demo-appointment_reminder'])
    expect(await sentAt('11:29')).toEqual([])
    expect(await sentAt('11:30')).toEqual(['demo-shuttle_reminder'])
    expect(await sentAt('13:59')).toEqual([])
    expect(await sentAt('14:00')).toEqual(['demo-volunteer_reminder'])
    expect(await sentAt('14:20')).toEqual([])
    // Each opens its own page.
    expect(wx.received.map((m) => m.page.split('?')[0])).toEqual([
      'features/events/pages/signup/index',
      'features/appointments/pages/detail/index',
      'features/shuttle/pages/pass/index',
      'features/volunteer/pages/shift/index',
    ])
  })
})
