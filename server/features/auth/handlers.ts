import { implement } from '../../core/context'
import { authActions } from './actions'
import * as auth from './service'

export const authApi = implement(authActions, {
  signIn: (input, ctx) => auth.signInWithCode(ctx, input.code),
  devSignIn: (input, ctx) => auth.devSignIn(ctx, input.as),
  demoUsers: async (_input, ctx) => auth.demoUsers(ctx),
  signOut: async (input, ctx) => {
    await auth.signOut(ctx, ctx.actor.userId, !input.everywhere && ctx.identity?.kind === 'session' ? ctx.identity.token : undefined)
    return null
  },
})
