// Builds the backend once per process: configuration, database (migrated and, when empty, seeded — or only
// checked, see `migrate`), and the dispatcher shared by the HTTP server and the cloud-function adapter.
import pino, { type Logger } from 'pino'
import { clockStartingAt, systemClock, type Clock } from '../common/time'
import { guarded, type Capacity } from './core/capacity'
import { loadConfig, type Config } from './core/config'
import { storedFileUrlSecret } from './core/file-urls'
import type { DomainModule, Services } from './core/context'
import { createDispatcher } from './core/pipeline'
import { openDb, type DbOptions } from './db/connect'
import { assertMigrated, migrateToLatest } from './db/migrate'
import { seedIfEmpty } from './db/seed'
import { moduleList, modules } from './features'
import { templateSettings } from './features/messages/template-config'
import { httpsSender } from './features/messages/wechat/https'
import type { Sender } from './features/messages/wechat/sender'
import { httpsChecker, type ContentChecker } from './features/moderation/checker'
import { wechatApi, type WeChatApi } from './core/wechat/api'

export interface AppOptions {
  config?: Config
  clock?: Clock
  log?: Logger
  /** Overrides for tests (a PostgreSQL schema of their own, a temporary SQLite file). */
  db?: DbOptions
  /**
   * What a start does with the schema. 'apply' (the default, the HTTP server): run pending migrations, then seed
   * an empty database. 'verify' (cloud functions, migrated by the deploy step): one query, refusing with
   * DatabaseBehindError, before anything is written, when a migration is missing. 'skip': neither.
   */
  migrate?: 'apply' | 'verify' | 'skip'
  /** The capacity mechanism; tests replace it only to show what happens without its guard. */
  capacity?: Capacity
  /** How subscribe messages reach WeChat; by default the HTTPS API when WECHAT_APPID and WECHAT_SECRET are set. */
  sender?: Sender | null
  /** How user content is checked; by default WeChat's HTTPS API when WECHAT_APPID and WECHAT_SECRET are set. */
  checker?: ContentChecker | null
}

export type Backend = Awaited<ReturnType<typeof createBackend>>

export async function createBackend(opts: AppOptions = {}) {
  const config = opts.config ?? loadConfig()
  // A wrong template setting stops the start, naming the variable, rather than every message later.
  templateSettings(config)
  const log = opts.log ?? pino({ level: config.LOG_LEVEL, base: { service: 'guandao' } })
  const clock = opts.clock ?? (config.CLOCK_START ? clockStartingAt(config.CLOCK_START) : systemClock)
  const dbOptions = opts.db ?? { databaseUrl: config.DATABASE_URL, sqliteFile: config.sqliteFile, pgPoolSize: config.PG_POOL_SIZE }
  const handle = await openDb(dbOptions)
  try {
    const migrate = opts.migrate ?? 'apply'
    if (migrate === 'verify') await assertMigrated(handle.db as never)
    if (migrate === 'apply') {
      const applied = await migrateToLatest(handle.db as never)
      if (applied.length) log.info({ applied, engine: handle.engine }, 'migrations applied')
      if (await seedIfEmpty(handle.db, clock, config.demo)) log.info({ demoPeople: config.demo }, 'empty database seeded with the community')
    }
  } catch (err) {
    // A failed start must not leave the pool (or the SQLite file) open behind it.
    await handle.close().catch(() => undefined)
    throw err
  }

  const fileUrlSecret = config.FILE_URL_SECRET ?? (await storedFileUrlSecret(handle.db, clock().toISOString()))
  // One access token for every HTTPS call to WeChat this process makes.
  const api = defaultApi(config, log)
  const services: Services = {
    db: handle.db,
    engine: handle.engine,
    clock,
    config: { ...config, fileUrlSecret },
    log,
    capacity: opts.capacity ?? guarded,
    modules: moduleList,
    sender: opts.sender !== undefined ? opts.sender : api && httpsSender(api),
    checker: opts.checker !== undefined ? opts.checker : api && httpsChecker(api),
  }
  const dispatch = createDispatcher(services, modules as unknown as Record<string, DomainModule>, concurrencyOf(config, handle.engine, dbOptions.pgPoolSize))
  return { services, dispatch, domains: Object.keys(modules), close: () => handle.close() }
}

function defaultApi(config: Config, log: Logger): WeChatApi | null {
  if (!config.WECHAT_APPID || !config.WECHAT_SECRET) return null
  return wechatApi({ appid: config.WECHAT_APPID, secret: config.WECHAT_SECRET, base: config.WECHAT_API_BASE, log })
}

/**
 * PostgreSQL: as many requests as the pool has connections, so none waits for one while holding others up.
 * SQLite has one connection that a transaction holds whole; a few requests at once keep it busy without making
 * each of them wait behind all the others.
 */
export function concurrencyOf(config: Config, engine: 'sqlite' | 'postgres', pgPoolSize = config.PG_POOL_SIZE): number {
  return config.CONCURRENT_REQUESTS ?? (engine === 'postgres' ? pgPoolSize : SQLITE_CONCURRENCY)
}

const SQLITE_CONCURRENCY = 4
