// Both senders: the HTTPS one against the local stand-in of WeChat's API (tokens kept and refreshed, every
// refusal the dispatcher tells apart, silences and a closed port), the cloud one at the edge of wx-server-sdk.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import { startWeChatStandIn, type WeChatStandIn } from '../../../testing/wechat-stand-in'
import { cloudSender, type CloudOpenApi } from './cloud'
import { TOKEN_MARGIN_MS, httpsSender } from './https'
import type { SubscribeMessage } from './sender'

const log = pino({ level: 'silent' })
const message = (over: Partial<SubscribeMessage> = {}): SubscribeMessage => ({
  touser: 'o-resident-1',
  templateId: 'tmpl-appointment',
  page: 'features/appointments/pages/detail/index?id=3',
  data: { thing1: { value: '社保卡业务' }, time2: { value: '2026年12月8日 09:30' } },
  miniprogramState: 'formal',
  ...over,
})

describe('the HTTPS sender against a stand-in of WeChat', () => {
  let wx: WeChatStandIn
  let ms: number
  const sender = (timeoutMs = 2000) => httpsSender({ appid: wx.appid, secret: wx.secret, base: wx.base, log, timeoutMs, now: () => ms })
  beforeEach(async () => {
    ms = Date.parse('2026-12-01T00:00:00Z')
    wx = await startWeChatStandIn({ now: () => ms })
  })
  afterEach(() => wx.close())

  test('sends what WeChat expects, in its field names, and keeps the token for the next message', async () => {
    const s = sender()
    expect(await s.send(message())).toEqual({ ok: true })
    expect(await s.send(message({ touser: 'o-resident-2' }))).toEqual({ ok: true })
    expect(wx.tokenCount()).toBe(1)
    expect(wx.received).toEqual([
      { touser: 'o-resident-1', template_id: 'tmpl-appointment', page: 'features/appointments/pages/detail/index?id=3', data: message().data, miniprogram_state: 'formal', lang: 'zh_CN' },
      expect.objectContaining({ touser: 'o-resident-2' }),
    ])
    expect(wx.requests[0]).toEqual({ path: '/cgi-bin/stable_token', query: {}, body: { grant_type: 'client_credential', appid: wx.appid, secret: wx.secret, force_refresh: false } })
  })

  test('fetches a new token shortly before the old one expires, not after', async () => {
    wx.setTokenSeconds(3600)
    const s = sender()
    await s.send(message())
    ms += 3600_000 - TOKEN_MARGIN_MS - 1000
    await s.send(message())
    expect(wx.tokenCount()).toBe(1)
    ms += 2000
    await s.send(message())
    expect(wx.tokenCount()).toBe(2)
    expect(wx.received).toHaveLength(3)
  })

  test.each([
    ['40001, a token replaced elsewhere', () => wx.revokeTokens()],
    ['42001, a token past its time', () => (ms += 7200_000)],
  ])('refreshes the token once on %s and sends', async (_name, spoil) => {
    const s = sender()
    await s.send(message())
    spoil()
    expect(await s.send(message({ touser: 'o-after' }))).toEqual({ ok: true })
    expect(wx.tokenCount()).toBe(2)
    expect(wx.received.map((m) => m.touser)).toEqual(['o-resident-1', 'o-after'])
  })

  test('a token still refused after one refresh is a failure that passes, and no third token is asked for', async () => {
    const s = sender()
    wx.next.push({ errcode: 40001 }, { errcode: 40001 })
    expect(await s.send(message())).toMatchObject({ ok: false, code: '40001', verdict: 'retry' })
    expect(wx.tokenCount()).toBe(2)
  })

  test.each([
    [43101, 'final', /订阅次数已用完/],
    [47003, 'final', /模板参数不合规/],
    [40037, 'final', /模板编号无效/],
    [40003, 'final', /用户标识无效/],
    [41030, 'final', /跳转页面不存在/],
    [-1, 'retry', /busy/],
    [45009, 'retry', /limit/],
    [48001, 'final', /unauthorized/],
  ] as const)('errcode %i is %s, with the reason kept', async (errcode, verdict, reason) => {
    wx.next.push({ errcode, errmsg: errcode === -1 ? 'system busy' : errcode === 45009 ? 'reach max api daily quota limit' : 'api unauthorized' })
    const outcome = await sender().send(message())
    expect(outcome).toMatchObject({ ok: false, code: String(errcode), verdict })
    expect(!outcome.ok && outcome.message).toMatch(reason)
    expect(wx.received).toEqual([])
  })

  test('the stand-in holds messages to WeChat’s rules: a too-long thing and a page the app lacks are refused', async () => {
    const s = sender()
    expect(await s.send(message({ data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }))).toMatchObject({ code: '47003', verdict: 'final' })
    expect(await s.send(message({ page: 'pages/nowhere/index' }))).toMatchObject({ code: '41030', verdict: 'final' })
  })

  test('no answer in time is an unknown outcome, never retried, so the message cannot arrive twice', async () => {
    wx.next.push({ hangMs: 1500 })
    const started = Date.now()
    expect(await sender(300).send(message())).toMatchObject({ ok: false, code: 'TIMEOUT', verdict: 'unknown' })
    expect(Date.now() - started).toBeLessThan(1400)
  })

  test('a token request that gets no answer sent nothing: it is a failure that passes', async () => {
    const silent = http.createServer(() => undefined)
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
    try {
      const s = httpsSender({ appid: 'a', secret: 'b', base, log, timeoutMs: 300 })
      expect(await s.send(message())).toMatchObject({ ok: false, code: 'TIMEOUT', verdict: 'retry' })
    } finally {
      silent.closeAllConnections()
      await new Promise<void>((r) => silent.close(() => r()))
    }
  })

  test('a closed port and a wrong secret sent nothing: both pass once fixed, so they are retried', async () => {
    const closed = await startWeChatStandIn()
    const base = closed.base
    await closed.close()
    expect(await httpsSender({ appid: 'a', secret: 'b', base, log }).send(message())).toMatchObject({ ok: false, code: 'NETWORK', verdict: 'retry' })
    expect(await httpsSender({ appid: wx.appid, secret: 'wrong', base: wx.base, log }).send(message())).toMatchObject({ ok: false, code: '40125', verdict: 'retry' })
    expect(wx.received).toEqual([])
  })
})

describe('the cloud sender, at the edge of wx-server-sdk', () => {
  const openapi = (send: CloudOpenApi['subscribeMessage']['send']): (() => CloudOpenApi) => () => ({ subscribeMessage: { send } })

  test('calls subscribeMessage.send with the cloud’s own field names', async () => {
    const calls: unknown[] = []
    const s = cloudSender(
      openapi(async (p) => {
        calls.push(p)
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
      }),
    )
    expect(await s.send(message())).toEqual({ ok: true })
    expect(calls).toEqual([{ touser: 'o-resident-1', templateId: 'tmpl-appointment', page: message().page, data: message().data, miniprogramState: 'formal', lang: 'zh_CN' }])
  })

  test('a refusal thrown with its errCode is told apart as the HTTPS one is; an error without one is an unknown outcome', async () => {
    const refusing = cloudSender(openapi(async () => Promise.reject(Object.assign(new Error('errCode: 43101'), { errCode: 43101, errMsg: 'user refuse to accept the msg' }))))
    expect(await refusing.send(message())).toMatchObject({ ok: false, code: '43101', verdict: 'final' })
    const busy = cloudSender(openapi(async () => Promise.reject(Object.assign(new Error('system error'), { errCode: -1, errMsg: 'system error' }))))
    expect(await busy.send(message())).toMatchObject({ ok: false, code: '-1', verdict: 'retry' })
    const broken = cloudSender(openapi(async () => Promise.reject(new Error('ESOCKETTIMEDOUT'))))
    expect(await broken.send(message())).toMatchObject({ ok: false, code: 'TIMEOUT', verdict: 'unknown' })
  })
})
