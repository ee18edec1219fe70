// Configuration comes from the environment only and is validated once at start: a bad value stops the process
// with a message naming the variable instead of failing later at the first request.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { parseSealKey } from './sealed'

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().default(path.resolve(process.cwd(), 'data')),
  DATABASE_URL: z.string().url().optional(),
  SQLITE_FILE: z.string().optional(),
  SEED_DEMO: bool.optional(),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Sessions of staff and admins, who also sign in at shared desk computers: shorter, and they end when idle. */
  STAFF_SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  STAFF_IDLE_HOURS: z.coerce.number().min(0.25).max(720).default(8),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** Which version of the mini-program a subscribe message opens: formal (the released one), trial or developer. */
  WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  /** Subscribe-message templates by kind of notice, JSON (server/features/messages/template-config.ts). */
  SUBSCRIBE_TEMPLATES: z.string().optional(),
  /**
   * The server's own address as the internet reaches it (https://guandao.example.cn): WeChat fetches photos from
   * it for the content check. Required with WECHAT_SECRET on a real deployment.
   */
  PUBLIC_URL: z.string().url().optional(),
  /** The token of the MP console's message push (开发管理 → 消息推送), which signs WeChat's photo verdicts. */
  WECHAT_PUSH_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, '3 to 32 letters or digits, as the MP console asks').optional(),
  H5_DIR: z.string().default(path.resolve(process.cwd(), 'dist/h5')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Photo uploads per minute per person. */
  UPLOAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Sign-in calls (the auth service) per minute per client address: small, so guessing and floods stop early. */
  SIGNIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /**
   * Which proxy in front may say who the client is (X-Forwarded-For): true for any, a number of hops, or
   * addresses/CIDRs, comma-separated. Unset, every caller behind a proxy shares the proxy's address.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v): boolean | number | string[] => {
      if (v === undefined || v === 'false') return false
      if (v === 'true') return true
      if (/^\d+$/.test(v)) return Number(v)
      return v.split(',').map((a) => a.trim()).filter(Boolean)
    }),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  /** Requests running the pipeline at once per process (the rest wait their turn); default by engine. */
  CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(1000).optional(),
  FILE_URL_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** How often the server runs scheduled sweeps (hotline overdue and escalation); 0 turns them off. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Encrypts passengers' ID-card numbers at rest: base64 of 32 random bytes. Required in production. */
  ID_CARD_KEY: z.string().optional(),
  /** Earlier ID_CARD_KEY values, comma-separated, still able to open what they sealed (key rotation). */
  ID_CARD_PREVIOUS_KEYS: z.string().optional(),
  /** Starts the server's clock at this instant (ISO 8601) and lets it run from there; refused in production. */
  CLOCK_START: z.iso.datetime({ offset: true, message: 'an ISO 8601 instant, e.g. 2027-03-01T00:00:00+08:00' }).optional(),
})

export type Env = z.infer<typeof schema>

export interface Config extends Env {
  production: boolean
  /**
   * Demo people and demo sign-in: only when SEED_DEMO is switched on (npm start does), never in production nor
   * beside a production setting (DATABASE_URL, WECHAT_SECRET), and demo sign-in only from this machine.
   */
  demo: boolean
  sqliteFile: string
  /** Signs photo URLs: FILE_URL_SECRET, else one kept in the database (filled in by createBackend). */
  fileUrlSecret: string
  /** Keys for sealing ID-card numbers (read on first use; see idCardKeysOf()). */
  idCardKeys: () => { current: string; previous: string[] }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset (VAR= in a shell or an .env file).
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = schema.safeParse(given)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const c = parsed.data
  const production = c.NODE_ENV === 'production'
  if (production && c.SEED_DEMO) throw new Error('Invalid configuration:\n  SEED_DEMO: demo data is refused in production')
  if (production && c.DATABASE_URL && !encryptedOrLocal(c.DATABASE_URL)) {
    throw new Error('Invalid configuration:\n  DATABASE_URL: a database on another host needs sslmode=require (or verify-full) in production')
  }
  // WeChat credentials aimed at a stand-in on this machine (tests, a rehearsal) are no real deployment's.
  const realWeChat = !isLoopbackUrl(c.WECHAT_API_BASE)
  const productionSettings = (['DATABASE_URL', 'WECHAT_SECRET'] as const).filter((k) => c[k] && (k !== 'WECHAT_SECRET' || realWeChat))
  if (c.SEED_DEMO && productionSettings.length) {
    throw new Error(`Invalid configuration:\n  SEED_DEMO: demo accounts are refused beside ${productionSettings.join(' and ')} (a real deployment's settings)`)
  }
  if (realWeChat && c.WECHAT_SECRET && !c.PUBLIC_URL) {
    throw new Error('Invalid configuration:\n  PUBLIC_URL: required with WECHAT_SECRET: WeChat fetches uploaded photos from this address for the content check')
  }
  if (production && c.CLOCK_START) throw new Error('Invalid configuration:\n  CLOCK_START: a moved clock is refused in production')
  return {
    ...c,
    production,
    demo: !production && c.SEED_DEMO === true,
    sqliteFile: c.SQLITE_FILE ?? path.join(c.DATA_DIR, 'guandao.sqlite'),
    fileUrlSecret: c.FILE_URL_SECRET ?? '',
    idCardKeys: idCardKeysOf(c, production),
  }
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

/** A PostgreSQL URL that asks for TLS, or one on this machine (loopback or a socket), where TLS adds nothing. */
function encryptedOrLocal(url: string): boolean {
  const u = new URL(url)
  if (/^(require|verify-ca|verify-full)$/.test(u.searchParams.get('sslmode') ?? '')) return true
  const host = u.hostname.replace(/^\[|\]$/g, '')
  return host === '' || host === 'localhost' || host === '::1' || /^127\./.test(host) || (u.searchParams.get('host') ?? '').startsWith('/')
}

/**
 * Production must be given its key: a lost key makes every sealed number unreadable, so it is never made up
 * there. Tests get a fresh key per process; development keeps one in DATA_DIR so restarts can still open what
 * was sealed before.
 */
function idCardKeysOf(c: Env, production: boolean): Config['idCardKeys'] {
  const keys = idCardKeysNow(c, production)
  if (keys) return () => keys
  // Development: the key file is made when a number is first sealed, not whenever configuration is read.
  let loaded: { current: string; previous: string[] } | undefined
  return () => (loaded ??= { current: devKeyFile(c.DATA_DIR), previous: [] })
}

function devKeyFile(dataDir: string): string {
  const file = path.join(dataDir, 'id-card.key')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true })
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
    } catch (err) {
      // Another process starting at the same moment wrote it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  return fs.readFileSync(file, 'utf8').trim()
}

function idCardKeysNow(c: Env, production: boolean): { current: string; previous: string[] } | null {
  const previous = (c.ID_CARD_PREVIOUS_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean)
  const check = (name: string, key: string) => {
    try {
      parseSealKey(key)
    } catch (err) {
      throw new Error(`Invalid configuration:\n  ${name}: ${(err as Error).message}`)
    }
  }
  if (c.ID_CARD_KEY) {
    check('ID_CARD_KEY', c.ID_CARD_KEY)
    previous.forEach((k) => check('ID_CARD_PREVIOUS_KEYS', k))
    return { current: c.ID_CARD_KEY, previous }
  }
  if (production) throw new Error('Invalid configuration:\n  ID_CARD_KEY: required in production (base64 of 32 random bytes)')
  if (c.NODE_ENV === 'test') return { current: randomBytes(32).toString('base64'), previous }
  return null
}
