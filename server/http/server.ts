// The HTTP adapter: POST /api/<domain> with the envelope, the H5 build at /, GET /healthz. Identity comes from
// the Authorization header only; everything else is the shared pipeline.
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify'
import fastifyStatic from '@fastify/static'
import { ERROR_MESSAGES } from '../../common/errors'
import type { Backend } from '../app'
import type { Identity } from '../core/context'
import { registerUploads } from './uploads'
import rateLimit from '@fastify/rate-limit'

export async function createHttpServer(backend: Backend) {
  const { config, log } = backend.services
  const app = Fastify({ loggerInstance: log.child({ adapter: 'http' }) as unknown as FastifyBaseLogger, bodyLimit: 1024 * 1024, logController: new LogController({ disableRequestLogging: true }) })
  // Per caller: the session token when there is one, the address otherwise. In memory, which suits one
  // self-hosted process; several instances behind a proxy should limit there.
  await app.register(rateLimit, {
    global: false,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req) => bearer(req.headers.authorization)?.slice(0, 24) ?? req.ip,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      ok: false,
      error: { code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED, retryAfterMs: ctx.ttl },
    }),
  })

  // Bodies that are not JSON objects still get the envelope, never a framework page or a 500.
  app.setErrorHandler((err: { statusCode?: number; code?: string; ok?: boolean }, _req, reply) => {
    if (err.statusCode === 429) return reply.status(429).send({ ok: false, error: { code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED } })
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500) log.error({ err }, 'http error')
    const message =
      status === 413 ? '提交的内容过大' : status === 415 ? '请求格式应为 JSON' : status === 500 ? ERROR_MESSAGES.INTERNAL : '请求格式有误'
    reply.status(status === 413 || status === 415 ? 400 : status).send({ ok: false, error: { code: status === 500 ? 'INTERNAL' : 'BAD_INPUT', message } })
  })

  app.get('/healthz', async () => {
    await backend.services.db.selectFrom('community').select('id').executeTakeFirst()
    // `now` is the server's clock, which development and the end-to-end tests may start elsewhere (CLOCK_START).
    return { ok: true, engine: backend.services.engine, now: backend.services.clock().toISOString() }
  })

  app.post<{ Params: { domain: string } }>('/api/:domain', { config: { rateLimit: {} } }, async (req, reply) => {
    const token = bearer(req.headers.authorization)
    const identity: Identity = token ? { kind: 'session', token } : null
    const result = await backend.dispatch(req.params.domain, req.body, identity)
    return reply.status(result.status).send(result.envelope)
  })

  await registerUploads(app, backend, config.fileUrlSecret)

  app.all('/api/*', async (_req, reply) =>
    reply.status(404).send({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '接口不存在，请使用 POST /api/<domain>' } }),
  )

  const h5 = path.resolve(config.H5_DIR)
  if (fs.existsSync(path.join(h5, 'index.html'))) {
    await app.register(fastifyStatic, { root: h5, prefix: '/', index: ['index.html'], cacheControl: false })
    app.setNotFoundHandler((_req, reply) => reply.sendFile('index.html'))
  } else {
    log.warn({ h5 }, 'H5 build not found; serving the API only (run npm run build:h5)')
  }
  return app
}

function bearer(header: string | undefined): string | null {
  if (!header) return null
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  return m ? m[1] : null
}
