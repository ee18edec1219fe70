// Every action of every domain, read from the action tables themselves: bad input is a 400 that names the field
// in Chinese, never a 500. A new action is covered the moment it is added to a table.
import { z } from 'zod'
import type { Access, ActionSpec, Role } from '../../common/contract'
import { engines, isChinese, startBackend, type TestBackend } from '../testing/harness'
import { modules } from './index'

interface Case {
  domain: string
  action: string
  spec: ActionSpec
}

const cases: Case[] = Object.entries(modules).flatMap(([domain, mod]) =>
  Object.entries(mod.contract.actions as Record<string, ActionSpec>).map(([action, spec]) => ({ domain, action, spec })),
)

/** A seeded demo person allowed to call the action, so that the input check is what answers. */
const DEMO_FOR_ROLE: Record<Role, string> = {
  resident: 'resident',
  grid_worker: 'gridworker',
  volunteer: 'volunteer',
  driver: 'driver',
  staff: 'staff',
  admin: 'admin',
}
function callerFor(access: Access): string | null {
  if (access === 'public') return null
  if (access === 'user') return 'resident'
  return DEMO_FOR_ROLE[access[0]]
}

function shapeOf(spec: ActionSpec): Record<string, z.ZodType> | null {
  return spec.input instanceof z.ZodObject ? (spec.input.shape as Record<string, z.ZodType>) : null
}

const requiredKeys = (spec: ActionSpec) =>
  Object.entries(shapeOf(spec) ?? {})
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key)

/** A value of the wrong kind for the field: the first probe the field's own schema refuses. */
const PROBES: unknown[] = [{ bogus: true }, ['x'], 'x'.repeat(5000), -1.5, true]
function wrongValueFor(field: z.ZodType): unknown {
  return PROBES.find((p) => !field.safeParse(p).success)
}

const fieldCases = cases.flatMap((c) => Object.keys(shapeOf(c.spec) ?? {}).map((key) => ({ ...c, key })))
/** Fields that take a whole number (or a list of them): ids, units, pages. */
const numericFieldCases = fieldCases.flatMap((c) => {
  const field = shapeOf(c.spec)![c.key]
  if (field.safeParse(1).success) return [{ ...c, list: false }]
  if (field.safeParse([1]).success && !field.safeParse(['x']).success) return [{ ...c, list: true }]
  return []
})
const withRequired = cases.filter((c) => requiredKeys(c.spec).length > 0)
const withEmptyInput = cases.filter((c) => shapeOf(c.spec) !== null && Object.keys(shapeOf(c.spec)!).length === 0)

test('the action tables are read: every domain and every action is covered', () => {
  expect(cases.length).toBeGreaterThanOrEqual(20)
  expect(new Set(cases.map((c) => c.domain))).toEqual(new Set(Object.keys(modules)))
  // Inputs are objects so that the wire's `data` maps to them and a bad field can be named.
  for (const c of cases) expect([`${c.domain}.${c.action}`, shapeOf(c.spec) !== null]).toEqual([`${c.domain}.${c.action}`, true])
  expect(withRequired.length + withEmptyInput.length).toBeGreaterThan(0)
  expect(numericFieldCases.map((c) => `${c.domain}.${c.action}.${c.key}`)).toEqual(
    expect.arrayContaining(['announcements.get.id', 'account.register.buildingId', 'people.assign.gridIds', 'people.assign.teamId']),
  )
})

describe.each(engines())('bad input on every action, on %s', (engine) => {
  let t: TestBackend
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    t = await startBackend(engine)
    for (const key of new Set(Object.values(DEMO_FOR_ROLE))) tokens[key] = await t.signIn(key)
  })
  afterAll(() => t?.close())

  function send(c: Case, data: unknown) {
    const who = callerFor(c.spec.access)
    return t.dispatch(c.domain, { action: c.action, data }, who ? { kind: 'session', token: tokens[who] } : null)
  }

  test.each(cases.map((c) => [`${c.domain}.${c.action}`, c] as const))('%s: data that is not an object → 400 naming data', async (_name, c) => {
    for (const data of ['x', [1], 7, true]) {
      const res = await send(c, data)
      expect([res.status, res.error?.code]).toEqual([400, 'BAD_INPUT'])
      expect(Object.keys(res.error?.fields ?? {})).toEqual(['data'])
      expect(isChinese(res.error?.message)).toBe(true)
    }
  })

  if (withRequired.length) {
    test.each(withRequired.map((c) => [`${c.domain}.${c.action}`, c] as const))('%s: missing required fields → 400 naming each', async (_name, c) => {
      const res = await send(c, {})
      expect([res.status, res.error?.code]).toEqual([400, 'BAD_INPUT'])
      const fields = res.error?.fields ?? {}
      for (const key of requiredKeys(c.spec)) {
        expect([key, isChinese(fields[key])]).toEqual([key, true])
      }
      expect(res.error?.message).toBe(Object.values(fields)[0])
    })
  }

  test.each(fieldCases.map((c) => [`${c.domain}.${c.action}`, c.key, c] as const))('%s: a wrong %s → 400 naming it', async (_name, key, c) => {
    const field = shapeOf(c.spec)![key]
    const bad = wrongValueFor(field)
    expect(bad).toBeDefined()
    const res = await send(c, { [key]: bad })
    expect([res.status, res.error?.code]).toEqual([400, 'BAD_INPUT'])
    // An object field is named by itself or by the parts inside it that are wrong (trip.travelDate).
    const named = Object.keys(res.error?.fields ?? {}).filter((k) => k === key || k.startsWith(`${key}.`))
    expect([key, named.length > 0]).toEqual([key, true])
    expect(named.every((k) => isChinese(res.error?.fields?.[k]))).toBe(true)
  })

  // PostgreSQL text cannot hold U+0000; SQLite can. Either way the person gets a 400 naming the field.
  test.each(fieldCases.map((c) => [`${c.domain}.${c.action}`, c.key, c] as const))('%s: a NUL character in %s → 400, never 500', async (_name, key, c) => {
    const res = await send(c, { [key]: '红石榴\u0000社区服务' })
    expect([res.status, res.error?.code]).toEqual([400, 'BAD_INPUT'])
    if (requiredKeys(c.spec).every((k) => k === key)) expect(res.error?.fields).toHaveProperty([key])
  })

  // Ids are PostgreSQL integers: a bigger number must be refused up front, or PostgreSQL (not SQLite) fails with a 500.
  test.each(numericFieldCases.map((c) => [`${c.domain}.${c.action}`, c.key, c] as const))('%s: %s beyond the integer range → 400 naming it', async (_name, key, c) => {
    for (const n of [2_147_483_648, Number.MAX_SAFE_INTEGER]) {
      const value = c.list ? [n] : n
      const res = await send(c, { [key]: value })
      expect([res.status, res.error?.code]).toEqual([400, 'BAD_INPUT'])
      expect(Object.keys(res.error?.fields ?? {}).filter((k) => k === key || k.startsWith(`${key}.`))).not.toEqual([])
    }
  })

  test.each(withEmptyInput.map((c) => [`${c.domain}.${c.action}`, c] as const))('%s (no input): garbage never causes a 500', async (_name, c) => {
    for (const data of ['', [], [1], 0, false]) {
      const res = await send(c, data)
      expect([JSON.stringify(data), res.status, Object.keys(res.error?.fields ?? {})]).toEqual([JSON.stringify(data), 400, ['data']])
    }
  })
})
