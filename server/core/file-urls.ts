// Photos are shown in <Image> tags, which cannot send the Authorization header. The server therefore hands out
// short-lived signed addresses: whoever was allowed to read the request gets a URL that works for an hour.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const FILE_URL_TTL_MS = 60 * 60 * 1000

function signature(secret: string, id: number, expires: number): string {
  return createHmac('sha256', secret).update(`upload:${id}:${expires}`).digest('base64url').slice(0, 32)
}

export function signedUploadUrl(secret: string, id: number, now: Date): string {
  // Rounded to the hour so a page re-rendered within it gets the same URL and the image stays cached.
  const expires = Math.ceil((now.getTime() + FILE_URL_TTL_MS) / FILE_URL_TTL_MS) * FILE_URL_TTL_MS
  return `/api/uploads/${id}?e=${expires}&s=${signature(secret, id, expires)}`
}

export function verifyUploadSignature(secret: string, id: number, expires: number, sig: string, now: Date): boolean {
  if (!Number.isSafeInteger(expires) || expires < now.getTime()) return false
  const expected = Buffer.from(signature(secret, id, expires))
  const given = Buffer.from(sig)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
