// What a domain brings to the backend, declared once in its folder (server/features/<domain>/module.ts) and
// listed once in server/features/index.ts. The HTTP server, the cloud build, the migrator, the data export and
// the account deletion all read it from that list, so none of them names a domain.
import type { Migration } from 'kysely/migration'
import type { ActionTable } from '../../common/contract'
import type { Db } from '../db/connect'
import type { Nullability } from '../db/tables'
import type { DomainModule, Services } from './context'

/** What a timer trigger delivers: WeChat sends `{ Type: 'Timer', TriggerName, Time, Message }`. */
export interface TimerEvent {
  Type: string
  TriggerName: string
  Time?: string
  Message?: string
}

/**
 * Work a domain does by itself (reminders, deadlines, clean-up), run every minute by the one cloud timer and by
 * the HTTP server's own timer. Must be safe to run again at once and on several instances together.
 */
export type Sweep = (services: Services) => Promise<unknown>

/** Runs once the deletion has committed: what cannot be rolled back (removing files) waits for that. */
export type AfterCommit = (services: Services) => Promise<void>

/** The domain's part of what the community holds about one person (PIPL access and deletion). */
export interface PersonalData {
  /** What the person's data export holds from this domain, under keys no other domain uses. */
  export?: (services: Services, userId: number) => Promise<Record<string, unknown>>
  /**
   * Erases or anonymises what this domain holds about the person, inside the deletion's transaction (`tx`;
   * `services` for the clock, configuration and the capacity mechanism); returns the work that must wait for
   * the commit, if any.
   */
  erase?: (services: Services, tx: Db, person: { userId: number; now: string }) => Promise<AfterCommit | void>
}

export type TableList = Record<string, Record<string, Nullability>>

export interface FeatureModule<T extends ActionTable = ActionTable, N extends string = string> extends DomainModule<T, N> {
  sweep?: Sweep
  /** Runs after every domain's sweep in the same round: sends what the sweeps and the requests since wrote. */
  deliver?: Sweep
  personalData?: PersonalData
  /** Migrations by name; names sort into the order they run, across every module. */
  migrations: Record<string, Migration>
  /** The tables this domain owns, with their columns (server/db/tables.ts). */
  tables: TableList
}

export function defineModule<T extends ActionTable, N extends string>(parts: {
  api: DomainModule<T, N>
  sweep?: Sweep
  deliver?: Sweep
  personalData?: PersonalData
  migrations?: Record<string, Migration>
  tables?: TableList
}): FeatureModule<T, N> {
  const { api, migrations = {}, tables = {}, ...rest } = parts
  return { ...api, ...rest, migrations, tables }
}

type ByDomain<M extends readonly FeatureModule[]> = { [K in M[number] as K['contract']['domain']]: K }

/** The modules keyed by domain, in the order listed; a domain listed twice is a mistake caught at start. */
export function byDomain<const M extends readonly FeatureModule[]>(list: M): ByDomain<M> {
  const out: Record<string, FeatureModule> = {}
  for (const m of list) {
    if (Object.prototype.hasOwnProperty.call(out, m.contract.domain)) throw new Error(`domain ${m.contract.domain} is listed twice`)
    out[m.contract.domain] = m
  }
  return out as ByDomain<M>
}
