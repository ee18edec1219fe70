// Subscribe messages from a cloud function: cloud.openapi.subscribeMessage.send, which WeChat authorises by the
// function's config.json (permissions.openapi lists subscribeMessage.send), with no token of ours. WeChat
// answers { errCode, errMsg } and throws an error carrying errCode when it refuses.
import { outcomeOf, type Sender } from './sender'

/** The part of wx-server-sdk this sender uses. */
export interface CloudOpenApi {
  subscribeMessage: {
    send(params: {
      touser: string
      templateId: string
      page: string
      data: Record<string, { value: string }>
      miniprogramState: string
      lang: string
    }): Promise<{ errCode?: number; errMsg?: string }>
  }
}

export function cloudSender(openapi: () => CloudOpenApi): Sender {
  return {
    name: 'cloud',
    async send(m) {
      try {
        const res = await openapi().subscribeMessage.send({
          touser: m.touser,
          templateId: m.templateId,
          page: m.page,
          data: m.data,
          miniprogramState: m.miniprogramState,
          lang: 'zh_CN',
        })
        return outcomeOf(res?.errCode, res?.errMsg)
      } catch (err) {
        const e = err as { errCode?: unknown; errMsg?: unknown; message?: unknown; code?: unknown }
        if (typeof e.errCode === 'number' && e.errCode !== 0) return outcomeOf(e.errCode, String(e.errMsg ?? e.message ?? ''))
        // No errCode: the call itself broke (a timeout inside the platform), so whether it went out is unknown.
        const timedOut = /timeout|timed out|ESOCKETTIMEDOUT|ETIMEDOUT/i.test(String(e.message ?? e.code ?? ''))
        return { ok: false, code: timedOut ? 'TIMEOUT' : 'CLOUD', message: `云调用失败：${String(e.message ?? err)}`, verdict: 'unknown' }
      }
    },
  }
}
