import { implement } from '../../core/context'
import { accountActions } from './actions'
import * as companions from './companions'
import * as account from './service'

export const accountApi = implement(accountActions, {
  me: (_input, ctx) => account.getMe(ctx, ctx.actor.userId),
  consent: (input, ctx) => account.consent(ctx, input.version),
  register: (input, ctx) => account.saveProfile(ctx, input, 'register'),
  updateProfile: (input, ctx) => account.saveProfile(ctx, input, 'update'),
  setElderMode: (input, ctx) => account.setElderMode(ctx, input.enabled),
  setBirthYear: (input, ctx) => account.setBirthYear(ctx, input.birthYear),
  myGrid: (_input, ctx) => account.myGrid(ctx),
  companions: (_input, ctx) => companions.companionsOf(ctx.db, ctx.actor.userId),
  saveCompanion: (input, ctx) => companions.saveCompanion(ctx, input),
  removeCompanion: (input, ctx) => companions.removeCompanion(ctx, input.id),
  exportData: (_input, ctx) => account.exportData(ctx),
  deleteAccount: (_input, ctx) => account.deleteAccount(ctx),
})
