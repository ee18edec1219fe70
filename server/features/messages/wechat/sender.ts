// One interface for sending a subscribe message, two ways to reach WeChat: the cloud function's openapi
// (cloud.ts) and the HTTPS API with an access token (https.ts). Both answer the same outcome, so the dispatcher
// decides retries and give-ups in one place.
import type { ApiFailure } from '../../../core/wechat/api'

export interface SubscribeMessage {
  /** The person's openid. */
  touser: string
  templateId: string
  /** The page the message opens, without a leading slash: features/appointments/pages/detail/index?id=3 */
  page: string
  data: Record<string, { value: string }>
  miniprogramState: 'formal' | 'trial' | 'developer'
}

/**
 * For a subscribe message, `unknown` means it may have been sent (the answer never came), so it is not tried
 * again and cannot arrive twice.
 */
export type SendOutcome = { ok: true } | ApiFailure

export type SendFailure = ApiFailure

export interface Sender {
  readonly name: 'cloud' | 'https'
  send(message: SubscribeMessage): Promise<SendOutcome>
}

/** Refusals that another attempt will not change: the reason is kept on the row and the message given up. */
export const PERMANENT: Record<number, string> = {
  43101: '用户拒绝接收或订阅次数已用完',
  47003: '模板参数不合规',
  40037: '模板编号无效',
  40003: '用户标识无效',
  41030: '跳转页面不存在',
}

/**
 * Refusals that say nothing was sent and that pass: WeChat busy (-1), a daily or per-minute limit (45009, 45011),
 * an access token that stayed invalid after one refresh (40001, 42001), the server's address not yet allowed
 * (40164) or the credentials wrong (40013, 40125), which an operator fixes.
 */
const TRANSIENT = new Set([-1, 45009, 45011, 40001, 42001, 40014, 40164, 40013, 40125])

/** The outcome of WeChat's answer { errcode, errmsg }. An errcode WeChat never documented here counts as final. */
export function outcomeOf(errcode: number | undefined, errmsg: string | undefined): SendOutcome {
  if (!errcode) return { ok: true }
  const message = PERMANENT[errcode] ?? errmsg ?? `errcode ${errcode}`
  return { ok: false, code: String(errcode), message: errmsg && PERMANENT[errcode] ? `${message}（${errmsg}）` : message, verdict: TRANSIENT.has(errcode) ? 'retry' : 'final' }
}

/** Drops the leading slash WeChat does not want in `page`. */
export const pageOf = (link: string) => link.replace(/^\/+/, '')
