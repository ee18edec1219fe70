// WeChat's content security, two ways to reach it like subscribe messages: the HTTPS API with the shared access
// token (server/core/wechat/api.ts) and the cloud function's openapi, authorised by config.json. Text is checked
// at once (msgSecCheck v2); a photo is handed over (mediaCheckAsync v2) and WeChat pushes its verdict later.
import type { ContentScene } from '../../../common/contract'
import { wechatApi, type ApiFailure, type WeChatApi, type WeChatApiOptions } from '../../core/wechat/api'

/** WeChat's scene numbers. */
export const SCENES: Record<ContentScene, number> = { profile: 1, comment: 2, forum: 3, log: 4 }

/** What WeChat's labels mean, in the words a person is told. */
export const LABELS: Record<number, string> = {
  100: '正常',
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
}

export const labelName = (label: number | null | undefined) => (label == null ? '其他' : LABELS[label] ?? '其他')

export type Suggest = 'pass' | 'review' | 'risky'

/** WeChat's word on a text, or why there is none (unchecked). */
export type TextVerdict = { verdict: Suggest; label: number; traceId: string | null } | { verdict: 'unchecked'; code: string; message: string }

export interface TextCheck {
  openid: string
  scene: ContentScene
  content: string
}

export interface MediaCheck {
  openid: string
  scene: ContentScene
  /** Where WeChat fetches the image: an address reachable from the internet. */
  url: string
}

export interface ContentChecker {
  readonly name: 'cloud' | 'https'
  text(check: TextCheck): Promise<TextVerdict>
  /** Hands a photo over; the verdict arrives later under the trace id (push.ts). */
  media(check: MediaCheck): Promise<{ ok: true; traceId: string } | ApiFailure>
}

/** WeChat checks at most this many characters at once. */
export const MAX_TEXT = 2500

function verdictOf(answer: Record<string, unknown>): TextVerdict {
  const code = Number(answer.errcode ?? answer.errCode ?? 0)
  if (code) return { verdict: 'unchecked', code: String(code), message: String(answer.errmsg ?? answer.errMsg ?? `errcode ${code}`) }
  const result = (answer.result ?? {}) as { suggest?: unknown; label?: unknown }
  const suggest = result.suggest === 'risky' || result.suggest === 'review' || result.suggest === 'pass' ? result.suggest : null
  if (!suggest) return { verdict: 'unchecked', code: 'NO_RESULT', message: '微信未给出检测结果' }
  const trace = answer.trace_id ?? answer.traceId
  return { verdict: suggest, label: Number(result.label ?? 100), traceId: typeof trace === 'string' ? trace : null }
}

function traceOf(answer: Record<string, unknown>): { ok: true; traceId: string } | ApiFailure {
  const code = Number(answer.errcode ?? answer.errCode ?? 0)
  const trace = answer.trace_id ?? answer.traceId
  if (code) return { ok: false, code: String(code), message: String(answer.errmsg ?? answer.errMsg ?? `errcode ${code}`), verdict: code === -1 || code === 45009 ? 'retry' : 'final' }
  if (typeof trace !== 'string' || !trace) return { ok: false, code: 'NO_TRACE', message: '微信未给出检测编号', verdict: 'retry' }
  return { ok: true, traceId: trace }
}

export function httpsChecker(api: WeChatApi | WeChatApiOptions): ContentChecker {
  const wechat = 'call' in api ? api : wechatApi(api)
  return {
    name: 'https',
    async text(c) {
      const answer = await wechat.call('/wxa/msg_sec_check', { content: c.content.slice(0, MAX_TEXT), version: 2, scene: SCENES[c.scene], openid: c.openid })
      return answer.ok ? verdictOf(answer.json) : { verdict: 'unchecked', code: answer.code, message: answer.message }
    },
    async media(c) {
      const answer = await wechat.call('/wxa/media_check_async', { media_url: c.url, media_type: 2, version: 2, scene: SCENES[c.scene], openid: c.openid })
      return answer.ok ? traceOf(answer.json) : answer
    },
  }
}

/** The part of wx-server-sdk the checker uses. */
export interface CloudSecurityApi {
  security: {
    msgSecCheck(params: { openid: string; scene: number; version: number; content: string }): Promise<Record<string, unknown>>
    mediaCheckAsync(params: { mediaUrl: string; mediaType: number; version: number; scene: number; openid: string }): Promise<Record<string, unknown>>
  }
}

/** wx-server-sdk throws an error carrying errCode when WeChat refuses; anything else broke the call itself. */
function cloudError(err: unknown): ApiFailure {
  const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown }
  if (typeof e.errCode === 'number' && e.errCode !== 0) return { ok: false, code: String(e.errCode), message: String(e.errMsg ?? e.message ?? ''), verdict: e.errCode === -1 ? 'retry' : 'final' }
  return { ok: false, code: 'CLOUD', message: `云调用失败：${String(e.message ?? err)}`, verdict: 'retry' }
}

export function cloudChecker(openapi: () => CloudSecurityApi): ContentChecker {
  return {
    name: 'cloud',
    async text(c) {
      try {
        return verdictOf(await openapi().security.msgSecCheck({ openid: c.openid, scene: SCENES[c.scene], version: 2, content: c.content.slice(0, MAX_TEXT) }))
      } catch (err) {
        const f = cloudError(err)
        return { verdict: 'unchecked', code: f.code, message: f.message }
      }
    },
    async media(c) {
      try {
        return traceOf(await openapi().security.mediaCheckAsync({ mediaUrl: c.url, mediaType: 2, version: 2, scene: SCENES[c.scene], openid: c.openid }))
      } catch (err) {
        return cloudError(err)
      }
    },
  }
}
