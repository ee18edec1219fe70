// The one API client. Every call is typed from the domain's action table; every failure becomes an ApiError
// with a Chinese message; every call carries an idempotency key, so retrying it is always safe.
import Taro from '@tarojs/taro'
import { CLOUD_FUNCTION } from '@common/cloud'
import type { InputOf, OutputOf } from '@common/contract'
import { ERROR_MESSAGES, isErrorCode, type Envelope, type ErrorCode, type FieldErrors } from '@common/errors'
import type { modules } from '@server/features'

type Modules = typeof modules
export type Domain = keyof Modules
type Actions<D extends Domain> = Modules[D]['contract']['actions']
export type ActionName<D extends Domain> = keyof Actions<D> & string
export type In<D extends Domain, A extends ActionName<D>> = InputOf<Actions<D>[A]>
export type Out<D extends Domain, A extends ActionName<D>> = OutputOf<Actions<D>[A]>

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
    readonly status = 0,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** Worth another try: the request may not have reached the server, or the server hiccupped. */
  get transient(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT' || this.code === 'INTERNAL' || this.code === 'RATE_LIMITED'
  }
}

export interface CallOptions {
  /** Reuse a key to make a resubmission (a saved draft sent again) land only once. */
  idempotencyKey?: string
  /** Extra tries after the first, for transient failures. */
  retries?: number
}

interface Transport {
  send(domain: string, body: object, token: string | null): Promise<{ status: number; envelope: unknown }>
}

export const newKey = (): string =>
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`

const TIMEOUT_MS = 12_000

const httpTransport: Transport = {
  async send(domain, body, token) {
    const base = process.env.TARO_ENV === 'h5' ? '' : API_BASE_URL
    try {
      const res = await Taro.request({
        url: `${base}/api/${domain}`,
        method: 'POST',
        data: body,
        header: { 'content-type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        timeout: TIMEOUT_MS,
        dataType: 'json',
      })
      return { status: res.statusCode, envelope: res.data }
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? err)
      throw new ApiError(/timeout/i.test(msg) ? 'TIMEOUT' : 'NETWORK', ERROR_MESSAGES[/timeout/i.test(msg) ? 'TIMEOUT' : 'NETWORK'])
    }
  },
}

/**
 * On weapp with a cloud environment the same envelope goes to the one cloud function, with the domain beside it:
 * { domain, action, data, idempotencyKey }. One function for every domain, so the home page's calls share its
 * warm instances instead of each starting a function of its own.
 */
const cloudTransport: Transport = {
  async send(domain, body) {
    try {
      const res = await Taro.cloud.callFunction({ name: CLOUD_FUNCTION, data: { domain, ...body } })
      const envelope = (res as { result?: unknown }).result
      return { status: 200, envelope }
    } catch {
      throw new ApiError('NETWORK', ERROR_MESSAGES.NETWORK)
    }
  },
}

let cloudReady = false
function transport(): Transport {
  if (process.env.TARO_ENV === 'weapp' && CLOUD_ENV) {
    if (!cloudReady) {
      Taro.cloud.init({ env: CLOUD_ENV })
      cloudReady = true
    }
    return cloudTransport
  }
  return httpTransport
}

export function toApiError(status: number, envelope: unknown): ApiError {
  const e = (envelope as { error?: { code?: unknown; message?: unknown; fields?: FieldErrors } } | null)?.error
  if (e && isErrorCode(e.code)) {
    return new ApiError(e.code, typeof e.message === 'string' && e.message ? e.message : ERROR_MESSAGES[e.code], e.fields ?? {}, status)
  }
  if (status === 429) return new ApiError('RATE_LIMITED', ERROR_MESSAGES.RATE_LIMITED, {}, status)
  return new ApiError('INTERNAL', ERROR_MESSAGES.INTERNAL, {}, status)
}

type TokenSource = { get(): string | null; onRejected(code: ErrorCode): Promise<boolean> }
let tokens: TokenSource = { get: () => null, onRejected: async () => false }

/** The session store plugs in here; it can re-sign-in when the server says the session is gone. */
export function setTokenSource(source: TokenSource) {
  tokens = source
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function call<D extends Domain, A extends ActionName<D>>(
  domain: D,
  action: A,
  data?: In<D, A>,
  opts: CallOptions = {},
): Promise<Out<D, A>> {
  const body = { action, data: data ?? {}, idempotencyKey: opts.idempotencyKey ?? newKey() }
  const retries = opts.retries ?? 2
  let reauthed = false
  for (let attempt = 0; ; attempt++) {
    try {
      const { status, envelope } = await transport().send(domain, body, tokens.get())
      const env = envelope as Envelope<Out<D, A>> | null
      if (env && typeof env === 'object' && env.ok === true) return env.data
      throw toApiError(status, envelope)
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('INTERNAL', ERROR_MESSAGES.INTERNAL)
      if ((e.code === 'SESSION_EXPIRED' || e.code === 'UNAUTHENTICATED' || e.code === 'CONSENT_REQUIRED') && !reauthed) {
        reauthed = true
        if (await tokens.onRejected(e.code)) continue
      }
      if (e.transient && attempt < retries) {
        await sleep(e.code === 'RATE_LIMITED' ? 1500 : 400 * 2 ** attempt)
        continue
      }
      throw e
    }
  }
}

/** Message for a toast from anything thrown. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return ERROR_MESSAGES.INTERNAL
}
