// WeChat's message push over HTTPS (MP console → 开发管理 → 消息推送, 明文模式, data format JSON), at
// /api/wechat/push: GET answers the console's address check with its echostr; POST carries events, of which this
// server takes the photo verdicts of content security (server/features/moderation/push.ts). Every request must
// carry WeChat's signature made with WECHAT_PUSH_TOKEN; without the token set the address does not exist.
import type { FastifyInstance } from 'fastify'
import type { Backend } from '../app'
import { handlePush, validPushSignature } from '../features/moderation/push'

type PushQuery = { signature?: string; timestamp?: string; nonce?: string; echostr?: string }

export function registerWeChatPush(app: FastifyInstance, backend: Backend) {
  const token = backend.services.config.WECHAT_PUSH_TOKEN
  if (!token) return
  app.get<{ Querystring: PushQuery }>('/api/wechat/push', async (req, reply) => {
    if (!validPushSignature(token, req.query)) return reply.status(403).type('text/plain').send('invalid signature')
    return reply.type('text/plain').send(req.query.echostr ?? '')
  })
  app.post<{ Querystring: PushQuery }>('/api/wechat/push', { config: { rateLimit: {} } }, async (req, reply) => {
    if (!validPushSignature(token, req.query)) return reply.status(403).type('text/plain').send('invalid signature')
    let body: unknown = req.body
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body)
      } catch {
        return reply.status(400).type('text/plain').send('body is not JSON')
      }
    }
    await handlePush(backend.services, body)
    // WeChat wants "success" (or nothing), else it pushes again.
    return reply.type('text/plain').send('success')
  })
}
