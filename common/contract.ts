// The action-table vocabulary. Each domain declares its actions once (name, zod input, output type, roles);
// the server validates and authorizes from that table and the client's typed call() is derived from it.
import type { z } from 'zod'

/** Record ids are PostgreSQL `integer` columns: a larger number must be refused as bad input, not reach the database. */
export const MAX_ID = 2_147_483_647

export const ROLES = ['resident', 'grid_worker', 'volunteer', 'driver', 'staff', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Community staff; an admin is staff who also grants roles. */
export const STAFF_ROLES = ['staff', 'admin'] as const satisfies readonly Role[]
/** Who handles residents' requests: their grid workers, and staff for every grid. */
export const HANDLER_ROLES = ['grid_worker', ...STAFF_ROLES] as const satisfies readonly Role[]
/** Who runs the shuttle at the bus door: its drivers, and staff for every departure. */
export const BUS_ROLES = ['driver', ...STAFF_ROLES] as const satisfies readonly Role[]

/**
 * Who may call an action:
 * - 'public': no session needed (signing in, community facts);
 * - 'user': any signed-in person, even one who has not consented or registered yet;
 * - a role list: a signed-in person holding at least one of the roles.
 */
export type Access = 'public' | 'user' | readonly Role[]

/**
 * Where the words a person writes appear, as WeChat's text check (msgSecCheck v2) is told: a profile (names,
 * titles of things), a comment (replies, reasons, notes to someone), a forum post (requests, announcements and
 * descriptions read by many), a social log.
 */
export type ContentScene = 'profile' | 'comment' | 'forum' | 'log'

/**
 * The input fields a person writes that others will read, by path (`stops.*.name` for each item of a list), each
 * with its Chinese name and scene. The pipeline has WeChat check them before the handler stores anything.
 */
export type ContentFields = Readonly<Record<string, { label: string; scene: ContentScene }>>

/** One user-written field of an action: userText('诉求内容', 'forum'). */
export const userText = (label: string, scene: ContentScene) => ({ label, scene }) as const

export interface ActionSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  access: Access
  /** User-written text to check before it is stored or shown (see ContentFields). */
  content?: ContentFields
  /** Queries are safe to retry; mutations are retried only with their idempotency key. */
  kind: 'query' | 'mutation'
  /** Personal data must not be processed before the privacy consent; only a few actions run before it. */
  beforeConsent?: boolean
  /**
   * A mutation that is safe to run again (it changes nothing but records that it ran) and whose answer holds
   * personal data: the pipeline keeps no copy of the answer under the idempotency key, so a retry runs again.
   */
  repeatable?: boolean
  /** Phantom field carrying the output type; never set at run time. */
  readonly __output?: O
}

export function query<O>() {
  return <I extends z.ZodType>(spec: { input: I; access: Access; beforeConsent?: boolean }): ActionSpec<I, O> => ({
    ...spec,
    kind: 'query',
  })
}

export function mutation<O>() {
  return <I extends z.ZodType>(spec: { input: I; access: Access; beforeConsent?: boolean; repeatable?: boolean; content?: ContentFields }): ActionSpec<I, O> => ({
    ...spec,
    kind: 'mutation',
  })
}

export type ActionTable = Record<string, ActionSpec>

export interface DomainContract<N extends string = string, T extends ActionTable = ActionTable> {
  domain: N
  actions: T
}

export function defineDomain<N extends string, T extends ActionTable>(domain: N, actions: T): DomainContract<N, T> {
  return { domain, actions }
}

export type InputOf<S> = S extends ActionSpec<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<S> = S extends ActionSpec<infer I, unknown> ? z.output<I> : never
export type OutputOf<S> = S extends ActionSpec<z.ZodType, infer O> ? O : never

export interface RequestBody {
  action: string
  data?: unknown
  idempotencyKey?: string
}

export function hasAccess(access: Access, roles: readonly Role[] | null): boolean {
  if (access === 'public') return true
  if (roles === null) return false
  if (access === 'user') return true
  return access.some((r) => roles.includes(r))
}
