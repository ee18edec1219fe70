// Subscribe messages over WeChat's HTTPS API, for a self-hosted server: an access token from
// /cgi-bin/stable_token (the same token for every server sharing the AppID, so replicas do not push each other's
// out), kept until shortly before it expires, fetched again once when WeChat says it is invalid or expired
// (40001, 42001), and /cgi-bin/message/subscribe/send with it.
import type { Logger } from 'pino'
import { outcomeOf, type SendFailure, type Sender, type SubscribeMessage } from './sender'

export interface HttpsSenderOptions {
  appid: string
  secret: string
  /** https://api.weixin.qq.com, or a stand-in in tests. */
  base: string
  log: Logger
  /** How long to wait for an answer before giving up (ms). */
  timeoutMs?: number
  now?: () => number
}

/** A token is fetched again this long before WeChat's expiry, so none is used in its last moments. */
export const TOKEN_MARGIN_MS = 5 * 60_000

interface TokenAnswer {
  access_token?: string
  expires_in?: number
  errcode?: number
  errmsg?: string
}

const TOKEN_ERRORS = new Set([40001, 42001, 40014])

export function httpsSender(opts: HttpsSenderOptions): Sender {
  const now = opts.now ?? Date.now
  const timeoutMs = opts.timeoutMs ?? 5000
  let token: { value: string; until: number } | null = null
  // Calls at once share one fetch.
  let fetching: Promise<string | SendFailure> | null = null

  async function post(path: string, body: unknown): Promise<{ json: Record<string, unknown> } | SendFailure> {
    let res: Response
    try {
      res = await fetch(new URL(path, opts.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } }
      if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, code: 'TIMEOUT', message: `微信接口 ${timeoutMs} 毫秒未应答`, verdict: 'unknown' }
      // Refused or unreachable before anything was sent.
      return { ok: false, code: 'NETWORK', message: `无法连接微信接口（${e.cause?.code ?? e.message}）`, verdict: 'retry' }
    }
    let json: Record<string, unknown>
    try {
      json = (await res.json()) as Record<string, unknown>
    } catch {
      return { ok: false, code: `HTTP_${res.status}`, message: `微信接口应答无法解析（HTTP ${res.status}）`, verdict: res.status >= 500 ? 'retry' : 'unknown' }
    }
    return { json }
  }

  async function fetchToken(): Promise<string | SendFailure> {
    const answer = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: opts.appid, secret: opts.secret, force_refresh: false })
    if ('ok' in answer) return answer.verdict === 'unknown' ? { ...answer, verdict: 'retry' } : answer
    const t = answer.json as TokenAnswer
    if (!t.access_token || t.errcode) {
      opts.log.error({ errcode: t.errcode, errmsg: t.errmsg }, 'WeChat access token refused')
      const refused = outcomeOf(t.errcode ?? -1, t.errmsg)
      // Nothing was sent without a token: always worth another attempt once the setting is fixed.
      return refused.ok ? { ok: false, code: '-1', message: '未取得微信接口凭证', verdict: 'retry' } : { ...refused, verdict: 'retry' }
    }
    const lifeMs = Math.max(0, (t.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS)
    token = { value: t.access_token, until: now() + lifeMs }
    return t.access_token
  }

  async function currentToken(): Promise<string | SendFailure> {
    if (token && now() < token.until) return token.value
    fetching ??= fetchToken().finally(() => {
      fetching = null
    })
    return fetching
  }

  async function sendWith(accessToken: string, m: SubscribeMessage) {
    return post(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`, {
      touser: m.touser,
      template_id: m.templateId,
      page: m.page,
      data: m.data,
      miniprogram_state: m.miniprogramState,
      lang: 'zh_CN',
    })
  }

  return {
    name: 'https',
    async send(m) {
      for (let attempt = 0; ; attempt++) {
        const t = await currentToken()
        if (typeof t !== 'string') return t
        const answer = await sendWith(t, m)
        if ('ok' in answer) return answer
        const errcode = Number(answer.json.errcode ?? 0)
        if (TOKEN_ERRORS.has(errcode) && attempt === 0) {
          // Expired or replaced before its time: fetch it again, once.
          if (token?.value === t) token = null
          continue
        }
        return outcomeOf(errcode, answer.json.errmsg as string | undefined)
      }
    },
  }
}
