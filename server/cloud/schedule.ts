// Scheduled work per domain, declared by each domain's module (server/core/feature.ts, Schedule): the cloud
// adapter runs a domain's task when its timer trigger fires, and build:cloud writes that trigger into the
// domain's config.json from the same entry, so a domain has a trigger exactly when it has work for one. (The
// HTTP server runs the same work on its own timer.)
import type { Schedule } from '../core/feature'
import { moduleList, type DomainName } from '../features'

export type { Schedule, TimerEvent } from '../core/feature'

export const scheduled: Partial<Record<DomainName, Schedule>> = Object.fromEntries(
  moduleList.flatMap((m) => (m.schedule ? [[m.contract.domain, m.schedule]] : [])),
)

/** The domains that have scheduled work, and so get a timer trigger in their cloud function's config.json. */
export const SCHEDULED_DOMAINS = Object.keys(scheduled) as DomainName[]

/** The cloud function's config.json for a domain with scheduled work (WeChat's format), or null. */
export function cloudFunctionConfig(domain: string) {
  const s = (scheduled as Partial<Record<string, Schedule>>)[domain]
  if (!s) return null
  return {
    permissions: { openapi: [] as string[] },
    triggers: [{ name: s.trigger, type: 'timer' as const, config: s.cron }],
  }
}
