import { implement } from '../../core/context'
import { appointmentsActions } from './actions'
import * as appointments from './service'

export const appointmentsModule = implement(appointmentsActions, {
  services: (_input, ctx) => appointments.services(ctx),
  days: (input, ctx) => appointments.days(ctx, input.serviceId, input.forResidentId),
  slots: (input, ctx) => appointments.slots(ctx, input.serviceId, input.day),
  book: (input, ctx) => appointments.book(ctx, input),
  mine: (input, ctx) => appointments.mine(ctx, input.page, input.pageSize),
  get: (input, ctx) => appointments.get(ctx, input.id),
  cancel: (input, ctx) => appointments.cancel(ctx, input.id, input.reason),
  reschedule: (input, ctx) => appointments.reschedule(ctx, input.id, input.start),

  gridResidents: (input, ctx) => appointments.gridResidents(ctx, input.q),
  madeByMe: (input, ctx) => appointments.madeByMe(ctx, input.page, input.pageSize),

  desk: (input, ctx) => appointments.desk(ctx, input.serviceId, input.day),
  byCode: (input, ctx) => appointments.byCode(ctx, input.code),
  checkIn: (input, ctx) => appointments.checkIn(ctx, input.code),
  finish: (input, ctx) => appointments.finish(ctx, input.id, input.outcome),
  recordTicket: (input, ctx) => appointments.recordTicket(ctx, input.id, input.outcome, input.text),
  revealIdCard: (input, ctx) => appointments.revealIdCard(ctx, input.id, input.passengerId, input.purpose),
  attention: (_input, ctx) => appointments.attention(ctx),

  manage: (_input, ctx) => appointments.manage(ctx),
  saveService: (input, ctx) => appointments.saveService(ctx, input),
  closures: (_input, ctx) => appointments.closures(ctx),
  addClosure: (input, ctx) => appointments.addClosure(ctx, input),
  removeClosure: (input, ctx) => appointments.removeClosure(ctx, input.id),
  rules: (_input, ctx) => appointments.rules(ctx),
  setRules: (input, ctx) => appointments.setRules(ctx, input),
})
