import { implement } from '../../core/context'
import { peopleActions } from './actions'
import * as people from './service'

export const peopleApi = implement(peopleActions, {
  search: (input, ctx) => people.search(ctx, input.q, input.role, input.page, input.pageSize),
  get: (input, ctx) => people.getPerson(ctx.db, input.userId),
  assign: (input, ctx) => people.assign(ctx, input),
  accessLog: (input, ctx) => people.accessLog(ctx, input.page, input.pageSize),
})
