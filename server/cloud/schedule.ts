// The scheduled work of every domain, run as one round: each domain's sweep (server/core/feature.ts, Sweep) and
// then the delivery of what they and the requests since wrote to the outbox. One timer runs it: in the cloud, a
// timer trigger on the one cloud function (build:cloud writes it into its config.json, server/cloud/config.ts);
// on a self-hosted server, its own timer (server/main.ts). Both call runScheduled, so the two deployments run
// the same code.
import type { Services } from '../core/context'
import { moduleList, type DomainName } from '../features'

export type { TimerEvent } from '../core/feature'

/** The one timer: its name (letters, digits, - and _, starting with a letter) and WeChat's seven-field cron, read in Beijing time. */
export const TIMER = { trigger: 'sweep', cron: '0 */1 * * * * *' } as const

/** The domains with a sweep, in the order they run. */
export const SWEEPING_DOMAINS = moduleList.filter((m) => m.sweep).map((m) => m.contract.domain) as DomainName[]

/**
 * One round: every sweep, each on its own (one failing does not stop the others), then delivery. Returns what
 * each did; throws after the round when any part failed, so the platform counts the invocation as failed.
 */
export async function runScheduled(services: Services): Promise<Record<string, unknown>> {
  const done: Record<string, unknown> = {}
  const failures: string[] = []
  const parts = [
    ...moduleList.filter((m) => m.sweep).map((m) => [m.contract.domain, m.sweep!] as const),
    ...moduleList.filter((m) => m.deliver).map((m) => ['delivery', m.deliver!] as const),
  ]
  for (const [name, run] of parts) {
    try {
      done[name] = (await run(services)) ?? null
    } catch (err) {
      services.log.error({ err, task: name }, 'scheduled work failed')
      failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`)
      done[name] = { error: err instanceof Error ? err.message : String(err) }
    }
  }
  if (failures.length) throw new Error(`scheduled work failed — ${failures.join('; ')}`)
  return done
}
