// WeChat's verdict on a photo arrives as a message push (Event wxa_media_check): over HTTPS to the server's push
// address, signed with the token set in the MP console (明文模式, JSON), or in the cloud as the event of the
// function the 云开发 console routes it to. Both end in recordVerdict; only a trace id this server handed out for
// a photo still pending changes anything, and trace ids are never shown to clients.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Services } from '../../core/context'
import type { Suggest } from './checker'
import { recordVerdict } from './photos'

/** WeChat's signature over a push: sha1 of the token, timestamp and nonce sorted and joined. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
}

export function validPushSignature(token: string, q: { signature?: unknown; timestamp?: unknown; nonce?: unknown }): boolean {
  if (typeof q.signature !== 'string' || typeof q.timestamp !== 'string' || typeof q.nonce !== 'string') return false
  const expected = Buffer.from(pushSignature(token, q.timestamp, q.nonce))
  const given = Buffer.from(q.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

export interface MediaVerdict {
  traceId: string
  suggest: Suggest
  label: number | null
}

/** The photo verdict a push carries, or null for any other push. A check WeChat could not complete is left to staff (review). */
export function mediaVerdictOf(body: unknown): MediaVerdict | null {
  if (!body || typeof body !== 'object') return null
  const b = body as Record<string, unknown>
  if (b.Event !== 'wxa_media_check' || typeof b.trace_id !== 'string' || !b.trace_id) return null
  const result = (b.result ?? {}) as { suggest?: unknown; label?: unknown }
  const failed = Number(b.errcode ?? 0) !== 0
  const suggest: Suggest = !failed && (result.suggest === 'pass' || result.suggest === 'risky' || result.suggest === 'review') ? result.suggest : 'review'
  const label = typeof result.label === 'number' ? result.label : null
  return { traceId: b.trace_id, suggest, label }
}

/** Handles one push; true when it was a photo verdict. */
export async function handlePush(services: Services, body: unknown): Promise<boolean> {
  const v = mediaVerdictOf(body)
  if (!v) return false
  await recordVerdict(services, v)
  return true
}
