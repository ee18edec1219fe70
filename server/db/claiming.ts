// A request's idempotency key is claimed just before its first write, on the connection that makes the write, so
// that a refusal (a full slot, a bad input found by a read) writes nothing at all, and a claim made inside a
// transaction that rolls back disappears with it. The pipeline opens a request scope holding the pending claim;
// this dialect wrapper runs the claim when a statement of that request is about to change data.
import { AsyncLocalStorage } from 'node:async_hooks'
import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type Kysely, type QueryResult, type TransactionSettings } from 'kysely'

/** The idempotency claim of one request: an INSERT … ON CONFLICT DO NOTHING, compiled for the engine. */
export class PendingClaim {
  /** The claim row exists (committed, or inside a transaction still open). */
  done = false
  private running: Promise<void> | null = null

  constructor(private readonly insert: CompiledQuery) {}

  run(conn: ClaimingConnection): Promise<void> {
    this.running ??= conn.inner.executeQuery(this.insert).then(
      (res) => {
        if (Number(res.numAffectedRows ?? 0) === 0) throw new ClaimTaken()
        this.done = true
        if (conn.inTransaction) conn.claims.push(this)
      },
      (err) => {
        this.running = null
        throw err
      },
    )
    return this.running
  }

  /** The transaction holding the claim rolled back: the row went with it, so a later write claims again. */
  undo(): void {
    this.done = false
    this.running = null
  }
}

/** Another request with the same key claimed it first (a double tap on two instances, or two at once). */
export class ClaimTaken extends Error {
  constructor() {
    super('idempotency key claimed by another request')
  }
}

const scope = new AsyncLocalStorage<{ claim: PendingClaim }>()

/** Runs one request's work so that its first write claims `claim` first. */
export function withClaim<T>(claim: PendingClaim, run: () => Promise<T>): Promise<T> {
  return scope.run({ claim }, run)
}

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode'])
const WRITE_SQL = /^\s*(insert|update|delete|replace|merge)\b/i

function isWrite(q: CompiledQuery): boolean {
  return WRITE_NODES.has(q.query.kind) || (q.query.kind === 'RawNode' && WRITE_SQL.test(q.sql))
}

class ClaimingConnection implements DatabaseConnection {
  inTransaction = false
  /** Claims made inside the open transaction, undone if it rolls back. */
  claims: PendingClaim[] = []

  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const claim = scope.getStore()?.claim
    if (claim && !claim.done && isWrite(q)) await claim.run(this)
    return this.inner.executeQuery<R>(q)
  }

  streamQuery<R>(q: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(q, chunkSize)
  }
}

class ClaimingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly beginImmediate: boolean,
  ) {}

  init() {
    return this.inner.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new ClaimingConnection(await this.inner.acquireConnection())
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const c = conn as ClaimingConnection
    if (this.beginImmediate) await c.inner.executeQuery(CompiledQuery.raw('begin immediate'))
    else await this.inner.beginTransaction(c.inner, settings)
    c.inTransaction = true
    c.claims = []
  }

  async commitTransaction(conn: DatabaseConnection) {
    const c = conn as ClaimingConnection
    await this.inner.commitTransaction(c.inner)
    c.inTransaction = false
    c.claims = []
  }

  async rollbackTransaction(conn: DatabaseConnection) {
    const c = conn as ClaimingConnection
    try {
      await this.inner.rollbackTransaction(c.inner)
    } finally {
      c.inTransaction = false
      c.claims.forEach((claim) => claim.undo())
      c.claims = []
    }
  }

  releaseConnection(conn: DatabaseConnection) {
    return this.inner.releaseConnection((conn as ClaimingConnection).inner)
  }

  destroy() {
    return this.inner.destroy()
  }
}

/**
 * The engine's dialect, with writes made inside a request scope claiming that request's key first.
 *
 * `beginImmediate` (SQLite): a transaction takes the write lock when it begins. A deferred one that reads first
 * and writes later cannot wait for the lock when another process holds it (SQLite answers BUSY at once rather
 * than deadlock), and transactions here read before they write: the claim, the unit, then the take.
 */
export function claimingDialect(inner: Dialect, opts: { beginImmediate?: boolean } = {}): Dialect {
  return {
    createDriver: () => new ClaimingDriver(inner.createDriver(), opts.beginImmediate ?? false),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db: Kysely<unknown>) => inner.createIntrospector(db),
  }
}
