// Photos are shown in <Image> tags, which cannot send the Authorization header. The server therefore hands out
// short-lived signed addresses: whoever was allowed to read the request gets a URL that works for an hour.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../db/connect'

export const FILE_URL_TTL_MS = 60 * 60 * 1000

function signature(secret: string, id: number, expires: number): string {
  return createHmac('sha256', secret).update(`upload:${id}:${expires}`).digest('base64url').slice(0, 32)
}

export function signedUploadUrl(secret: string, id: number, now: Date, ttlMs = FILE_URL_TTL_MS): string {
  // Rounded to the hour so a page re-rendered within it gets the same URL and the image stays cached.
  const expires = Math.ceil((now.getTime() + ttlMs) / FILE_URL_TTL_MS) * FILE_URL_TTL_MS
  return `/api/uploads/${id}?e=${expires}&s=${signature(secret, id, expires)}`
}

export function verifyUploadSignature(secret: string, id: number, expires: number, sig: string, now: Date): boolean {
  if (!Number.isSafeInteger(expires) || expires < now.getTime()) return false
  const expected = Buffer.from(signature(secret, id, expires))
  const given = Buffer.from(sig)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * Where the client fetches an upload (a hotline photo, an event poster): a cloud file by its fileID; a file on disk
 * through the HTTP server's upload route, by a signed address that expires (image tags cannot send the token).
 */
export function uploadUrl(services: { config: { fileUrlSecret: string }; clock: () => Date }, p: { id: number; storage: 'disk' | 'cloud'; ref: string }): string {
  return p.storage === 'cloud' ? p.ref : signedUploadUrl(services.config.fileUrlSecret, p.id, services.clock())
}

/**
 * The signing secret when FILE_URL_SECRET is not set: made once and kept in the database, so every process on
 * that database signs alike and a restart does not break the photo links already on screen. The first process
 * to write it wins; the others read what it wrote.
 */
export async function storedFileUrlSecret(db: Db, now: string): Promise<string> {
  const feature = 'file-urls'
  await db
    .insertInto('settings')
    .values({ feature, value: JSON.stringify({ secret: randomBytes(24).toString('hex') }), updated_at: now })
    .onConflict((oc) => oc.column('feature').doNothing())
    .execute()
  const row = await db.selectFrom('settings').select('value').where('feature', '=', feature).executeTakeFirstOrThrow()
  return (JSON.parse(row.value) as { secret: string }).secret
}
