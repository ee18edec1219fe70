import { sql } from 'kysely'
import { idCardCheckChar } from '../../../common/idcard'
import { migrateDownTo, migrateToLatest } from '../../db/migrate'
import { PRIVACY_VERSION } from '../../db/seed'
import { engines, isChinese, startBackend, type TestBackend } from '../../testing/harness'
import { sweepAppointments } from './service'

/** Invented numbers with a correct GB 11643 check character. */
const idCard = (first17: string) => first17 + idCardCheckChar(first17)
const ID_A = idCard('32031119580312004')
const ID_B = idCard('32031119621105002')

// The harness clock starts on Friday 2026-11-27 10:00 in Beijing (02:00 UTC); the process runs in UTC.
const MON = '2026-11-30'
const TUE = '2026-12-01'
/** An instant on a Beijing day at a Beijing clock time. */
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString()

describe.each(engines())('appointments on %s', (engine) => {
  let t: TestBackend
  const tk: Record<string, string> = {}
  const sid: Record<string, number> = {}

  const expectRefused = (res: { status: number; error?: { code: string; message: string; fields?: Record<string, string> } }, status: number, message?: RegExp) => {
    expect([res.status, isChinese(res.error?.message)]).toEqual([status, true])
    if (message) expect(res.error?.message).toMatch(message)
  }
  const book = (who: string, serviceId: number, start: string, extra: Record<string, unknown> = {}) =>
    t.call('appointments', 'book', { serviceId, start, ...extra }, { token: tk[who] })
  const left = async (serviceId: number, day: string, label: string) =>
    (await t.ok('appointments', 'slots', { serviceId, day }, { token: tk.resident })).find((s) => s.label === label)!
  const messages = async (who: string) => (await t.ok('messages', 'list', {}, { token: tk[who] })).items
  const unit = (serviceId: number, start: string) =>
    t.db.selectFrom('capacity_units').select(['places', 'taken']).where('scope', '=', 'appointment').where('ref', '=', `${serviceId}@${start}`).executeTakeFirst()

  beforeEach(async () => {
    t = await startBackend(engine)
    for (const key of ['resident', 'resident2', 'volunteer', 'gridworker', 'gridworker2', 'staff', 'admin']) tk[key] = await t.signIn(key)
    for (const s of await t.ok('appointments', 'services', {}, { token: tk.resident })) sid[s.name] = s.id
  })
  afterEach(() => t?.close())

  const ID = () => sid['身份证/居住证办理协助']
  const SOCIAL = () => sid['社保卡业务']
  const TICKET = () => sid['火车票/飞机票代购']
  const CHECKUP = () => sid['免费体检']

  test('the seeded services, with checklists; the 体检 is mornings only and says so', async () => {
    const list = await t.ok('appointments', 'services', {}, { token: tk.resident })
    expect(list.map((s) => s.name)).toEqual(['身份证/居住证办理协助', '社保卡业务', '火车票/飞机票代购', '免费体检'])
    const checkup = list.find((s) => s.id === CHECKUP())!
    expect(checkup.notice).toBe('仅上午 · 需空腹')
    expect(checkup.checklist.join()).toMatch(/空腹/)
    expect(list.find((s) => s.id === TICKET())!.kind).toBe('ticket')
  })

  test('days and slots in Beijing time with the server in UTC', async () => {
    const { days, block } = await t.ok('appointments', 'days', { serviceId: ID() }, { token: tk.resident })
    expect(block).toBeNull()
    expect(days).toHaveLength(15)
    expect(days[0]).toMatchObject({ day: '2026-11-27', closed: false })
    expect(days.find((d) => d.day === '2026-11-28')).toMatchObject({ closed: true, closedReason: '不开放' })
    const mon = await t.ok('appointments', 'slots', { serviceId: ID(), day: MON }, { token: tk.resident })
    expect(mon.map((s) => s.label)).toEqual(['09:00', '09:20', '09:40', '10:00', '10:20', '10:40', '11:00', '11:20', '14:30', '14:50', '15:10', '15:30', '15:50', '16:10', '16:30'])
    expect(mon[0]).toMatchObject({ start: '2026-11-30T01:00:00.000Z', end: '2026-11-30T01:20:00.000Z', places: 2, left: 2, state: 'open' })
    // Today at 10:00 with an hour's notice: 11:00 is the first slot that can still be booked.
    const today = await t.ok('appointments', 'slots', { serviceId: ID(), day: '2026-11-27' }, { token: tk.resident })
    expect(today.filter((s) => s.state === 'past').map((s) => s.label)).toEqual(['09:00', '09:20', '09:40', '10:00', '10:20', '10:40'])
    expect(today.find((s) => s.label === '11:00')!.state).toBe('open')
    // Saturday 07:30 Beijing is Friday 23:30 UTC: the check-up's first slot belongs to Saturday.
    const sat = await t.ok('appointments', 'slots', { serviceId: CHECKUP(), day: '2026-11-28' }, { token: tk.resident })
    expect(sat.map((s) => [s.label, s.start])).toEqual([
      ['07:30', '2026-11-27T23:30:00.000Z'],
      ['08:00', '2026-11-28T00:00:00.000Z'],
      ['08:30', '2026-11-28T00:30:00.000Z'],
      ['09:00', '2026-11-28T01:00:00.000Z'],
      ['09:30', '2026-11-28T01:30:00.000Z'],
    ])
    expectRefused(await t.call('appointments', 'slots', { serviceId: ID(), day: '2026-12-31' }, { token: tk.resident }), 400, /14天内/)
    expect((await t.call('appointments', 'slots', { serviceId: ID(), day: '2026-13-01' }, { token: tk.resident })).error?.fields).toHaveProperty('day')
  })

  test('book: a code without ambiguous characters, places counted, one a day, a double tap books once', async () => {
    const start = at(MON, '09:00')
    const res = await book('resident', ID(), start)
    expect(res.status).toBe(200)
    const b = res.data
    expect(b.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
    expect(b).toMatchObject({ status: 'booked', day: MON, startsAt: start, serviceName: '身份证/居住证办理协助', bookedBy: null, resident: null })
    expect(b.checklist).toContain('户口簿原件')
    expect(b.can).toMatchObject({ cancel: true, reschedule: true, checkIn: false })
    expect(b.changeUntil).toBe(new Date(Date.parse(start) - 120 * 60_000).toISOString())
    expect(await left(ID(), MON, '09:00')).toMatchObject({ left: 1, state: 'open' })

    expectRefused(await book('resident', ID(), at(MON, '14:30')), 409, /当天已预约过该服务/)
    // Another day, or another service the same day, is fine.
    expect((await book('resident', ID(), at(TUE, '09:00'))).status).toBe(200)
    expect((await book('resident', SOCIAL(), at(MON, '09:00'))).status).toBe(200)

    const key = 'double-tap-booking-0001'
    const [one, two] = await Promise.all([
      t.call('appointments', 'book', { serviceId: ID(), start: at(MON, '10:00') }, { token: tk.resident2, idempotencyKey: key }),
      t.call('appointments', 'book', { serviceId: ID(), start: at(MON, '10:00') }, { token: tk.resident2, idempotencyKey: key }),
    ])
    const okOnes = [one, two].filter((r) => r.status === 200)
    // The second tap either waits its turn (上一次提交正在处理) or gets the first one's booking back.
    expect(okOnes.length).toBeGreaterThanOrEqual(1)
    for (const r of [one, two]) expect(r.status === 200 ? r.data.id : r.error?.code).toBe(r.status === 200 ? okOnes[0]!.data.id : 'IN_PROGRESS')
    const again = await t.call('appointments', 'book', { serviceId: ID(), start: at(MON, '10:00') }, { token: tk.resident2, idempotencyKey: key })
    expect(again.data.id).toBe(okOnes[0]!.data.id)
    // The same key for another slot is a client's mistake, not a retry: refused, saying so, and nothing booked.
    expectRefused(await t.call('appointments', 'book', { serviceId: ID(), start: at(MON, '10:20') }, { token: tk.resident2, idempotencyKey: key }), 409, /内容不同/)
    const count = await t.db.selectFrom('appt_bookings').select((eb) => eb.fn.countAll<number>().as('n')).where('day', '=', MON).where('service_id', '=', ID()).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
    expect(await unit(ID(), at(MON, '10:00'))).toEqual({ places: 2, taken: 1 })

    const mine = await t.ok('appointments', 'mine', {}, { token: tk.resident })
    expect(mine.items.map((i) => [i.serviceName, i.startsAt])).toEqual([
      ['身份证/居住证办理协助', at(MON, '09:00')],
      ['社保卡业务', at(MON, '09:00')],
      ['身份证/居住证办理协助', at(TUE, '09:00')],
    ])
  })

  test('bad input names the field; a slot off the plan, too soon or too far is refused; nothing is written', async () => {
    const bad = await t.call('appointments', 'book', { serviceId: ID(), start: 'tomorrow' }, { token: tk.resident })
    expect([bad.status, Object.keys(bad.error!.fields!)]).toEqual([400, ['start']])
    expectRefused(await book('resident', ID(), at(MON, '09:10')), 400, /不开放/)
    expectRefused(await book('resident', ID(), at('2026-11-28', '09:00')), 400, /不开放/)
    expectRefused(await book('resident', ID(), at('2026-11-27', '10:20')), 400, /截止/)
    expectRefused(await book('resident', ID(), at('2026-12-14', '09:00')), 400, /14天内/)
    const none = await t.db.selectFrom('appt_bookings').select('id').execute()
    expect(none).toEqual([])
    // Someone who has not registered a home cannot book.
    const newcomer = await t.consentedNewcomer()
    expectRefused(await t.call('appointments', 'book', { serviceId: ID(), start: at(MON, '09:00') }, { token: newcomer }), 403, /登记住户/)
    expect(await t.db.selectFrom('capacity_units').select('id').where('scope', '=', 'appointment').execute()).toEqual([])
  })

  test('a full slot says 已满 and refuses; places free again when someone cancels', async () => {
    const start = at(MON, '09:00')
    const first = await book('resident', SOCIAL(), start)
    expect(first.status).toBe(200)
    expect(await left(SOCIAL(), MON, '09:00')).toMatchObject({ left: 0, state: 'full' })
    expectRefused(await book('resident2', SOCIAL(), start), 409, /约满/)
    // Someone who already holds the service that day hears that, not 已约满.
    expect((await book('resident2', SOCIAL(), at(MON, '09:20'))).status).toBe(200)
    expectRefused(await book('resident2', SOCIAL(), start), 409, /当天已预约过该服务/)
    await t.ok('appointments', 'cancel', { id: (await t.ok('appointments', 'mine', {}, { token: tk.resident2 })).items[0]!.id }, { token: tk.resident2 })
    // A refusal writes nothing, not even the idempotency key it came with.
    const keyed = await t.call('appointments', 'book', { serviceId: SOCIAL(), start }, { token: tk.resident2, idempotencyKey: 'full-slot-refused-01' })
    expectRefused(keyed, 409, /约满/)
    expect(await t.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'full-slot-refused-01').execute()).toEqual([])
    const mon = (await t.ok('appointments', 'days', { serviceId: SOCIAL() }, { token: tk.resident })).days.find((d) => d.day === MON)!
    expect(mon.left).toBe(14)
    await t.ok('appointments', 'cancel', { id: first.data.id }, { token: tk.resident })
    expect(await left(SOCIAL(), MON, '09:00')).toMatchObject({ left: 1, state: 'open' })
    expect((await book('resident2', SOCIAL(), start)).status).toBe(200)
    // Cancelling released the resident's day as well: they may book that service again that day.
    expect((await book('resident', SOCIAL(), at(MON, '09:20'))).status).toBe(200)
  })

  test('reschedule is atomic: the new place is taken and the old one freed, or nothing changes', async () => {
    const b = (await book('resident', SOCIAL(), at(MON, '09:00'))).data
    const moved = await t.ok('appointments', 'reschedule', { id: b.id, start: at(MON, '09:20') }, { token: tk.resident })
    expect(moved).toMatchObject({ id: b.id, code: b.code, startsAt: at(MON, '09:20'), status: 'booked' })
    expect(await unit(SOCIAL(), at(MON, '09:00'))).toEqual({ places: 1, taken: 0 })
    expect(await unit(SOCIAL(), at(MON, '09:20'))).toEqual({ places: 1, taken: 1 })

    // The wanted slot is full: the booking stays where it was and holds its place.
    await book('resident2', SOCIAL(), at(TUE, '09:00'))
    expectRefused(await t.call('appointments', 'reschedule', { id: b.id, start: at(TUE, '09:00') }, { token: tk.resident }), 409, /约满/)
    expect((await t.ok('appointments', 'get', { id: b.id }, { token: tk.resident })).startsAt).toBe(at(MON, '09:20'))
    expect(await unit(SOCIAL(), at(MON, '09:20'))).toEqual({ places: 1, taken: 1 })
    expect(await unit(SOCIAL(), at(TUE, '09:00'))).toEqual({ places: 1, taken: 1 })

    // Moving onto a day that already has another booking of the service: refused by the one-a-day rule, nothing moves.
    const other = (await book('resident', SOCIAL(), at(TUE, '09:20'))).data
    expectRefused(await t.call('appointments', 'reschedule', { id: b.id, start: at(TUE, '09:40') }, { token: tk.resident }), 409, /当天已预约/)
    expect((await unit(SOCIAL(), at(TUE, '09:40')))?.taken ?? 0).toBe(0)
    expect(await unit(SOCIAL(), at(MON, '09:20'))).toEqual({ places: 1, taken: 1 })
    expect(other.status).toBe('booked')
  })

  test('cancel and reschedule close at the cut-off; staff can still cancel, with a reason the resident hears', async () => {
    const start = at(MON, '09:00')
    const b = (await book('resident', ID(), start)).data
    t.clock.set(Date.parse(start) - 119 * 60_000)
    const late = await t.ok('appointments', 'get', { id: b.id }, { token: tk.resident })
    expect(late.can).toMatchObject({ cancel: false, reschedule: false })
    expectRefused(await t.call('appointments', 'cancel', { id: b.id }, { token: tk.resident }), 409, /截止/)
    expectRefused(await t.call('appointments', 'reschedule', { id: b.id, start: at(MON, '14:30') }, { token: tk.resident }), 409, /截止/)
    expect((await t.call('appointments', 'cancel', { id: b.id }, { token: tk.staff })).error?.fields).toHaveProperty('reason')
    const cancelled = await t.ok('appointments', 'cancel', { id: b.id, reason: '窗口设备检修' }, { token: tk.staff })
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '窗口设备检修' })
    expect((await messages('resident'))[0]).toMatchObject({ title: '您的预约已取消' })
    expect((await messages('resident'))[0]!.body).toMatch(/窗口设备检修/)
    expectRefused(await t.call('appointments', 'cancel', { id: b.id }, { token: tk.resident }), 409, /已取消/)
  })

  test('only the resident, their booker and staff see a booking', async () => {
    const b = (await book('resident', ID(), at(MON, '09:00'))).data
    expect((await t.call('appointments', 'get', { id: b.id }, { token: tk.resident2 })).status).toBe(404)
    expect((await t.call('appointments', 'cancel', { id: b.id }, { token: tk.resident2 })).status).toBe(404)
    expect((await t.call('appointments', 'get', { id: b.id }, { token: tk.gridworker })).status).toBe(404)
    const staffView = await t.ok('appointments', 'get', { id: b.id }, { token: tk.staff })
    expect(staffView.resident).toEqual({ name: '李桂芳', phone: '138****0001', address: '管道新村3号楼 2单元 301室' })
    expect((await t.call('appointments', 'desk', { serviceId: ID(), day: MON }, { token: tk.resident })).status).toBe(403)
    expect((await t.call('appointments', 'checkIn', { code: b.code }, { token: tk.gridworker })).status).toBe(403)
  })

  test('代办: a grid worker books for a resident of their own grid only; the booking is the resident\'s', async () => {
    const residents = await t.ok('appointments', 'gridResidents', { q: '李' }, { token: tk.gridworker })
    const li = residents.find((r) => r.name === '李桂芳')!
    expect(li).toMatchObject({ phone: '138****0001', address: '管道新村3号楼 2单元 301室' })
    const res = await book('gridworker', CHECKUP(), at(TUE, '08:00'), { forResidentId: li.id })
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ bookedBy: '网格员 赵晓燕代办', resident: { name: '李桂芳' } })
    const mine = await t.ok('appointments', 'mine', {}, { token: tk.resident })
    expect(mine.items[0]).toMatchObject({ id: res.data.id, bookedBy: '网格员 赵晓燕代办' })
    expect((await messages('resident'))[0]).toMatchObject({ title: '已为您预约' })
    expect((await t.ok('appointments', 'madeByMe', {}, { token: tk.gridworker })).items.map((i) => i.residentName)).toEqual(['李桂芳'])
    // 孙立新 serves the 第八网格, not 李桂芳's.
    expectRefused(await book('gridworker2', CHECKUP(), at(TUE, '08:30'), { forResidentId: li.id }), 403, /只能为本网格的居民代办预约/)
    // Nor is a made-up resident told apart from one of another grid.
    expectRefused(await book('gridworker2', CHECKUP(), at(TUE, '08:30'), { forResidentId: 999999 }), 403, /只能为本网格的居民代办预约/)
    expect(await t.ok('appointments', 'gridResidents', { q: '李桂芳' }, { token: tk.gridworker2 })).toEqual([])
    // A resident cannot book for a neighbour.
    expectRefused(await book('resident2', CHECKUP(), at(TUE, '08:30'), { forResidentId: li.id }), 403)
    // Staff may book for any registered resident, from the person's page.
    const byStaff = await book('staff', ID(), at(TUE, '09:00'), { forResidentId: li.id })
    expect(byStaff.data).toMatchObject({ bookedBy: '社区工作人员代办', resident: { name: '李桂芳' } })
  })

  test('ticket assistance: the trip is required and checked; ID numbers are sealed, masked, revealed to staff with an audit', async () => {
    const start = at(MON, '09:00')
    expect((await book('resident', TICKET(), start)).error?.fields).toEqual({ trip: '请填写出行信息' })
    const trip = { travelDate: '2026-12-05', from: '徐州东', to: '南京南', preference: '上午 高铁二等座', passengers: [{ name: '李桂芳', idCard: ID_A }, { name: '王德明', idCard: '320311195803120041' }], idCardConsent: true as const }
    // The ID numbers need the booker's own agreement, named, whatever else is right.
    const { idCardConsent: _given, ...unconsented } = trip
    for (const consent of [{}, { idCardConsent: false }, { idCardConsent: 'true' }]) {
      const refused = await book('resident', TICKET(), start, { trip: { ...unconsented, passengers: [trip.passengers[0]], ...consent } })
      expect(refused.error?.fields).toEqual({ 'trip.idCardConsent': '请阅读并勾选同意使用乘车人身份证号购票' })
    }
    const wrong = await book('resident', TICKET(), start, { trip })
    expect(wrong.error?.fields).toEqual({ 'trip.passengers.1.idCard': '乘车人身份证号不正确，请核对' })
    expect((await book('resident', TICKET(), start, { trip: { ...trip, travelDate: '2026-11-26', passengers: [trip.passengers[0]] } })).error?.fields).toEqual({ 'trip.travelDate': '出行日期不能早于今天' })
    expect((await book('resident', ID(), start, { trip: { ...trip, passengers: [trip.passengers[0]] } })).error?.fields).toEqual({ trip: '该服务无需填写行程' })
    expect(await t.db.selectFrom('appt_bookings').select('id').execute()).toEqual([])

    const ok = await book('resident', TICKET(), start, { trip: { ...trip, passengers: [trip.passengers[0], { name: '王德明', idCard: ID_B.toLowerCase() }] } })
    expect(ok.status).toBe(200)
    expect(ok.data.trip).toMatchObject({ from: '徐州东', to: '南京南', outcome: null })
    expect(ok.data.trip!.passengers.map((p) => p.idCard)).toEqual([`${ID_A.slice(0, 4)}**********${ID_A.slice(-4)}`, `${ID_B.slice(0, 4)}**********${ID_B.slice(-4)}`])
    const stored = await t.db.selectFrom('appt_passengers').selectAll().orderBy('position').execute()
    for (const p of stored) {
      expect(p.id_card_sealed).toMatch(/^v2\./)
      expect(JSON.stringify(p)).not.toContain(ID_A.slice(4, 14))
    }
    const consented = await t.db.selectFrom('appt_trips').select('id_card_consent_at').where('booking_id', '=', ok.data.id).executeTakeFirstOrThrow()
    expect(consented.id_card_consent_at).toBe(t.clock.iso())
    expect(ok.data.can.revealIdCard).toBe(false)
    const reveal = { id: ok.data.id, passengerId: stored[1]!.id, purpose: '为居民购票' }
    expect((await t.call('appointments', 'revealIdCard', reveal, { token: tk.resident })).status).toBe(403)
    // The purpose is asked for, by name.
    const noPurpose = await t.call('appointments', 'revealIdCard', { id: reveal.id, passengerId: reveal.passengerId }, { token: tk.staff })
    expect([noPurpose.status, noPurpose.error?.fields]).toEqual([400, { purpose: '请选择查看身份证号的用途' }])
    const revealed = await t.ok('appointments', 'revealIdCard', reveal, { token: tk.staff })
    expect(revealed.idCard).toBe(ID_B)
    // A sealed number is bound to its row: copied onto the other passenger (a tampered database) it does not open.
    await t.db.updateTable('appt_passengers').set({ id_card_sealed: stored[1]!.id_card_sealed }).where('id', '=', stored[0]!.id).execute()
    const swapped = await t.call('appointments', 'revealIdCard', { ...reveal, passengerId: stored[0]!.id }, { token: tk.staff })
    expect(swapped.status).toBe(500)
    expect(JSON.stringify(swapped)).not.toContain(ID_B)
    await t.db.updateTable('appt_passengers').set({ id_card_sealed: stored[0]!.id_card_sealed }).where('id', '=', stored[0]!.id).execute()
    const audits = await t.db.selectFrom('audit_log').select(['action', 'target_id', 'detail']).where('action', '=', 'appointments.revealIdCard').execute()
    expect(audits.map((a) => [a.target_id, JSON.parse(a.detail!)])).toEqual([[String(stored[1]!.id), { bookingId: ok.data.id, purpose: '为居民购票', residentId: expect.any(Number) }]])
    // The resident's export says when and why; the admins' 查询记录 lists it.
    const exported = await t.ok('account', 'exportData', {}, { token: tk.resident })
    expect(JSON.stringify(exported)).toContain('"idCardViews":[{"at":')
    expect(JSON.stringify(exported)).toContain('"purpose":"为居民购票"')
    const log = await t.ok('people', 'accessLog', {}, { token: tk.admin })
    expect(log.items[0]).toMatchObject({ what: '查看乘车人身份证号', purpose: '为居民购票', subject: `预约乘车人 #${stored[1]!.id}（预约 #${ok.data.id}）` })

    const issued = await t.ok('appointments', 'recordTicket', { id: ok.data.id, outcome: 'issued', text: 'G1234次 12月5日 08:15 二等座 2张' }, { token: tk.staff })
    expect(issued.trip).toMatchObject({ outcome: 'issued', outcomeText: 'G1234次 12月5日 08:15 二等座 2张' })
    expect(issued.ticketOutcome).toBe('issued')
    expect((await messages('resident'))[0]).toMatchObject({ title: '车票已出票' })
    const other = (await book('resident2', TICKET(), at(MON, '09:15'), { trip: { ...trip, passengers: [trip.passengers[0]] } })).data
    const unavailable = await t.ok('appointments', 'recordTicket', { id: other.id, outcome: 'unavailable', text: '当日车票已售罄，可改乘次日' }, { token: tk.staff })
    expect(unavailable.trip?.outcome).toBe('unavailable')
    expect((await messages('resident2'))[0]).toMatchObject({ title: '车票未能购得' })
    expect((await t.call('appointments', 'recordTicket', { id: ok.data.id, outcome: 'issued', text: '' }, { token: tk.staff })).error?.fields).toHaveProperty('text')

    // Kept for idPurgeDays (7) after the trip; the sweep erases them after that, masks stay for the record.
    t.clock.set(at('2026-12-12', '10:00'))
    expect((await sweepAppointments(t.services)).purged).toBe(0)
    t.clock.set(at('2026-12-13', '00:10'))
    expect((await sweepAppointments(t.services)).purged).toBe(3)
    const after = await t.db.selectFrom('appt_passengers').select(['id_card_sealed', 'id_card_masked', 'purged_at']).execute()
    expect(after.every((p) => p.id_card_sealed === null && p.purged_at !== null && p.id_card_masked.includes('**********'))).toBe(true)
    expectRefused(await t.call('appointments', 'revealIdCard', { id: ok.data.id, passengerId: stored[1]!.id, purpose: '为居民购票' }, { token: tk.staff }), 409, /删除/)
    expect((await t.ok('appointments', 'get', { id: ok.data.id }, { token: tk.resident })).trip!.passengers.every((p) => p.purged)).toBe(true)
  })

  test('cancelling a ticket booking erases its ID numbers at once', async () => {
    const trip = { travelDate: '2026-12-05', from: '徐州东', to: '上海虹桥', passengers: [{ name: '李桂芳', idCard: ID_A }], idCardConsent: true }
    const b = (await book('resident', TICKET(), at(MON, '09:00'), { trip })).data
    await t.ok('appointments', 'cancel', { id: b.id }, { token: tk.resident })
    const p = await t.db.selectFrom('appt_passengers').select(['id_card_sealed']).executeTakeFirstOrThrow()
    expect(p.id_card_sealed).toBeNull()
  })

  test('the window\'s day: check in by code on the day only, then done; no-show only once the time has come', async () => {
    const b = (await book('resident', ID(), at(MON, '09:00'))).data
    const b2 = (await book('resident2', ID(), at(MON, '09:00'))).data
    expectRefused(await t.call('appointments', 'checkIn', { code: b.code }, { token: tk.staff }), 409, /不是今天/)
    expect((await t.call('appointments', 'checkIn', { code: 'abc' }, { token: tk.staff })).error?.fields).toHaveProperty('code')
    expect((await t.call('appointments', 'checkIn', { code: 'ZZZZ2222' }, { token: tk.staff })).status).toBe(404)
    t.clock.set(at(MON, '08:50'))
    expectRefused(await t.call('appointments', 'finish', { id: b2.id, outcome: 'no_show' }, { token: tk.staff }), 409, /还没到/)
    const inside = await t.ok('appointments', 'checkIn', { code: ` ${b.code.slice(0, 4).toLowerCase()}-${b.code.slice(4)} ` }, { token: tk.staff })
    expect(inside).toMatchObject({ status: 'checked_in', checkedInAt: t.clock.iso() })
    expectRefused(await t.call('appointments', 'checkIn', { code: b.code }, { token: tk.staff }), 409, /已于 08:50 签到/)
    const day = await t.ok('appointments', 'desk', { serviceId: ID(), day: MON }, { token: tk.staff })
    const nine = day.slots.find((s) => s.label === '09:00')!
    expect(nine.bookings.map((x) => [x.residentName, x.status, x.phone])).toEqual([
      ['李桂芳', 'checked_in', '138****0001'],
      ['马建国', 'booked', '138****0002'],
    ])
    expect(day.slots).toHaveLength(15)
    expect(day.counts).toEqual({ booked: 1, checkedIn: 1, done: 0, noShow: 0 })
    expect((await t.ok('appointments', 'finish', { id: b.id, outcome: 'done' }, { token: tk.staff })).status).toBe('done')
    t.clock.set(at(MON, '09:30'))
    expect((await t.ok('appointments', 'finish', { id: b2.id, outcome: 'no_show' }, { token: tk.staff })).status).toBe('no_show')
    expect((await messages('resident2'))[0]).toMatchObject({ title: '预约未到场' })
    expect((await t.ok('appointments', 'desk', { serviceId: ID(), day: MON }, { token: tk.staff })).counts).toEqual({ booked: 0, checkedIn: 0, done: 1, noShow: 1 })
  })

  test('no-show rule: three within 90 days block new bookings for 30 days, saying until when', async () => {
    const days = ['2026-11-30', '2026-12-01', '2026-12-02']
    for (const day of days) {
      t.clock.set(at('2026-11-27', '10:00'))
      const b = (await book('resident2', ID(), at(day, '09:00'))).data
      t.clock.set(at(day, '12:00'))
      await t.ok('appointments', 'finish', { id: b.id, outcome: 'no_show' }, { token: tk.staff })
    }
    const blocked = await book('resident2', ID(), at('2026-12-03', '14:30'))
    // 30 days after the third no-show (2 Dec 09:00): 1 Jan 2027 09:00, Beijing time.
    expectRefused(blocked, 403, /3次预约未到场，2027年1月1日 09:00前暂停预约/)
    expect((await t.ok('appointments', 'days', { serviceId: ID() }, { token: tk.resident2 })).block).toEqual({ until: at('2027-01-01', '09:00'), noShows: 3 })
    // 代办: the grid worker of 马建国's grid sees his block before trying; another grid's worker learns nothing.
    const ma = (await t.db.selectFrom('users').select('id').where('openid', '=', 'demo:resident2').executeTakeFirstOrThrow()).id
    expect((await t.ok('appointments', 'days', { serviceId: ID(), forResidentId: ma }, { token: tk.gridworker2 })).block).toMatchObject({ noShows: 3 })
    expect((await t.ok('appointments', 'days', { serviceId: ID() }, { token: tk.gridworker2 })).block).toBeNull()
    expectRefused(await t.call('appointments', 'days', { serviceId: ID(), forResidentId: ma }, { token: tk.gridworker }), 403, /只能为本网格的居民代办预约/)
    expectRefused(await book('gridworker2', ID(), at('2026-12-03', '15:10'), { forResidentId: ma }), 403, /该居民近期有3次预约未到场/)
    // Other residents are not affected, and a grid worker booking for them is told why.
    expect((await book('resident', ID(), at('2026-12-03', '14:30'))).status).toBe(200)
    // A full slot: the blocked resident still hears why they cannot book, not that it is full.
    expect((await book('volunteer', ID(), at('2026-12-03', '14:30'))).status).toBe(200)
    expectRefused(await book('resident2', ID(), at('2026-12-03', '14:30')), 403, /3次预约未到场/)
    t.clock.set(at('2027-01-01', '09:01'))
    tk.resident2 = await t.signIn('resident2')
    expect((await book('resident2', ID(), at('2027-01-04', '09:00'))).status).toBe(200)
    // The limit is the community's to set.
    tk.admin = await t.signIn('admin')
    await t.ok('appointments', 'setRules', { noShowLimit: 5, noShowWindowDays: 90, noShowBlockDays: 30, idPurgeDays: 3 }, { token: tk.admin })
    expect((await t.call('appointments', 'setRules', { noShowLimit: 0, noShowWindowDays: 90, noShowBlockDays: 30, idPurgeDays: 3 }, { token: tk.admin })).error?.fields).toEqual({ noShowLimit: '爽约次数上限不能少于1次' })
    tk.staff = await t.signIn('staff')
    expect((await t.call('appointments', 'setRules', { noShowLimit: 5, noShowWindowDays: 90, noShowBlockDays: 30, idPurgeDays: 3 }, { token: tk.staff })).status).toBe(403)
  })

  test('a closure or a plan change never silently drops bookings: they are listed and the residents told', async () => {
    const b = (await book('resident', ID(), at(MON, '09:00'))).data
    const c = (await book('resident2', ID(), at(MON, '14:30'))).data
    const added = await t.ok('appointments', 'addClosure', { serviceId: ID(), day: MON, starts: '08:00', ends: '12:00', reason: '窗口系统升级' }, { token: tk.staff })
    expect(added.displaced).toBe(1)
    expect((await t.ok('appointments', 'attention', {}, { token: tk.staff })).map((x) => x.id)).toEqual([b.id])
    expect((await messages('resident'))[0]).toMatchObject({ title: '预约时段有变动' })
    expect((await messages('resident2')).some((m) => m.title === '预约时段有变动')).toBe(false)
    const mon = await t.ok('appointments', 'slots', { serviceId: ID(), day: MON }, { token: tk.resident })
    expect(mon[0]!.label).toBe('14:30')
    const desk = await t.ok('appointments', 'desk', { serviceId: ID(), day: MON }, { token: tk.staff })
    expect(desk.slots[0]).toMatchObject({ label: '09:00', inPlan: false, bookings: [{ id: b.id, displaced: true }] })
    // The resident may move it even though the new slot is chosen late; the booking is theirs to fix.
    const detail = await t.ok('appointments', 'get', { id: b.id }, { token: tk.resident })
    expect(detail).toMatchObject({ displaced: true, can: { reschedule: true, cancel: true } })

    // Removing the closure puts it back.
    const list = await t.ok('appointments', 'closures', {}, { token: tk.staff })
    expect(list).toEqual([expect.objectContaining({ serviceName: '身份证/居住证办理协助', day: MON, starts: '08:00', ends: '12:00', reason: '窗口系统升级' })])
    await t.ok('appointments', 'removeClosure', { id: list[0]!.id }, { token: tk.staff })
    expect(await t.ok('appointments', 'attention', {}, { token: tk.staff })).toEqual([])

    // The plan drops Monday afternoons: 马建国's 14:30 is displaced; places per slot go up for future slots.
    const svc = (await t.ok('appointments', 'manage', {}, { token: tk.staff })).find((s) => s.id === ID())!
    const hours = svc.hours.filter((h) => !(h.weekday === 1 && h.starts === '14:30'))
    const saved = await t.ok('appointments', 'saveService', { ...svc, places: 3, hours }, { token: tk.staff })
    expect(saved.displaced).toBe(1)
    expect((await t.ok('appointments', 'attention', {}, { token: tk.staff })).map((x) => x.id)).toEqual([c.id])
    expect(await unit(ID(), at(MON, '09:00'))).toEqual({ places: 3, taken: 1 })
    expect((await t.ok('appointments', 'slots', { serviceId: ID(), day: MON }, { token: tk.resident })).map((s) => s.label)).not.toContain('14:30')

    // A whole-day community closure (a holiday) shows its reason on the day.
    await t.ok('appointments', 'addClosure', { day: TUE, reason: '元旦调休' }, { token: tk.staff })
    const tue = (await t.ok('appointments', 'days', { serviceId: CHECKUP() }, { token: tk.resident })).days.find((d) => d.day === TUE)!
    expect(tue).toMatchObject({ closed: true, closedReason: '元旦调休' })
  })

  test('staff keep the plan: hours are checked and named, names are unique', async () => {
    const base = { name: '老年卡办理', description: '协助办理徐州市老年优待卡', checklist: ['身份证', '一寸照片'], durationMinutes: 30, places: 1, bookAheadDays: 7, minNoticeMinutes: 60, cancelCutoffMinutes: 60 }
    expect((await t.call('appointments', 'saveService', { ...base, hours: [{ weekday: 1, starts: '10:00', ends: '09:00' }] }, { token: tk.staff })).error?.fields).toEqual({ 'hours.0.ends': '结束时间应晚于开始时间' })
    expect(
      (await t.call('appointments', 'saveService', { ...base, hours: [{ weekday: 1, starts: '09:00', ends: '11:00' }, { weekday: 1, starts: '10:30', ends: '12:00' }] }, { token: tk.staff })).error?.fields,
    ).toEqual({ 'hours.1.starts': '同一天的开放时间有重叠' })
    expect((await t.call('appointments', 'saveService', { ...base, hours: [{ weekday: 8, starts: '09:00', ends: '11:00' }] }, { token: tk.staff })).error?.fields).toEqual({ 'hours.0.weekday': '星期不能超过7' })
    expect((await t.call('appointments', 'saveService', { ...base, name: '社保卡业务', hours: [] }, { token: tk.staff })).error?.fields).toEqual({ name: '已有同名的服务项目' })
    const made = await t.ok('appointments', 'saveService', { ...base, hours: [{ weekday: 3, starts: '09:00', ends: '11:00' }] }, { token: tk.staff })
    expect(made.service).toMatchObject({ name: '老年卡办理', active: true, hours: [{ weekday: 3, starts: '09:00', ends: '11:00' }] })
    expect((await t.ok('appointments', 'services', {}, { token: tk.resident })).at(-1)!.name).toBe('老年卡办理')
    await t.ok('appointments', 'saveService', { ...base, id: made.service.id, active: false, hours: made.service.hours }, { token: tk.staff })
    expect((await t.ok('appointments', 'services', {}, { token: tk.resident })).map((s) => s.name)).not.toContain('老年卡办理')
    expect((await t.call('appointments', 'days', { serviceId: made.service.id }, { token: tk.resident })).status).toBe(404)
    expect((await t.call('appointments', 'saveService', { ...base, hours: [] }, { token: tk.resident })).status).toBe(403)
  })

  test('the day-before reminder goes out once, from 09:00 the day before; not for bookings made after that', async () => {
    const early = (await book('resident', CHECKUP(), at(TUE, '08:00'))).data
    t.clock.set(at('2026-11-30', '08:59'))
    expect((await sweepAppointments(t.services)).reminded).toBe(0)
    t.clock.set(at('2026-11-30', '09:00'))
    expect((await sweepAppointments(t.services)).reminded).toBe(1)
    expect((await sweepAppointments(t.services)).reminded).toBe(0)
    const m = (await messages('resident'))[0]!
    expect(m).toMatchObject({ title: '预约提醒', link: `/features/appointments/pages/detail/index?id=${early.id}` })
    expect(m.body).toMatch(new RegExp(`12月1日（周二）08:00.*免费体检.*${early.code}.*需空腹.*身份证或社保卡`))
    const outbox = await t.db.selectFrom('outbox').select('template').where('template', '=', 'appointment_reminder').execute()
    expect(outbox).toHaveLength(1)

    t.clock.set(at('2026-11-30', '20:00'))
    await book('resident2', CHECKUP(), at(TUE, '09:00'))
    expect((await sweepAppointments(t.services)).reminded).toBe(0)
    // Moving a booking to another day makes it due for a reminder again.
    t.clock.set(at('2026-11-30', '21:00'))
    await t.ok('appointments', 'reschedule', { id: early.id, start: at('2026-12-03', '08:00') }, { token: tk.resident })
    t.clock.set(at('2026-12-02', '09:05'))
    expect((await sweepAppointments(t.services)).reminded).toBe(1)
  })

  test('a database from before 办事预约 gets the services, and everyone is asked to agree to the notice that names ID numbers', async () => {
    const undone = await migrateDownTo(t.db as never, '002_hotline')
    expect(undone[0]).toBe('003_appointments')
    await sql`update community set privacy_version = '2026-11-01'`.execute(t.db)
    await sql`update users set consent_version = '2026-11-01' where consent_version is not null`.execute(t.db)
    expect(await migrateToLatest(t.db as never)).toEqual(undone)
    const me = await t.ok('account', 'me', {}, { token: tk.resident })
    expect(me.consent).toMatchObject({ required: PRIVACY_VERSION, accepted: '2026-11-01' })
    expect((await t.call('appointments', 'services', {}, { token: tk.resident })).error?.code).toBe('CONSENT_REQUIRED')
    await t.ok('account', 'consent', { version: PRIVACY_VERSION }, { token: tk.resident })
    expect((await t.ok('appointments', 'services', {}, { token: tk.resident })).map((s) => s.name)).toEqual(['身份证/居住证办理协助', '社保卡业务', '火车票/飞机票代购', '免费体检'])
    // Staff too: they process the numbers.
    expect((await t.call('appointments', 'rules', {}, { token: tk.staff })).error?.code).toBe('CONSENT_REQUIRED')
    await t.ok('account', 'consent', { version: PRIVACY_VERSION }, { token: tk.staff })
    expect((await t.ok('appointments', 'rules', {}, { token: tk.staff })).noShowLimit).toBe(3)
  })

  test('a deleted account holds no places and keeps no ID numbers; export lists bookings', async () => {
    const trip = { travelDate: '2026-12-05', from: '徐州东', to: '北京南', passengers: [{ name: '马建国', idCard: ID_B }], idCardConsent: true }
    const b = (await book('resident2', TICKET(), at(MON, '09:00'), { trip })).data
    const exported = await t.ok('account', 'exportData', {}, { token: tk.resident2 })
    expect((exported as { appointments: unknown[] }).appointments).toEqual([
      expect.objectContaining({ code: b.code, service: '火车票/飞机票代购', trip: expect.objectContaining({ passengers: [{ name: '马建国', idCard: `${ID_B.slice(0, 4)}**********${ID_B.slice(-4)}`, idCardViews: [] }] }) }),
    ])
    await t.ok('account', 'deleteAccount', { confirm: '确认注销' }, { token: tk.resident2 })
    expect(await unit(TICKET(), at(MON, '09:00'))).toEqual({ places: 1, taken: 0 })
    expect(await t.db.selectFrom('appt_passengers').selectAll().execute()).toEqual([])
    expect((await t.db.selectFrom('appt_bookings').select('status').where('id', '=', b.id).executeTakeFirstOrThrow()).status).toBe('cancelled')
  })
})
