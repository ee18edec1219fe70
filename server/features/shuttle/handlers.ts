import { implement } from '../../core/context'
import { shuttleActions } from './actions'
import * as departures from './departures'
import * as door from './door'
import * as manage from './manage'
import { bookingDetail, mine, waitDetail } from './present'
import * as repo from './repo'
import * as seats from './seats'

export const shuttleApi = implement(shuttleActions, {
  departures: async (input, ctx) => {
    const { days, departures: list } = await departures.departuresOf(ctx, input.direction, input.day)
    return { days, departures: list, block: await seats.blockOf(ctx, ctx.actor.userId) }
  },
  departure: async (input, ctx) => {
    const d = await repo.departure(ctx.db, input.id)
    if (!d) throw departures.missingDeparture()
    return departures.presentOne(ctx, d, ctx.actor.userId)
  },
  suggest: (input, ctx) => departures.suggest(ctx, input.direction, input.trainAt),
  book: (input, ctx) => seats.book(ctx, input),
  wait: (input, ctx) => seats.joinWait(ctx, input),
  leaveWait: (input, ctx) => seats.leaveWait(ctx, input.id),
  cancel: (input, ctx) => seats.cancel(ctx, input.id, input.riderIds),
  move: (input, ctx) => seats.move(ctx, input.id, input.departureId),
  rebook: (input, ctx) => seats.rebook(ctx, input, input.departureId),
  alternatives: (input, ctx) => seats.alternatives(ctx, input),
  mine: (_input, ctx) => mine(ctx, seats.callerOf(ctx)),
  get: (input, ctx) => bookingDetail(ctx, seats.callerOf(ctx), input.id),
  getWait: (input, ctx) => waitDetail(ctx, input.id),
  runs: (input, ctx) => door.runs(ctx, input.day),
  manifest: (input, ctx) => door.manifest(ctx, input.departureId),
  checkIn: (input, ctx) => door.checkIn(ctx, input.departureId, input.code),
  board: (input, ctx) => door.board(ctx, input.departureId, input.riderId, input.boarded),
  depart: (input, ctx) => door.depart(ctx, input.departureId),
  routes: (_input, ctx) => manage.routesAdmin(ctx),
  drivers: async (_input, ctx) => (await repo.drivers(ctx.db)).map((d) => ({ id: d.id, name: d.name ?? '' })),
  saveRoute: (input, ctx) => manage.saveRoute(ctx, input),
  savePattern: (input, ctx) => manage.savePattern(ctx, input),
  addRun: (input, ctx) => manage.addRun(ctx, input),
  changeDeparture: (input, ctx) => manage.changeDeparture(ctx, input),
  cancelDeparture: (input, ctx) => manage.cancelDeparture(ctx, input.id, input.note),
  settings: (_input, ctx) => manage.settings(ctx),
  saveSettings: (input, ctx) => manage.saveSettings(ctx, input),
})
