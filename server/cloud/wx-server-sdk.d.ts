// wx-server-sdk ships without type declarations. Only what the cloud adapter uses is declared here.
declare module 'wx-server-sdk' {
  interface WXContext {
    OPENID?: string | number
    APPID?: string | number
    UNIONID?: string | number
    ENV?: string
    SOURCE?: string
    [key: string]: unknown
  }

  interface WxCloud {
    /** The environment the function itself runs in; resolved by the platform at call time. */
    readonly DYNAMIC_CURRENT_ENV: unknown
    init(config?: { env?: unknown; traceUser?: boolean; throwOnNotFound?: boolean }): void
    /** Read from the WX_CONTEXT_KEYS environment variables the platform sets for each invocation. */
    getWXContext(): WXContext
    /** Cloud calls of WeChat's server APIs, allowed by the function's config.json permissions. */
    readonly openapi: {
      subscribeMessage: {
        send(params: { touser: string; templateId: string; page: string; data: Record<string, { value: string }>; miniprogramState: string; lang: string }): Promise<{ errCode?: number; errMsg?: string }>
      }
      security: {
        msgSecCheck(params: { openid: string; scene: number; version: number; content: string }): Promise<Record<string, unknown>>
        mediaCheckAsync(params: { mediaUrl: string; mediaType: number; version: number; scene: number; openid: string }): Promise<Record<string, unknown>>
      }
    }
  }

  const cloud: WxCloud
  export = cloud
}
