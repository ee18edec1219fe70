// Configuration comes from the environment only and is validated once at start: a bad value stops the process
// with a message naming the variable instead of failing later at the first request.
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'

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
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  H5_DIR: z.string().default(path.resolve(process.cwd(), 'dist/h5')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  FILE_URL_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** How often the server runs scheduled sweeps (hotline overdue and escalation); 0 turns them off. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
})

export type Env = z.infer<typeof schema>

export interface Config extends Env {
  production: boolean
  /** Demo people and dev sign-in: on outside production unless SEED_DEMO=false. */
  demo: boolean
  sqliteFile: string
  /** Signs photo URLs. Set FILE_URL_SECRET when several processes serve one database; otherwise one per process. */
  fileUrlSecret: string
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
  return {
    ...c,
    production,
    demo: production ? false : (c.SEED_DEMO ?? true),
    sqliteFile: c.SQLITE_FILE ?? path.join(c.DATA_DIR, 'guandao.sqlite'),
    fileUrlSecret: c.FILE_URL_SECRET ?? randomBytes(24).toString('hex'),
  }
}
