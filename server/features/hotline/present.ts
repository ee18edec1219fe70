// How a request is shown: the summary in lists and the detail with its timeline, photos and the acts the
// caller may take now.
import { addressText } from '../../../common/address'
import { maskPhone } from '../../../common/mask'
import { photoView } from '../moderation/photos'
import type { Services } from '../../core/context'
import { notFound } from '../../core/errors'
import { seesResident, factsOf, type Row } from './access'
import type { EventKind, EventOut, PhotoOut, RequestDetail, RequestSummary } from './actions'
import * as photosRepo from './photos-repo'
import * as repo from './repo'
import { ACTS, OPEN_STATES, refusal, reopenDeadline, type Act, type Caller } from './rules'
import { hotlineSettings, type Levels } from './settings'
import type { HotlineActorRole } from './tables'
import { linkTo } from '../../../common/routes'

export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000
const EXCERPT_CHARS = 40

export const detailLink = (id: number) => linkTo('hotlineDetail', { id })

export function excerpt(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' '))
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : chars.join('')
}

/** Requests created before this instant and still unanswered are overdue. */
export const dueBefore = (now: Date, levels: Levels) => new Date(now.getTime() - levels.firstResponseHours * HOUR_MS).toISOString()

function dueAtOf(r: Pick<Row, 'first_response_at' | 'created_at' | 'state'>, levels: Levels): string | null {
  if (r.first_response_at || !(OPEN_STATES as readonly string[]).includes(r.state)) return null
  return new Date(Date.parse(r.created_at) + levels.firstResponseHours * HOUR_MS).toISOString()
}

/** Community-level requests are always held by staff; residents see the office, not the person. */
function handlerOf(r: Row): string | null {
  if (r.assignee_id === null) return null
  return r.level === 'community' ? '社区工作人员' : `网格员 ${r.assigneeName ?? ''}`.trim()
}

export function toSummary(r: Row, levels: Levels, now: Date): RequestSummary {
  const dueAt = dueAtOf(r, levels)
  return {
    id: r.id,
    category: r.categoryName,
    excerpt: excerpt(r.description),
    state: r.state,
    level: r.level,
    gridName: r.gridName,
    handler: handlerOf(r),
    createdAt: r.created_at,
    dueAt,
    overdue: dueAt !== null && now.getTime() > Date.parse(dueAt),
    unreadForResident: r.resident_updated_at !== null && (r.resident_seen_at === null || r.resident_updated_at > r.resident_seen_at),
    rated: r.rated_at !== null,
  }
}

const BY_ROLE: Record<HotlineActorRole, (name: string | null) => string> = {
  system: () => '系统',
  resident: () => '居民',
  grid_worker: (name) => `网格员 ${name ?? ''}`.trim(),
  staff: () => '社区工作人员',
}

export async function detail(ctx: Services, caller: Caller, id: number): Promise<RequestDetail> {
  const { db } = ctx
  const now = ctx.clock()
  const [row, events, photos, levels] = await Promise.all([
    repo.summaryById(db, id),
    repo.eventsOf(db, id),
    photosRepo.photosOf(db, id),
    hotlineSettings.read(db),
  ])
  if (!row) throw notFound('没有找到这条诉求')
  const found = seesResident(caller, row) ? await repo.residentOf(db, id) : undefined
  // A resident who deleted their account is nobody any more: no name, no address, nothing to call.
  const person = found && found.deletedAt === null ? found : undefined
  const asHandler = caller.staff || caller.worker
  const photosOf = (eventId: number | null): PhotoOut[] =>
    photos.filter((p) => p.eventId === eventId).flatMap((p) => photoView(ctx, caller, p) ?? [])
  const facts = factsOf(row)
  const can = Object.fromEntries(ACTS.map((act) => [act, refusal(act, caller, facts, now, levels.reopenDays) === null])) as Record<Act, boolean>
  return {
    ...toSummary(row, levels, now),
    description: row.description,
    photos: photosOf(null),
    resident: person ? { name: person.name ?? '居民', address: addressText(person), phone: maskPhone(person.phone) } : null,
    rating: row.rated_at && row.rating_stars ? { stars: row.rating_stars, comment: row.rating_comment, at: row.rated_at } : null,
    reopenUntil: row.state === 'resolved' && row.resolved_at ? reopenDeadline(row.resolved_at, levels.reopenDays).toISOString() : null,
    // Overdue marks are the community's own bookkeeping; the resident's timeline shows what was done for them.
    events: events
      .filter((e) => asHandler || e.kind !== 'overdue')
      .map(
        (e): EventOut => ({
          id: e.id,
          kind: e.kind as EventKind,
          at: e.at,
          by: BY_ROLE[e.actorRole](e.actorName),
          text: e.text,
          photos: photosOf(e.id),
        }),
      ),
    can: {
      accept: can.accept,
      reply: can.reply,
      resolve: can.resolve,
      escalate: can.escalate,
      reassign: can.reassign || can.takeOver,
      rate: can.rate,
      reopen: can.reopen,
      callResident: !!person?.phone,
    },
  }
}
