import Taro from '@tarojs/taro'
import type { ChannelOut } from '@server/features/messages/actions'
import { setTokenSource } from '@/core/api'
import { useSession } from '@/core/session'
import { useMessages } from './store'
import { askFor, templatesFor } from './subscribe'

const request = Taro.request as unknown as jest.Mock
const requestSubscribe = Taro.requestSubscribeMessage as unknown as jest.Mock

const channel = (kind: ChannelOut['kind'], over: Partial<ChannelOut> = {}): ChannelOut => ({
  kind,
  group: '办事预约',
  label: kind === 'appointment_reminder' ? '预约提醒' : '预约变动',
  hint: '',
  templateId: `t-${kind}`,
  allowed: true,
  remaining: 0,
  ...over,
})

const settle = () => new Promise((r) => setTimeout(r, 10))

beforeEach(() => {
  request.mockReset()
  requestSubscribe.mockReset()
  setTokenSource({ get: () => 'tok', onRejected: async () => false })
  useMessages.setState({ channels: [channel('appointment_reminder'), channel('appointment'), channel('hotline', { group: '诉求', label: '诉求进展' })] })
})
afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

test('only kinds the person has not turned off and the server has templates for, three at most', () => {
  const channels = [channel('appointment_reminder', { allowed: false }), channel('appointment'), channel('hotline', { templateId: null }), channel('event'), channel('event_reminder'), channel('shuttle')]
  expect(templatesFor(['appointment_reminder', 'appointment', 'hotline'], channels).map((c) => c.kind)).toEqual(['appointment'])
  expect(templatesFor(['appointment', 'event', 'event_reminder', 'shuttle'], channels)).toHaveLength(3)
  expect(templatesFor(['appointment'], null)).toEqual([])
})

test('on weapp, WeChat’s prompt is asked before askFor returns (inside the tap), and each answer goes to the server', async () => {
  process.env.TARO_ENV = 'weapp'
  askFor(['appointment_reminder', 'appointment'])
  // Synchronously: WeChat refuses a prompt asked after an await.
  expect(requestSubscribe).toHaveBeenCalledTimes(1)
  const opts = requestSubscribe.mock.calls[0][0]
  expect(opts.tmplIds).toEqual(['t-appointment_reminder', 't-appointment'])
  request.mockResolvedValueOnce({ statusCode: 200, data: { ok: true, data: { channels: [channel('appointment_reminder', { remaining: 1 })] } } })
  opts.success({ errMsg: 'requestSubscribeMessage:ok', 't-appointment_reminder': 'accept', 't-appointment': 'reject' })
  await settle()
  await settle()
  const sent = request.mock.calls[0][0]
  expect([sent.url, sent.data.action, sent.data.data]).toEqual(['https://api.example.test/api/messages', 'subscribed', { results: { 't-appointment_reminder': 'accept', 't-appointment': 'reject' } }])
  expect(useMessages.getState().channels).toEqual([channel('appointment_reminder', { remaining: 1 })])
})

test('on H5 a sheet stands in for WeChat’s prompt, answering in WeChat’s shape', async () => {
  const channels = useMessages.getState().channels
  request.mockResolvedValue({ statusCode: 200, data: { ok: true, data: { channels } } })
  askFor(['hotline'])
  const sheet = document.querySelector('.subscribe-prompt')!
  expect([...sheet.querySelectorAll('.subscribe-prompt__item')].map((e) => e.textContent)).toEqual(['诉求进展'])
  ;(sheet.querySelector('.subscribe-prompt__btn--yes') as HTMLElement).click()
  await settle()
  await settle()
  expect(document.querySelector('.subscribe-prompt')).toBeNull()
  expect(request.mock.calls[0][0].data.data).toEqual({ results: { 't-hotline': 'accept' } })
  askFor(['appointment_reminder', 'appointment'])
  ;(document.querySelector('.subscribe-prompt__btn--no') as HTMLElement).click()
  await settle()
  await settle()
  expect(request.mock.calls[1][0].data.data).toEqual({ results: { 't-appointment_reminder': 'reject', 't-appointment': 'reject' } })
})

test('nothing to ask: no prompt, no request; not loaded yet: the kinds are loaded for the next tap', async () => {
  askFor(['volunteer'])
  expect(document.querySelector('.subscribe-prompt')).toBeNull()
  expect(request).not.toHaveBeenCalled()
  useMessages.setState({ channels: null })
  // Not signed in: nothing is loaded for a visitor.
  useSession.setState({ me: null })
  askFor(['volunteer'])
  await settle()
  expect(request).not.toHaveBeenCalled()
  useSession.setState({ me: { id: 1, consent: { required: 'v1', accepted: 'v1', acceptedAt: '2026-12-01T00:00:00.000Z' } } as never })
  request.mockResolvedValueOnce({ statusCode: 200, data: { ok: true, data: { channels: [channel('volunteer')] } } })
  askFor(['volunteer'])
  expect(document.querySelector('.subscribe-prompt')).toBeNull()
  await settle()
  expect(request.mock.calls[0][0].data.action).toBe('channels')
  expect(useMessages.getState().channels).toEqual([channel('volunteer')])
})
