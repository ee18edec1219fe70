// WeChat's HTTPS API for a self-hosted server, shared by everything that calls it (subscribe messages, content
// security): one access token from /cgi-bin/stable_token (the same token for every server sharing the AppID, so
// replicas do not push each other's out), kept until shortly before it expires, fetched again once when WeChat
// says it is invalid or expired (40001, 42001, 40014); calls at once share one fetch.
import type { Logger } from 'pino'

export interface WeChatApiOptions {
  appid: string
  secret: string
  /** https://api.weixin.qq.com, or a stand-in in tests. */
  base: string
  log: Logger
  /** How long to wait for an answer before giving up (ms). */
  timeoutMs?: number
  now?: () => number
}

/** A call that did not get WeChat's word: why, and whether it may have been carried out. */
export interface ApiFailure {
  ok: false
  /** WeChat's errcode, or TIMEOUT / NETWORK / HTTP_<status> when no errcode came back. */
  code: string
  message: string
  /**
   * retry: nothing was done and a later attempt may succeed; final: WeChat refused it for good;
   * unknown: it may have been done (the answer never came).
   */
  verdict: 'retry' | 'final' | 'unknown'
}

export interface WeChatApi {
  /** POSTs `body` to `path` with the access token; WeChat's JSON answer (errcode included), or why there is none. */
  call(path: string, body: unknown): Promise<{ ok: true; json: Record<string, unknown> } | ApiFailure>
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

export function wechatApi(opts: WeChatApiOptions): WeChatApi {
  const now = opts.now ?? Date.now
  const timeoutMs = opts.timeoutMs ?? 5000
  let token: { value: string; until: number } | null = null
  let fetching: Promise<string | ApiFailure> | null = null

  async function post(path: string, body: unknown): Promise<{ ok: true; json: Record<string, unknown> } | ApiFailure> {
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
    try {
      return { ok: true, json: (await res.json()) as Record<string, unknown> }
    } catch {
      return { ok: false, code: `HTTP_${res.status}`, message: `微信接口应答无法解析（HTTP ${res.status}）`, verdict: res.status >= 500 ? 'retry' : 'unknown' }
    }
  }

  async function fetchToken(): Promise<string | ApiFailure> {
    const answer = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: opts.appid, secret: opts.secret, force_refresh: false })
    // Nothing was done without a token: always worth another attempt (once a wrong setting is fixed).
    if (!answer.ok) return { ...answer, verdict: 'retry' }
    const t = answer.json as TokenAnswer
    if (!t.access_token || t.errcode) {
      opts.log.error({ errcode: t.errcode, errmsg: t.errmsg }, 'WeChat access token refused')
      return { ok: false, code: String(t.errcode ?? -1), message: t.errmsg ? `未取得微信接口凭证（${t.errmsg}）` : '未取得微信接口凭证', verdict: 'retry' }
    }
    const lifeMs = Math.max(0, (t.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS)
    token = { value: t.access_token, until: now() + lifeMs }
    return t.access_token
  }

  async function currentToken(): Promise<string | ApiFailure> {
    if (token && now() < token.until) return token.value
    fetching ??= fetchToken().finally(() => {
      fetching = null
    })
    return fetching
  }

  return {
    async call(path, body) {
      for (let attempt = 0; ; attempt++) {
        const t = await currentToken()
        if (typeof t !== 'string') return t
        const answer = await post(`${path}?access_token=${encodeURIComponent(t)}`, body)
        if (answer.ok && TOKEN_ERRORS.has(Number(answer.json.errcode ?? 0)) && attempt === 0) {
          // Expired or replaced before its time: fetch it again, once.
          if (token?.value === t) token = null
          continue
        }
        return answer
      }
    },
  }
}
