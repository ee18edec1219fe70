// Both checkers at WeChat's edge: HTTPS against the local stand-in (the body WeChat documents, verdicts, refusals
// and silence), the cloud one at the edge of wx-server-sdk (its camelCase answers and thrown errCodes).
import pino from 'pino'
import { startWeChatStandIn, type WeChatStandIn } from '../../testing/wechat-stand-in'
import { cloudChecker, httpsChecker, labelName, type CloudSecurityApi } from './checker'
import { mediaVerdictOf } from './push'

const log = pino({ level: 'silent' })

describe('the HTTPS checker against a stand-in of WeChat', () => {
  let wx: WeChatStandIn
  beforeAll(async () => {
    wx = await startWeChatStandIn()
  })
  afterAll(() => wx.close())
  const checker = (timeoutMs = 1500) => httpsChecker({ appid: wx.appid, secret: wx.secret, base: wx.base, log, timeoutMs })

  test('asks version 2 with the openid and scene, and reads the verdict and label', async () => {
    const c = checker()
    expect(await c.text({ openid: 'o-1', scene: 'comment', content: '谢谢网格员' })).toMatchObject({ verdict: 'pass', label: 100 })
    expect(await c.text({ openid: 'o-1', scene: 'forum', content: '违禁样例' })).toMatchObject({ verdict: 'risky', label: 20006 })
    expect(await c.text({ openid: 'o-1', scene: 'profile', content: '可疑样例' })).toMatchObject({ verdict: 'review', label: 21000 })
    const bodies = wx.requests.filter((r) => r.path === '/wxa/msg_sec_check').map((r) => r.body)
    expect(bodies[0]).toEqual({ content: '谢谢网格员', version: 2, scene: 2, openid: 'o-1' })
    expect(bodies.map((b) => (b as { scene: number }).scene)).toEqual([2, 3, 1])
    // One token for all of them.
    expect(wx.tokenCount()).toBe(1)
  })

  test('a text longer than WeChat takes is cut to 2,500 characters, not refused', async () => {
    expect(await checker().text({ openid: 'o-1', scene: 'forum', content: '长'.repeat(2600) })).toMatchObject({ verdict: 'pass' })
    expect([...(wx.texts.at(-1)!.content)].length).toBe(2500)
  })

  test('a refusal, a silence and an author WeChat has not seen lately are unchecked, with the reason', async () => {
    wx.next.push({ errcode: 61010, errmsg: 'user access record expired' })
    expect(await checker().text({ openid: 'o-2', scene: 'comment', content: '好' })).toEqual({ verdict: 'unchecked', code: '61010', message: 'user access record expired' })
    wx.next.push({ hangMs: 1000 })
    expect(await checker(300).text({ openid: 'o-2', scene: 'comment', content: '好' })).toMatchObject({ verdict: 'unchecked', code: 'TIMEOUT' })
  })

  test('a photo is handed over with its address and gets a trace id; a refusal says whether to try again', async () => {
    const res = await checker().media({ openid: 'o-3', scene: 'comment', url: 'http://127.0.0.1:9/none.jpg' })
    expect(res).toEqual({ ok: true, traceId: expect.stringMatching(/^media-/) })
    expect(wx.requests.at(-1)!.body).toEqual({ media_url: 'http://127.0.0.1:9/none.jpg', media_type: 2, version: 2, scene: 2, openid: 'o-3' })
    wx.next.push({ errcode: -1, errmsg: 'system error' })
    expect(await checker().media({ openid: 'o-3', scene: 'comment', url: 'http://127.0.0.1:9/x.jpg' })).toMatchObject({ ok: false, code: '-1', verdict: 'retry' })
    wx.next.push({ errcode: 40003, errmsg: 'invalid openid' })
    expect(await checker().media({ openid: 'o-3', scene: 'comment', url: 'http://127.0.0.1:9/x.jpg' })).toMatchObject({ ok: false, code: '40003', verdict: 'final' })
  })
})

describe('the cloud checker at the edge of wx-server-sdk', () => {
  const openapi = (security: Partial<CloudSecurityApi['security']>) => () => ({ security: security as CloudSecurityApi['security'] })

  test('reads camelCase answers and thrown errCodes', async () => {
    const calls: unknown[] = []
    const c = cloudChecker(
      openapi({
        msgSecCheck: async (p) => {
          calls.push(p)
          return { errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'risky', label: 20003 }, traceId: 't-1' }
        },
        mediaCheckAsync: async (p) => {
          calls.push(p)
          return { errCode: 0, errMsg: 'ok', traceId: 'm-1' }
        },
      }),
    )
    expect(await c.text({ openid: 'o', scene: 'comment', content: '骂人' })).toEqual({ verdict: 'risky', label: 20003, traceId: 't-1' })
    expect(await c.media({ openid: 'o', scene: 'forum', url: 'https://x/1.jpg' })).toEqual({ ok: true, traceId: 'm-1' })
    expect(calls).toEqual([
      { openid: 'o', scene: 2, version: 2, content: '骂人' },
      { mediaUrl: 'https://x/1.jpg', mediaType: 2, version: 2, scene: 3, openid: 'o' },
    ])
    const refusing = cloudChecker(openapi({ msgSecCheck: async () => Promise.reject(Object.assign(new Error('errCode: 61010'), { errCode: 61010, errMsg: 'user access record expired' })) }))
    expect(await refusing.text({ openid: 'o', scene: 'comment', content: '好' })).toEqual({ verdict: 'unchecked', code: '61010', message: 'user access record expired' })
    const broken = cloudChecker(openapi({ mediaCheckAsync: async () => Promise.reject(new Error('ESOCKETTIMEDOUT')) }))
    expect(await broken.media({ openid: 'o', scene: 'forum', url: 'https://x/1.jpg' })).toMatchObject({ ok: false, code: 'CLOUD', verdict: 'retry' })
  })
})

test('a push is a photo verdict only when it says so; a check WeChat could not finish goes to staff', () => {
  expect(mediaVerdictOf({ Event: 'wxa_media_check', trace_id: 'a', errcode: 0, result: { suggest: 'pass', label: 100 } })).toEqual({ traceId: 'a', suggest: 'pass', label: 100 })
  expect(mediaVerdictOf({ Event: 'wxa_media_check', trace_id: 'a', errcode: 87014, result: {} })).toEqual({ traceId: 'a', suggest: 'review', label: null })
  expect(mediaVerdictOf({ Event: 'user_enter_tempsession', trace_id: 'a' })).toBeNull()
  expect(mediaVerdictOf({ Event: 'wxa_media_check' })).toBeNull()
  expect(mediaVerdictOf('text')).toBeNull()
  expect([labelName(20002), labelName(99999), labelName(null)]).toEqual(['色情', '其他', '其他'])
})
