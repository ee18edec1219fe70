// The no-show rule, one piece for every feature that holds places for people (appointment slots, shuttle seats,
// event places, volunteer shifts): `limit` no-shows within `windowDays` block new holdings for `blockDays`
// counted from the no-show that reached the limit. Each feature keeps its own numbers in its settings and its own
// record of no-shows; this says whether, and until when, a person is blocked.
import { formatDate, local } from '../../common/time'

const DAY_MS = 86_400_000

export interface NoShowRule {
  limit: number
  windowDays: number
  blockDays: number
}

export interface Block {
  /** The instant new holdings are possible again. */
  until: string
  /** No-shows within the window, as of now. */
  noShows: number
}

/** How far back no-shows can still matter now: a block can come from a window that ended a block ago. */
export const noShowsMatterSince = (rule: NoShowRule, now: Date) => new Date(now.getTime() - (rule.windowDays + rule.blockDays) * DAY_MS).toISOString()

/** The block in force at `now` given the instants of a person's no-shows, or null. */
export function blockFrom(noShows: string[], rule: NoShowRule, now: Date): Block | null {
  const times = noShows.map((t) => Date.parse(t)).sort((a, b) => a - b)
  let until = 0
  for (const t of times) {
    const inWindow = times.filter((x) => x <= t && x > t - rule.windowDays * DAY_MS).length
    if (inWindow >= rule.limit) until = Math.max(until, t + rule.blockDays * DAY_MS)
  }
  if (until <= now.getTime()) return null
  const recent = times.filter((x) => x > now.getTime() - rule.windowDays * DAY_MS).length
  return { until: new Date(until).toISOString(), noShows: recent }
}

/** 「您近期有3次预约未到场，2027年1月1日 09:00前暂停预约」; `what` names the holding (预约, 乘车预约, 报名). */
export function blockMessage(b: Block, self: boolean, what: string): string {
  return `${self ? '您' : '该居民'}近期有${b.noShows}次${what}未到场，${formatDate(b.until)} ${local(b.until).format('HH:mm')}前暂停${what}`
}
