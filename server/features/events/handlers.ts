import { implement } from '../../core/context'
import { eventActions } from './actions'
import * as door from './door'
import * as organise from './organise'
import { eventOut, eventsOut, mine, signupDetail, viewerOf, waitDetail } from './present'
import * as repo from './repo'
import { exportSheet } from './sheet'
import { eventSettings } from './settings'
import * as signups from './signups'
import { weekRange } from './weeks'

export const eventsApi = implement(eventActions, {
  venues: async (_input, ctx) => (await repo.venues(ctx.db)).map((v) => ({ id: v.id, name: v.name, latitude: v.latitude, longitude: v.longitude, address: v.address })),
  list: async (input, ctx) => {
    const now = ctx.clock().toISOString()
    const range = input.week ? weekRange(input.week) : null
    const from = range && range.from > now ? range.from : now
    let rows = await repo.coming(ctx.db, { fromIso: from, toIso: range?.to, category: input.category })
    if (range) {
      // A series is in the weeks it meets in, not the weeks between.
      const sessions = await repo.sessionsOf(ctx.db, rows.map((e) => e.id))
      rows = rows.filter((e) => sessions.some((s) => s.event_id === e.id && s.ends_at > from && s.starts_at < range.to))
    }
    return { events: await eventsOut(ctx, await viewerOf(ctx, ctx.actor), rows) }
  },
  get: async (input, ctx) => eventOut(ctx, await viewerOf(ctx, ctx.actor && ctx.actor.consented ? ctx.actor : null), input.id),
  signUp: (input, ctx) => signups.signUp(ctx, input),
  wait: (input, ctx) => signups.joinWait(ctx, input),
  leaveWait: (input, ctx) => signups.leaveWait(ctx, input.id),
  cancel: (input, ctx) => signups.cancel(ctx, input.id),
  mine: async (_input, ctx) => mine(ctx, (await viewerOf(ctx, ctx.actor))!),
  signup: async (input, ctx) => signupDetail(ctx, (await viewerOf(ctx, ctx.actor))!, input.id),
  getWait: async (input, ctx) => waitDetail(ctx, (await viewerOf(ctx, ctx.actor))!, input.id),
  organised: (_input, ctx) => organise.organised(ctx),
  save: (input, ctx) => organise.save(ctx, input),
  publish: (input, ctx) => organise.publish(ctx, input.id),
  cancelEvent: (input, ctx) => organise.cancelEvent(ctx, input.id, input.reason),
  roster: (input, ctx) => door.roster(ctx, input.eventId),
  checkIn: (input, ctx) => door.checkIn(ctx, input.eventId, input.code, input.sessionId),
  walkIn: (input, ctx) => door.walkIn(ctx, input.eventId, input.name, input.guests),
  exportSheet: (input, ctx) => exportSheet(ctx, input.eventId),
  settings: (_input, ctx) => eventSettings.read(ctx.db),
  saveSettings: (input, ctx) => eventSettings.write(ctx.db, input, ctx.clock().toISOString()),
})
