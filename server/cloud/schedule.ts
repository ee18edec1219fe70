// Scheduled work per domain, written once: the cloud adapter runs a domain's task when its timer trigger fires,
// and build:cloud writes that trigger into the domain's config.json from the same entry, so a domain has a
// trigger exactly when it has work for one. (The HTTP server runs the same work on its own timer.)
import type { Backend } from '../app'
import type { DomainName } from '../features'
import { sweepAppointments } from '../features/appointments/service'
import { sweepHotline } from '../features/hotline/service'

/** What a timer trigger delivers: WeChat sends `{ Type: 'Timer', TriggerName, Time, Message }`. */
export interface TimerEvent {
  Type: string
  TriggerName: string
  Time?: string
  Message?: string
}

/** Work a domain runs on its timer trigger (e.g. a later sweep of expired holds). */
export type ScheduledTask = (backend: Backend, trigger: TimerEvent) => Promise<unknown>

export interface Schedule {
  /** The trigger's name: at most 60 letters, digits, - and _, starting with a letter. */
  trigger: string
  /**
   * When it fires, as WeChat's cron: seven fields — second minute hour day month weekday year — read in
   * Beijing time (UTC+8). A function has at most one trigger.
   */
  cron: string
  run: ScheduledTask
}

export const scheduled: Partial<Record<DomainName, Schedule>> = {
  // Safe to run often and on several instances at once; every minute keeps "overdue" close to the minute.
  hotline: { trigger: 'sweep', cron: '0 */1 * * * * *', run: (backend) => sweepHotline(backend.services) },
  // Reminders go out from 09:00 for the next day and ID numbers are erased by the day: every 10 minutes is plenty.
  appointments: { trigger: 'sweep', cron: '0 */10 * * * * *', run: (backend) => sweepAppointments(backend.services) },
}

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
