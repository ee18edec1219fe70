import { randomBytes } from 'node:crypto'
import { AppError } from '../../core/errors'
import type { Ctx, Services } from '../../core/context'
import { findOrCreateUser, hashToken } from './identity'
import { DEMO_OPENID_PREFIX, DEMO_PEOPLE } from '../../db/seed'
import type { DemoUser, SessionOut } from './actions'
import * as repo from './repo'
import { sweepIdempotencyKeys } from '../../core/idempotency'

export async function issueSession(services: Services, userId: number): Promise<SessionOut> {
  const { db, clock, config } = services
  const token = randomBytes(32).toString('base64url')
  const now = clock()
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_DAYS * 86_400_000).toISOString()
  await repo.insertSession(db, { tokenHash: hashToken(token), userId, createdAt: now.toISOString(), expiresAt })
  // Expired sessions of this person are cleared as new ones are issued, so the table does not grow forever.
  await repo.deleteExpiredOf(db, userId, now.toISOString())
  return { token, expiresAt }
}

interface Code2SessionAnswer {
  openid?: string
  session_key?: string
  errcode?: number
  errmsg?: string
}

/** What a person is told when WeChat refuses the sign-in, by WeChat's errcode; others get the general message. */
export const CODE2SESSION_MESSAGES: Record<number, string> = {
  40029: '登录凭证已失效，请重新进入小程序',
  40163: '登录凭证已使用过，请重新进入小程序',
  40226: '微信判断该账号存在风险，暂不能登录。请在微信中完成安全验证后再试，或到社区服务窗口办理',
  45011: '登录太频繁，请稍等一分钟再试',
}

/** wx.login code → openid through WeChat's code2Session endpoint (base URL configurable for tests). */
export async function code2Session(services: Services, code: string): Promise<string> {
  const { config, log } = services
  if (!config.WECHAT_APPID || !config.WECHAT_SECRET) {
    throw new AppError('WECHAT_LOGIN_FAILED', '服务器未配置微信小程序 AppID，暂不能微信登录')
  }
  const url = new URL('/sns/jscode2session', config.WECHAT_API_BASE)
  url.search = new URLSearchParams({
    appid: config.WECHAT_APPID,
    secret: config.WECHAT_SECRET,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString()
  let answer: Code2SessionAnswer
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
    answer = (await res.json()) as Code2SessionAnswer
  } catch (err) {
    log.warn({ err }, 'code2Session unreachable')
    throw new AppError('WECHAT_LOGIN_FAILED')
  }
  if (!answer.openid || answer.errcode) {
    log.warn({ errcode: answer.errcode, errmsg: answer.errmsg }, 'code2Session refused')
    throw new AppError('WECHAT_LOGIN_FAILED', CODE2SESSION_MESSAGES[answer.errcode ?? 0])
  }
  return answer.openid
}

export async function signInWithCode(services: Services, code: string): Promise<SessionOut> {
  const openid = await code2Session(services, code)
  return issueSession(services, await findOrCreateUser(services, openid))
}

/** Demo sign-in: only where demo accounts are switched on, and only from this machine (never over a network). */
export function assertDemoAllowed(ctx: Pick<Ctx, 'config' | 'client'>) {
  if (ctx.config.production || !ctx.config.demo) throw new AppError('DEV_SIGNIN_DISABLED')
  if (ctx.client && !isLoopback(ctx.client.address)) throw new AppError('DEV_SIGNIN_DISABLED')
}

export const isLoopback = (address: string) => address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address)

export async function devSignIn(services: Ctx, as: string): Promise<SessionOut> {
  assertDemoAllowed(services)
  let openid: string
  if (as === 'newcomer') {
    openid = `${DEMO_OPENID_PREFIX}newcomer:${randomBytes(6).toString('hex')}`
  } else if (DEMO_PEOPLE.some((p) => p.key === as)) {
    openid = `${DEMO_OPENID_PREFIX}${as}`
  } else {
    throw new AppError('BAD_INPUT', '没有这个演示账号', { as: '没有这个演示账号' })
  }
  return issueSession(services, await findOrCreateUser(services, openid))
}

export function demoUsers(services: Ctx): DemoUser[] {
  assertDemoAllowed(services)
  return DEMO_PEOPLE.map((p) => ({ key: p.key, name: p.name, role: p.label }))
}

export async function signOut({ db }: Services, userId: number, token: string | undefined) {
  if (token) await repo.deleteByTokenHash(db, hashToken(token))
  else await repo.deleteAllOf(db, userId)
}

/** What the auth sweep clears: sessions past their expiry and idempotency keys past their day. */
export async function sweepAuth(services: Services): Promise<{ sessions: number; keys: number }> {
  const sessions = await repo.deleteExpired(services.db, services.clock().toISOString())
  return { sessions, keys: await sweepIdempotencyKeys(services) }
}
