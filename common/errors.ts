// Error codes shared by server and client. The Chinese text is what a person reads; keep it short and
// actionable. One dictionary: services throw a code, the edge (server) or the API client picks the text.

export const ERROR_STATUS = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CONSENT_REQUIRED: 403,
  DEV_SIGNIN_DISABLED: 403,
  NOT_FOUND: 404,
  UNKNOWN_ACTION: 404,
  CONFLICT: 409,
  ALREADY_REGISTERED: 409,
  IN_PROGRESS: 409,
  RATE_LIMITED: 429,
  WECHAT_LOGIN_FAILED: 502,
  INTERNAL: 500,
  // client-side only
  NETWORK: 0,
  TIMEOUT: 0,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_INPUT: '填写的内容有误，请检查后再提交',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  CONSENT_REQUIRED: '请先阅读并同意隐私保护指引',
  DEV_SIGNIN_DISABLED: '正式环境不支持演示账号登录',
  NOT_FOUND: '没有找到相关内容，可能已被删除',
  UNKNOWN_ACTION: '不支持的操作',
  CONFLICT: '内容已被他人修改，请刷新后重试',
  ALREADY_REGISTERED: '您已登记过住户信息',
  IN_PROGRESS: '上一次提交正在处理，请稍候',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  WECHAT_LOGIN_FAILED: '微信登录失败，请稍后重试',
  INTERNAL: '服务暂时出了点问题，请稍后再试',
  NETWORK: '网络不给力，请检查网络后重试',
  TIMEOUT: '请求超时，请稍后重试',
}

export type FieldErrors = Record<string, string>

export interface ErrorBody {
  code: ErrorCode
  message: string
  fields?: FieldErrors
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, code)
}
