import { z } from 'zod'
import { defineDomain, mutation, query } from '../../../common/contract'

export interface SessionOut {
  token: string
  expiresAt: string
}

export interface DemoUser {
  key: string
  name: string
  role: string
}

export const authActions = defineDomain('auth', {
  /** Mini-program sign-in: the code from wx.login, exchanged through code2Session. */
  signIn: mutation<SessionOut>()({
    input: z.object({ code: z.string({ error: '缺少登录凭证 code' }).min(1, '缺少登录凭证 code').max(128, '登录凭证 code 无效') }),
    access: 'public',
  }),
  /** Development and tests only: sign in as a seeded demo person, or as a brand-new person ('newcomer'). */
  devSignIn: mutation<SessionOut>()({
    input: z.object({ as: z.string({ error: '请选择演示账号' }).min(1, '请选择演示账号').max(40, '演示账号无效') }),
    access: 'public',
  }),
  demoUsers: query<DemoUser[]>()({ input: z.object({}), access: 'public' }),
  /** Ends this session, or with `everywhere` every session of the person (other phones, desk computers). */
  signOut: mutation<null>()({
    input: z.object({ everywhere: z.boolean({ error: '参数无效' }).default(false) }),
    access: 'user',
    beforeConsent: true,
  }),
})
