// Builds the cloud function, then runs the built bundle the way the cloud does: a separate Node process that
// requires cloudfunctions/api/index.js and calls main(event, context), with the caller's identity in the
// environment variables wx-server-sdk reads, against PostgreSQL in a schema of its own, migrated beforehand as
// the deploy step does (a cold start only checks the schema).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import { Client, Pool } from 'pg'
import { CLOUD_FUNCTION } from '../common/cloud'
import { SWEEPING_DOMAINS, TIMER } from '../server/cloud/schedule'
import { allMigrations, migrateDownTo } from '../server/db/migrate'
import { COMMUNITY, PRIVACY_VERSION } from '../server/db/seed'
import { modules } from '../server/features'
import { migrateDatabase } from './migrate'

const root = path.resolve(__dirname, '..')
const fnRoot = path.join(root, 'cloudfunctions')
/** Deployments must be given the key that seals ID-card numbers; any 32 bytes do for these runs. */
const TEST_ID_CARD_KEY = Buffer.alloc(32, 7).toString('base64')
const baseUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const schema = `cloud_fn_${randomBytes(5).toString('hex')}`
/** A second schema, for cold starts against databases that are behind. */
const behindSchema = `cloud_fn_behind_${randomBytes(5).toString('hex')}`
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }

/** The pool picks the schema from the URL: pg passes `options` to the server as a startup parameter. */
function schemaUrl(base: string, name: string): string {
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${name}`)
  return url.toString()
}

interface Outcome {
  returned?: { ok: boolean; data?: any; error?: { code: string; message: string; fields?: Record<string, string> } }
  thrown?: string
}
interface ChildReport {
  results?: Outcome[]
  compat?: { toSorted: number[]; source: number[]; toReversed: number[]; at: unknown; hasOwn: boolean; tracing: string }
  crashed?: string
}
interface Run {
  report: ChildReport
  code: number | null
  logs: string
  /** From the report (written after close()) to the process ending; an open pool would hold it ~10 s. */
  lingeredMs: number
}

// Runs in the child before the bundle loads: takes away what Node 16 lacks (the bundle's shims must fill in
// what it uses), runs the events in order, closes the pool and reports on fd 3, away from the logs on stdout.
const CHILD = `
const fs = require('node:fs')
const dc = require('node:diagnostics_channel')
for (const name of ['toSorted', 'toReversed', 'findLast', 'findLastIndex', 'at']) delete Array.prototype[name]
delete Object.hasOwn
delete dc.tracingChannel
delete globalThis.structuredClone
delete globalThis.fetch
const report = (value) => fs.writeSync(3, JSON.stringify(value))
;(async () => {
  const fn = require(require('node:path').join(process.cwd(), 'index.js'))
  const results = []
  for (const event of JSON.parse(process.env.CLOUD_EVENTS)) {
    try {
      results.push({ returned: await fn.main(event, {}) })
    } catch (err) {
      results.push({ thrown: String((err && err.message) || err) })
    }
  }
  const source = [3, 1, 2]
  const compat = {
    toSorted: source.toSorted((a, b) => a - b),
    source,
    toReversed: source.toReversed(),
    at: source.at(-1),
    hasOwn: Object.hasOwn({ a: 1 }, 'a'),
    tracing: typeof dc.tracingChannel,
  }
  await fn.main.close()
  report({ results, compat })
})().catch((err) => {
  report({ crashed: String((err && err.stack) || err) })
  process.exitCode = 1
})
`

function runFunction(events: unknown[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD], {
      cwd: path.join(fnRoot, CLOUD_FUNCTION),
      // Only what a cloud instance would have; jest's own NODE_ENV=test must not leak in.
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', CLOUD_EVENTS: JSON.stringify(events), ID_CARD_KEY: TEST_ID_CARD_KEY, ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    })
    let logs = ''
    let out = ''
    let reportedAt = 0
    child.stdout!.on('data', (d) => (logs += d))
    child.stderr!.on('data', (d) => (logs += d))
    ;(child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => {
      reportedAt ||= Date.now()
      out += d
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`cloud function did not finish\n${logs}`))
    }, 40_000)
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      try {
        resolve({ report: JSON.parse(out || '{}'), code, logs, lingeredMs: reportedAt ? Date.now() - reportedAt : -1 })
      } catch {
        reject(new Error(`unreadable report: ${out}\n${logs}`))
      }
    })
  })
}

/** The variables wx-server-sdk's getWXContext() reads: the names listed in WX_CONTEXT_KEYS, WX_ prefix dropped. */
function wxEnv(openid?: string): Record<string, string> {
  const env: Record<string, string> = { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_APPID: 'wx0000000000000000', TCB_ENV: 'guandao-test' }
  if (openid) env.WX_OPENID = openid
  return env
}

function outcomes(run: Run, count: number): Outcome[] {
  if (run.report.crashed || !run.report.results) throw new Error(`child failed: ${run.report.crashed ?? 'no report'}\n${run.logs}`)
  expect(run.code).toBe(0)
  // Nothing left open after close(): the process ends as soon as it has reported.
  expect(run.lingeredMs).toBeGreaterThanOrEqual(0)
  expect(run.lingeredMs).toBeLessThan(4000)
  expect(run.report.results).toHaveLength(count)
  return run.report.results
}

const ok = (o: Outcome) => {
  if (!o.returned?.ok) throw new Error(`expected ok, got ${JSON.stringify(o)}`)
  return o.returned.data
}
const refused = (o: Outcome) => {
  if (o.returned?.ok !== false) throw new Error(`expected a refusal, got ${JSON.stringify(o)}`)
  return o.returned.error!
}

/** A request to the one function: the domain beside the envelope, as the mini-program sends it. */
const req = (domain: string, action: string, extra: Record<string, unknown> = {}) => ({ domain, action, ...extra })

let db: Client
let databaseUrl: string
let behindUrl: string
let buildOutput = ''
// Functions an earlier build wrote, one per domain, each with its own timer once; and a folder someone made by hand.
const retired = ['hotline', 'messages'].map((d) => path.join(fnRoot, d))
const handmade = path.join(fnRoot, `zz-handmade-${randomBytes(3).toString('hex')}`)

beforeAll(async () => {
  db = new Client({ connectionString: baseUrl })
  await db.connect()
  await db.query(`create schema "${schema}"`)
  await db.query(`create schema "${behindSchema}"`)
  databaseUrl = schemaUrl(baseUrl, schema)
  behindUrl = schemaUrl(baseUrl, behindSchema)
  // The deploy step: the function itself never migrates.
  await migrateDatabase({ NODE_ENV: 'production', DATABASE_URL: databaseUrl } as unknown as NodeJS.ProcessEnv)

  for (const dir of retired) {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'index.js'), `// 0.0.1 cloud function "${path.basename(dir)}". Generated by npm run build:cloud; do not edit.\n`)
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ triggers: [{ name: 'sweep', type: 'timer', config: '0 */1 * * * * *' }] }))
  }
  fs.mkdirSync(handmade, { recursive: true })
  fs.writeFileSync(path.join(handmade, 'index.js'), 'exports.main = async () => ({ ok: true, data: null })\n')

  const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx')
  buildOutput = await new Promise<string>((resolve, reject) => {
    const child = spawn(tsx, ['scripts/build-cloud.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    child.stdout.on('data', (d) => (text += d))
    child.stderr.on('data', (d) => (text += d))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`build:cloud failed (${code}):\n${text}`))))
  })
}, 120_000)

afterAll(async () => {
  for (const dir of retired) fs.rmSync(dir, { recursive: true, force: true })
  fs.rmSync(handmade, { recursive: true, force: true })
  if (!db) return
  await db.query(`drop schema if exists "${schema}" cascade`)
  await db.query(`drop schema if exists "${behindSchema}" cascade`)
  await db.end()
})

const fnDir = path.join(fnRoot, CLOUD_FUNCTION)

describe('build:cloud', () => {
  it('writes the one function, "api", bundled, and prints its size, timeout and timer', () => {
    expect(CLOUD_FUNCTION).toBe('api')
    const file = path.join(fnDir, 'index.js')
    const bytes = fs.statSync(file).size
    expect(bytes).toBeGreaterThan(50_000)
    expect(buildOutput).toMatch(/\bapi\s+[\d.]+ KB\s+\S+index\.js\s+timeout 20 s\s+timer "0 \*\/1 \* \* \* \* \*"/)

    const code = fs.readFileSync(file, 'utf8')
    // Booleans, so that a failure names the check rather than printing a megabyte of bundle.
    const checks = {
      // Loaded at run time from what the cloud installs, not inlined.
      sdkRequired: code.includes('require("wx-server-sdk")'),
      pgLoaded: /(require|import)\("pg"\)/.test(code),
      pgNotInlined: !code.includes('class Client extends EventEmitter'),
      // The native SQLite driver and the HTTP server stay out of the cloud function.
      noSqliteBinding: !code.includes('better_sqlite3.node'),
      noFastify: !/fastify/i.test(code),
      // Every domain is in the one bundle.
      everyDomain: Object.keys(modules).every((d) => code.includes(`"${d}"`)),
      // pg through require(), not Node's ESM loader, with a navigator lent while it loads (build-cloud.ts, PG_LOADER).
      pgRequired: code.includes('require("pg")') && !code.includes('import("pg")') && code.includes('globalThis.navigator'),
      // Minified.
      minified: code.split('\n').length < 200,
      // exceljs is in a file of its own, loaded by the exports when they run.
      exceljsLazy: code.includes('import("./lazy/exceljs.js")') && !code.includes('xl/workbook.xml'),
      exceljsBeside: fs.readFileSync(path.join(fnDir, 'lazy', 'exceljs.js'), 'utf8').includes('xl/workbook.xml'),
      // zod's other languages are left out; its English default stays.
      noZodLocales: !code.includes('Неверный ввод'),
      zodEnglish: code.includes('Invalid input'),
      // pino's worker-thread transports are left out; it logs to stdout.
      noPinoTransports: code.includes('pino transports are left out of the cloud function'),
    }
    expect(checks).toEqual(Object.fromEntries(Object.keys(checks).map((k) => [k, true])))
    expect(buildOutput).toMatch(/[\d.]+ KB\s+cloudfunctions\/api\/lazy\/exceljs\.js\s+\(loaded when first used\)/)
    // The source map stays on this machine, for reading stack traces; the function does not carry it.
    expect(fs.existsSync(path.join(root, 'dist', 'cloudfunctions', CLOUD_FUNCTION, 'index.js.map'))).toBe(true)
    expect(fs.readdirSync(fnDir).sort()).toEqual(['config.json', 'index.js', 'lazy', 'package.json'])
  })

  it('removes the folders of the former per-domain functions and names them, and leaves what it did not write', () => {
    for (const dir of retired) expect([path.basename(dir), fs.existsSync(dir)]).toEqual([path.basename(dir), false])
    expect(buildOutput).toMatch(/removed the folders of former functions: .*\bhotline\b/)
    expect(buildOutput).toMatch(/\bmessages\b/)
    expect(buildOutput).toContain('delete those functions (and their triggers) in the cloud console')
    expect(fs.existsSync(path.join(handmade, 'index.js'))).toBe(true)
    const generated = fs.readdirSync(fnRoot).filter((d) => fs.existsSync(path.join(fnRoot, d, 'package.json')))
    expect(generated).toEqual([CLOUD_FUNCTION])
  })

  it('config.json: a 20-second timeout, the one timer, and the openapi calls delivery and content checks need', () => {
    const config = JSON.parse(fs.readFileSync(path.join(fnDir, 'config.json'), 'utf8'))
    expect(config).toEqual({
      timeout: 20,
      permissions: { openapi: ['subscribeMessage.send', 'security.msgSecCheck', 'security.mediaCheckAsync'] },
      triggers: [{ name: 'sweep', type: 'timer', config: '0 */1 * * * * *' }],
    })
    expect(SWEEPING_DOMAINS).toEqual(['auth', 'hotline', 'appointments', 'shuttle', 'events', 'volunteer', 'moderation'])
    const [trigger] = config.triggers
    // WeChat's rules: a name of letters, digits, - and _ starting with a letter; a cron of seven fields —
    // second minute hour day month weekday year. Second 0 of every minute, every hour, day, month and year.
    expect(trigger.name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/)
    const [second, minute, hour, day, month, weekday, year, ...extra] = trigger.config.split(' ')
    expect({ second, minute, hour, day, month, weekday, year, extra }).toEqual({ second: '0', minute: '*/1', hour: '*', day: '*', month: '*', weekday: '*', year: '*', extra: [] })
  })

  it('lists exactly the unbundled runtime dependencies, at the repository versions', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(fnDir, 'package.json'), 'utf8'))
    expect(pkg.main).toBe('index.js')
    expect(pkg.dependencies).toEqual({ 'wx-server-sdk': rootPkg.dependencies['wx-server-sdk'], pg: rootPkg.dependencies.pg })
  })
})

describe('the built cloud function', () => {
  it('routes by domain: community.info answers with the seeded community, on Node 16 built-ins', async () => {
    const openid = `o_comm_${randomBytes(6).toString('hex')}`
    const run = await runFunction([req('community', 'info'), req('community', 'grids')], { ...wxEnv(openid), DATABASE_URL: databaseUrl })
    const [info, grids] = outcomes(run, 2)
    expect(ok(info)).toMatchObject({ ...COMMUNITY, privacyVersion: PRIVACY_VERSION })
    // The OPENID is the caller: a new person has no staff role.
    expect(refused(grids).code).toBe('FORBIDDEN')

    expect(run.report.compat).toEqual({ toSorted: [1, 2, 3], source: [3, 1, 2], toReversed: [2, 1, 3], at: 2, hasOwn: true, tracing: 'function' })
    const demo = await db.query(`select count(*)::int as n from "${schema}".users where openid like 'demo:%'`)
    // A cloud deployment counts as production: the deploy step seeded no demo people.
    expect(demo.rows[0].n).toBe(0)
  }, 60_000)

  it('account: creates the caller on first call, requires consent before registration, validates input', async () => {
    const openid = `o_acct_${randomBytes(6).toString('hex')}`
    const profile = { name: '王晓梅', phone: '138 5214 9999', buildingId: 1, unit: 2, room: '301' }
    const run = await runFunction(
      [
        req('account', 'me'),
        req('account', 'register', { data: profile, idempotencyKey: 'register-before-consent' }),
        req('account', 'consent', { data: { version: PRIVACY_VERSION } }),
        req('account', 'register', { data: profile, idempotencyKey: 'register-after-consent' }),
        req('account', 'updateProfile', { data: { ...profile, name: '', phone: '12345' } }),
        req('account', 'me', { userInfo: { openId: 'someone-else', appId: 'wx0000000000000000' } }),
      ],
      { ...wxEnv(openid), DATABASE_URL: databaseUrl },
    )
    const [me, early, consent, register, bad, meAgain] = outcomes(run, 6)

    const first = ok(me)
    expect(first.id).toEqual(expect.any(Number))
    expect(first.roles).toEqual([])
    expect(first.consent).toEqual({ required: PRIVACY_VERSION, accepted: null, acceptedAt: null })
    const stored = await db.query(`select id, consent_version from "${schema}".users where openid = $1`, [openid])
    expect(stored.rows).toHaveLength(1)
    expect(stored.rows[0].id).toBe(first.id)

    expect(refused(early).code).toBe('CONSENT_REQUIRED')
    expect(ok(consent).consent.accepted).toBe(PRIVACY_VERSION)

    const registered = ok(register)
    expect(registered.roles).toContain('resident')
    expect(registered.phone).toBe('13852149999')
    expect(registered.household).toMatchObject({ buildingId: 1, unit: 2, room: '301' })

    const error = refused(bad)
    expect(error.code).toBe('BAD_INPUT')
    expect(Object.keys(error.fields ?? {})).toEqual(expect.arrayContaining(['name', 'phone']))
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/)

    // Identity is the OPENID from the WeChat context, never the userInfo copy in the event.
    expect(ok(meAgain).id).toBe(first.id)
  }, 60_000)

  it('exports still work: the spreadsheet loads exceljs from its file beside the function', async () => {
    const openid = `o_staff_${randomBytes(6).toString('hex')}`
    const [me] = outcomes(await runFunction([req('account', 'me'), req('account', 'consent', { data: { version: PRIVACY_VERSION } })], { ...wxEnv(openid), DATABASE_URL: databaseUrl }), 2)
    await db.query(`insert into "${schema}".user_roles (user_id, role, granted_by, granted_at) values ($1, 'staff', null, now())`, [ok(me).id])
    const [sheet] = outcomes(await runFunction([req('volunteer', 'exportHours', { data: { period: { from: '2026-11-01', to: '2026-11-30' } } })], { ...wxEnv(openid), DATABASE_URL: databaseUrl }), 1)
    const file = ok(sheet)
    expect(file.filename).toMatch(/\.xlsx$/)
    // An xlsx is a zip: PK\x03\x04.
    expect(Buffer.from(file.base64, 'base64').subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
  }, 60_000)

  it('a domain it does not serve gets UNKNOWN_ACTION; a request without a domain is bad input naming the field', async () => {
    const run = await runFunction(
      [req('nope', 'info'), req('__proto__', 'info'), { action: 'info' }, req('community', 'nope'), 'not an envelope', { domain: 'x'.repeat(65), action: 'info' }],
      { ...wxEnv('o_router'), DATABASE_URL: databaseUrl },
    )
    const [unknown, proto, noDomain, unknownAction, garbage, long] = outcomes(run, 6)
    expect(refused(unknown)).toEqual({ code: 'UNKNOWN_ACTION', message: '不支持的服务：nope' })
    expect(refused(proto).code).toBe('UNKNOWN_ACTION')
    expect(refused(noDomain)).toMatchObject({ code: 'BAD_INPUT', fields: { domain: '缺少 domain' } })
    expect(refused(unknownAction)).toEqual({ code: 'UNKNOWN_ACTION', message: '不支持的操作' })
    expect(refused(garbage)).toMatchObject({ code: 'BAD_INPUT', fields: { domain: expect.any(String) } })
    expect(refused(long).code).toBe('BAD_INPUT')
  }, 60_000)

  it('without an OPENID the caller is anonymous, and only then is a timer or a platform push taken as one', async () => {
    const timer = { Type: 'Timer', TriggerName: TIMER.trigger, Time: new Date().toISOString(), Message: '' }
    const push = { ToUserName: 'gh_0000000000', FromUserName: 'o_someone', CreateTime: 1764201600, MsgType: 'event', Event: 'wxa_media_check' }
    const anonymous = await runFunction([req('account', 'me'), timer, push], { ...wxEnv(), DATABASE_URL: databaseUrl })
    const [me, trigger, pushed] = outcomes(anonymous, 3)
    expect(refused(me).code).toBe('UNAUTHENTICATED')
    expect(Object.keys(ok(trigger))).toEqual([...SWEEPING_DOMAINS, 'delivery'])
    // A push that is no photo verdict (this one names no trace) is refused, beside the timer rather than as a request.
    expect(refused(pushed)).toEqual({ code: 'UNKNOWN_ACTION', message: '不支持的平台事件' })

    const signedIn = await runFunction([timer, push], { ...wxEnv('o_timer_user'), DATABASE_URL: databaseUrl })
    const [asRequest, pushAsRequest] = outcomes(signedIn, 2)
    expect(refused(asRequest)).toMatchObject({ code: 'BAD_INPUT', fields: { domain: expect.any(String) } })
    expect(refused(pushAsRequest)).toMatchObject({ code: 'BAD_INPUT', fields: { domain: expect.any(String) } })
  }, 60_000)

  it('refuses to start without ID_CARD_KEY; the timer erases ID numbers kept past their time', async () => {
    const keyless = outcomes(await runFunction([req('appointments', 'services')], { ...wxEnv('o_nokey'), DATABASE_URL: databaseUrl, ID_CARD_KEY: '' }), 1)[0]
    expect(keyless.returned).toBeUndefined()
    expect(keyless.thrown).toMatch(/ID_CARD_KEY: required in production/)

    const timer = { Type: 'Timer', TriggerName: TIMER.trigger, Time: new Date().toISOString(), Message: '' }
    ok(outcomes(await runFunction([timer], { ...wxEnv(), DATABASE_URL: databaseUrl }), 1)[0])

    const s = `"${schema}"`
    const user = await db.query(`insert into ${s}.users (openid, created_at, updated_at) values ($1, now(), now()) returning id`, [`o_trip_${randomBytes(6).toString('hex')}`])
    const service = await db.query(`select id from ${s}.appt_services where kind = 'ticket' limit 1`)
    const unit = await db.query(`insert into ${s}.capacity_units (scope, ref, places, taken) values ('appointment', $1, 1, 1) returning id`, [`${service.rows[0].id}@2020-01-06T01:00:00.000Z`])
    const booking = await db.query(
      `insert into ${s}.appt_bookings (code, service_id, resident_id, booked_by, booked_by_role, day, starts_at, ends_at, unit_id, status, created_at, updated_at)
       values ($1, $2, $3, $3, 'resident', '2020-01-06', '2020-01-06T01:00:00Z', '2020-01-06T01:15:00Z', $4, 'done', now(), now()) returning id`,
      [randomBytes(4).toString('hex').toUpperCase(), service.rows[0].id, user.rows[0].id, unit.rows[0].id],
    )
    await db.query(`insert into ${s}.appt_trips (booking_id, travel_date, from_station, to_station, purge_after) values ($1, '2020-01-08', '徐州东', '南京南', '2020-01-15')`, [booking.rows[0].id])
    await db.query(`insert into ${s}.appt_passengers (booking_id, position, name, id_card_sealed, id_card_masked) values ($1, 1, '王德明', 'v1.sealed', '3203**********0041')`, [booking.rows[0].id])

    const [first, again] = outcomes(await runFunction([timer, timer], { ...wxEnv(), DATABASE_URL: databaseUrl }), 2)
    expect([ok(first).appointments, ok(again).appointments]).toEqual([
      { reminded: 0, purged: 1 },
      { reminded: 0, purged: 0 },
    ])
    const left = await db.query(`select id_card_sealed, id_card_masked from ${s}.appt_passengers where booking_id = $1`, [booking.rows[0].id])
    expect(left.rows).toEqual([{ id_card_sealed: null, id_card_masked: '3203**********0041' }])
  }, 60_000)

  it('the one timer runs every sweep, then delivery: a request nobody answered is escalated and its notices are dealt with', async () => {
    const { triggers } = JSON.parse(fs.readFileSync(path.join(fnDir, 'config.json'), 'utf8'))
    const timer = { Type: 'Timer', TriggerName: triggers[0].name, Time: new Date().toISOString(), Message: '' }

    const s = `"${schema}"`
    const user = await db.query(`insert into ${s}.users (openid, created_at, updated_at) values ($1, now(), now()) returning id`, [`o_sweep_${randomBytes(6).toString('hex')}`])
    const home = await db.query(
      `insert into ${s}.households (building_id, unit, room, created_at) select id, 1, '909', now() from ${s}.buildings order by id limit 1 returning id, building_id`,
    )
    const grid = await db.query(`select grid_id from ${s}.buildings where id = $1`, [home.rows[0].building_id])
    const category = await db.query(`select id from ${s}.hotline_categories order by id limit 1`)
    const request = await db.query(
      `insert into ${s}.hotline_requests (resident_id, household_id, submitted_grid_id, grid_id, category_id, description, state, level, created_at, updated_at)
       values ($1, $2, $3, $3, $4, '三天前的诉求，没人回应', 'submitted', 'grid', now() - interval '3 days', now() - interval '3 days') returning id`,
      [user.rows[0].id, home.rows[0].id, grid.rows[0].grid_id, category.rows[0].id],
    )
    const id = request.rows[0].id

    const [first, again] = outcomes(await runFunction([timer, timer], { ...wxEnv(), DATABASE_URL: databaseUrl }), 2)
    expect(Object.keys(ok(first))).toEqual([...SWEEPING_DOMAINS, 'delivery'])
    expect([ok(first).hotline, ok(again).hotline]).toEqual([
      { overdue: 1, escalated: 1, closed: 0 },
      { overdue: 0, escalated: 0, closed: 0 },
    ])
    // No template is configured in this deployment: the escalation's notices stay in 消息中心, each marked so.
    const outbox = await db.query(`select status, error_code from ${s}.outbox where user_id = $1`, [user.rows[0].id])
    expect(outbox.rows.length).toBeGreaterThan(0)
    expect(outbox.rows.every((r) => r.status === 'skipped' && r.error_code === 'NO_TEMPLATE')).toBe(true)
    expect(ok(first).delivery).toMatchObject({ sent: 0, failed: 0 })
    const after = await db.query(`select state, level from ${s}.hotline_requests where id = $1`, [id])
    expect(after.rows[0]).toEqual({ state: 'escalated', level: 'community' })
    const events = await db.query(`select kind from ${s}.hotline_events where request_id = $1 order by id`, [id])
    expect(events.rows.map((r) => r.kind)).toEqual(['overdue', 'auto_escalated'])
  }, 60_000)

  it('does not migrate at a cold start: against a database behind the code it refuses, says so in Chinese and English, and writes nothing', async () => {
    const names = Object.keys(allMigrations())
    const latest = names[names.length - 1]
    const openid = `o_behind_${randomBytes(6).toString('hex')}`
    const tables = async () => (await db.query(`select table_name from information_schema.tables where table_schema = $1`, [behindSchema])).rows.length

    // Never migrated: the cold start creates no table.
    const [empty] = outcomes(await runFunction([req('community', 'info')], { ...wxEnv(openid), DATABASE_URL: behindUrl }), 1)
    expect(empty.returned).toBeUndefined()
    expect(empty.thrown).toContain('The database is behind this code')
    expect(await tables()).toBe(0)

    // Deployed before the latest migration shipped.
    await migrateDatabase({ NODE_ENV: 'production', DATABASE_URL: behindUrl } as unknown as NodeJS.ProcessEnv)
    const pg = new Client({ connectionString: behindUrl })
    await pg.connect()
    try {
      const k = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: behindUrl, max: 1 }) }) })
      expect(await migrateDownTo(k, names[names.length - 2])).toEqual([latest])
      await k.destroy()
      const snapshot = async () => {
        const counts = await pg.query(`select (select count(*) from kysely_migration)::int as migrations, (select count(*) from users)::int as users, (select count(*) from settings)::int as settings`)
        return counts.rows[0]
      }
      const before = { ...(await snapshot()), tables: await tables() }

      const run = await runFunction([req('community', 'info'), req('account', 'me')], { ...wxEnv(openid), DATABASE_URL: behindUrl })
      const [info, me] = outcomes(run, 2)
      for (const o of [info, me]) {
        expect(o.returned).toBeUndefined()
        expect(o.thrown).toContain(`数据库结构落后于代码，未执行的迁移：${latest}`)
        expect(o.thrown).toContain(`The database is behind this code: 1 migration(s) not applied (${latest})`)
        expect(o.thrown).toContain('npm run migrate')
      }
      expect(run.logs).toContain('[api] cloud function cannot start: 数据库结构落后于代码')
      expect({ ...(await snapshot()), tables: await tables() }).toEqual(before)
      expect((await pg.query(`select count(*)::int as n from users where openid = $1`, [openid])).rows[0].n).toBe(0)

      // Once the deploy step has run, the same instance shape starts.
      await migrateDatabase({ NODE_ENV: 'production', DATABASE_URL: behindUrl } as unknown as NodeJS.ProcessEnv)
      ok(outcomes(await runFunction([req('community', 'info')], { ...wxEnv(openid), DATABASE_URL: behindUrl }), 1)[0])
    } finally {
      await pg.end()
    }
  }, 60_000)

  it('refuses to start without a PostgreSQL DATABASE_URL', async () => {
    const missing = await runFunction([req('community', 'info')], wxEnv('o_nodb'))
    const [noUrl] = outcomes(missing, 1)
    expect(noUrl.returned).toBeUndefined()
    expect(noUrl.thrown).toMatch(/DATABASE_URL: required for cloud functions/)

    const sqlite = await runFunction([req('community', 'info')], { ...wxEnv('o_nodb'), DATABASE_URL: 'file:///tmp/guandao.sqlite' })
    expect(outcomes(sqlite, 1)[0].thrown).toMatch(/DATABASE_URL: must be a PostgreSQL URL/)
  }, 60_000)
})
