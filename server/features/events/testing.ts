// What the events' tests share: signed-in demo people, an event input that is valid on the tests' clock (Friday
// 2026-11-27 10:00 in Beijing), publishing, signing up and reading what people were told.
import type { TestBackend } from '../../testing/harness'
import type { EventOut, eventInput } from './actions'
import type { z } from 'zod'

export const PEOPLE = ['resident', 'resident2', 'volunteer', 'driver', 'staff', 'admin'] as const
export type Who = (typeof PEOPLE)[number]

export type EventInput = z.input<typeof eventInput>

export async function eventsWorld(t: TestBackend) {
  const tk = {} as Record<Who, string>
  for (const who of PEOPLE) tk[who] = await t.signIn(who)
  const venues = await t.ok('events', 'venues', {}, { token: tk.staff })

  /** Saturday afternoon, two places, sign-up open since this morning until Saturday noon. */
  const input = (over: Partial<EventInput> = {}): EventInput => ({
    title: '红石榴艺术团迎新演出',
    category: '演出',
    description: '红石榴艺术团的歌舞与民族乐器演奏，欢迎居民携家人观看。',
    venueId: venues[0]!.id,
    sessions: [{ date: '2026-11-28', starts: '14:00', ends: '16:00' }],
    places: 2,
    signupOpens: { date: '2026-11-27', time: '09:00' },
    signupCloses: { date: '2026-11-28', time: '12:00' },
    cancelUntil: { date: '2026-11-28', time: '12:00' },
    maxGuests: 2,
    guestMode: 'named',
    ...over,
  })

  async function published(over: Partial<EventInput> = {}, who: Who = 'staff'): Promise<EventOut> {
    const draft = await t.ok('events', 'save', input(over), { token: tk[who] })
    return t.ok('events', 'publish', { id: draft.id }, { token: tk[who] })
  }

  const signUp = (who: Who | string, e: { id: number }, extra: { companionIds?: number[]; guests?: number } = {}) =>
    t.call('events', 'signUp', { eventId: e.id, ...extra }, { token: tk[who as Who] ?? who })
  const waitFor = (who: Who | string, e: { id: number }, extra: { companionIds?: number[]; guests?: number } = {}) =>
    t.call('events', 'wait', { eventId: e.id, ...extra }, { token: tk[who as Who] ?? who })

  async function companion(who: Who, name: string, relation = '配偶'): Promise<number> {
    const list = await t.ok('account', 'saveCompanion', { name, relation }, { token: tk[who] })
    return list.find((c) => c.name === name)!.id
  }

  const get = (e: { id: number }, who: Who = 'resident') => t.ok('events', 'get', { id: e.id }, { token: tk[who] })
  const messages = async (who: Who | string) => (await t.ok('messages', 'list', {}, { token: tk[who as Who] ?? who })).items
  const unit = async (e: { id: number }) =>
    t.db.selectFrom('events').innerJoin('capacity_units', 'capacity_units.id', 'events.unit_id').select(['capacity_units.places', 'capacity_units.taken']).where('events.id', '=', e.id).executeTakeFirstOrThrow()
  const sweep = () => t.services.modules.find((m) => m.contract.domain === 'events')!.sweep!(t.services)

  return { tk, venues, input, published, signUp, waitFor, companion, get, messages, unit, sweep }
}
