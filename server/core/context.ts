import type { Logger } from 'pino'
import type { ActionSpec, ActionTable, DomainContract, OutputOf, ParsedInputOf, Role } from '../../common/contract'
import type { Clock } from '../../common/time'
import type { Db, Engine } from '../db/connect'
import type { Capacity } from './capacity'
import type { Config } from './config'
import type { FeatureModule } from './feature'
import type { Sender } from '../features/messages/wechat/sender'
import type { ContentChecker } from '../features/moderation/checker'

/** Who is calling, as resolved by the pipeline from the adapter's identity. Never taken from a request body. */
export interface Actor {
  userId: number
  roles: Role[]
  /** Has accepted the current version of the privacy notice. */
  consented: boolean
}

export interface Services {
  db: Db
  engine: Engine
  clock: Clock
  config: Config
  log: Logger
  /** Places without overbooking (server/core/capacity.ts). */
  capacity: Capacity
  /** Every domain the backend serves (server/features/index.ts), for work that spans them: export, deletion. */
  modules: readonly FeatureModule[]
  /** Sends WeChat subscribe messages (the cloud's openapi or the HTTPS API); null when none is set up. */
  sender: Sender | null
  /** Checks user content with WeChat (server/features/moderation); null when none is set up (development, the demo). */
  checker: ContentChecker | null
}

export type Identity = { kind: 'session'; token: string } | { kind: 'openid'; openid: string } | null

/** Where a request came from, as the adapter saw it: the HTTP client's address (behind TRUST_PROXY, the proxy's word for it). */
export interface Client {
  address: string
}

export interface Ctx extends Services {
  actor: Actor | null
  identity: Identity
  /** Absent for calls that do not come over the network (cloud functions, in-process callers). */
  client?: Client
  requestId: string
}

/** A context whose caller is known; handlers of non-public actions receive this. */
export interface AuthedCtx extends Ctx {
  actor: Actor
}

export type Handler<S> = S extends ActionSpec
  ? (input: ParsedInputOf<S>, ctx: S['access'] extends 'public' ? Ctx : AuthedCtx) => Promise<OutputOf<S>>
  : never

export type Handlers<T extends ActionTable> = { [K in keyof T]: Handler<T[K]> }

export interface DomainModule<T extends ActionTable = ActionTable, N extends string = string> {
  contract: DomainContract<N, T>
  handlers: Handlers<T>
}

/** Ties a contract to its handlers; the type checker refuses a missing or mistyped handler. */
export function implement<N extends string, T extends ActionTable>(
  contract: DomainContract<N, T>,
  handlers: Handlers<T>,
): DomainModule<T, N> {
  return { contract, handlers }
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r))
}
