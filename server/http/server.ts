// The HTTP adapter: POST /api/<domain> with the envelope, the H5 build at /, GET /healthz. Identity comes from
// the Authorization header only; everything else is the shared pipeline.
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'
import { ERROR_MESSAGES } from '../../common/errors'
import type { Backend } from '../app'
import type { Identity } from '../core/context'
import rateLimit from '@fastify/rate-limit'
import { sessionUserId } from '../features/auth/identity'
import { registerHeaders } from './headers'
import { registerUploads } from './uploads'
import { registerWeChatPush } from './wechat-push'

export async function createHttpServer(backend: Backend) {
  const { config, log } = backend.services
  const app = Fastify({
    loggerInstance: log.child({ adapter: 'http' }) as unknown as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: typeof config.TRUST_PROXY === 'number' ? hops(config.TRUST_PROXY) : config.TRUST_PROXY,
  })
  // Per caller: the person of a live session, else the client's address (behind TRUST_PROXY, the address the
  // proxy reports). A made-up token is no session, so it counts against its address. In memory, which suits
  // one self-hosted process; several instances behind a proxy should limit there too.
  const callerKey = async (req: FastifyRequest) => {
    const token = bearer(req.headers.authorization)
    const userId = token ? await sessionUserId(backend.services, token) : null
    return userId === null ? `a:${req.ip}` : `u:${userId}`
  }
  await app.register(rateLimit, {
    global: false,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: callerKey,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      ok: false,
      error: { code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED, retryAfterMs: ctx.ttl },
    }),
  })

  const h5 = path.resolve(config.H5_DIR)
  await registerHeaders(app, path.join(h5, 'index.html'))

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

  const api = async (domain: string, req: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(req.headers.authorization)
    const identity: Identity = token ? { kind: 'session', token } : null
    const result = await backend.dispatch(domain, req.body, identity, { address: req.ip })
    return reply.status(result.status).send(result.envelope)
  }
  // Signing in has a small limit of its own, per address: nobody has a session yet to key on.
  app.post('/api/auth', { config: { rateLimit: { max: config.SIGNIN_RATE_LIMIT_PER_MINUTE, keyGenerator: (req: FastifyRequest) => `a:${req.ip}` } } }, (req, reply) =>
    api('auth', req, reply),
  )
  app.post<{ Params: { domain: string } }>('/api/:domain', { config: { rateLimit: {} } }, (req, reply) => api(req.params.domain, req, reply))

  await registerUploads(app, backend, config.fileUrlSecret)
  registerWeChatPush(app, backend)

  app.all('/api/*', async (_req, reply) =>
    reply.status(404).send({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '接口不存在，请使用 POST /api/<domain>' } }),
  )

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

/** TRUST_PROXY as a number: that many proxies nearest the server are believed. */
const hops = (n: number) => (_address: string, hop: number) => hop < n
