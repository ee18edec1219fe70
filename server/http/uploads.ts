// Photo uploads over HTTP: POST /api/upload (multipart, one image; ?kind=poster for an event's poster) and GET /api/uploads/:id with a signed URL.
// The type is read from the file's first bytes, never from its name or the header the client sends; then the
// image is decoded and written again as a JPEG (sharp), which keeps the picture and drops everything else: GPS
// and camera metadata, and whatever a file that only looks like an image carries. Only people who attach photos
// may upload, at a rate of their own, with a cap on photos not yet sent; unsent ones are swept after a day.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import multipart from '@fastify/multipart'
import sharp from 'sharp'
import type { FastifyInstance } from 'fastify'
import type { Backend } from '../app'
import { resolveSession } from '../features/auth/identity'
import { signedUploadUrl, verifyUploadSignature } from '../core/file-urls'
import { uploadFile, uploadRoot } from '../core/upload-files'
import { ERROR_MESSAGES } from '../../common/errors'
import { HANDLER_ROLES, type Role } from '../../common/contract'
import { ORGANISER_ROLES } from '../features/events/actions'
import { unattachedCount } from '../features/hotline/photos-repo'
import { initialReview, submitPhoto } from '../features/moderation/photos'
import { UPLOAD_POLICY } from './headers'

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
/** Photos a person may hold uploaded but not yet sent with a request or reply (three per request, and slack). */
export const MAX_UNATTACHED = 12
/** The longer side of a stored photo, in pixels: plenty for a broken lamp, a fraction of a phone's original. */
const MAX_SIDE = 2048
/** Who attaches photos: residents to their requests, handlers to their replies. */
const UPLOADERS: readonly Role[] = ['resident', ...HANDLER_ROLES]
/** Who uploads event posters: the roles that organise events (a volunteer only leads their team's). */
const POSTER_UPLOADERS: readonly Role[] = ORGANISER_ROLES

const SIGNATURES: { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
]

const refuse = (code: 'BAD_INPUT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT', message: string, fields?: Record<string, string>) => ({
  ok: false as const,
  error: { code, message, ...(fields ? { fields } : {}) },
})

export async function registerUploads(app: FastifyInstance, backend: Backend, secret: string) {
  const { db, clock, config } = backend.services
  const root = uploadRoot(config)

  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 2, parts: 3 } })

  const rateLimit = { max: config.UPLOAD_RATE_LIMIT_PER_MINUTE }
  app.post<{ Querystring: { kind?: string } }>('/api/upload', { config: { rateLimit } }, async (req, reply) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
    const actor = m ? ((await resolveSession(backend.services, m[1]))?.actor ?? null) : null
    if (!actor) return reply.status(401).send(refuse('UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED))
    if (!actor.consented) return reply.status(403).send({ ok: false, error: { code: 'CONSENT_REQUIRED', message: ERROR_MESSAGES.CONSENT_REQUIRED } })
    const kind = req.query.kind ?? 'hotline'
    if (kind !== 'hotline' && kind !== 'poster') return reply.status(400).send(refuse('BAD_INPUT', '上传用途无效', { kind: '上传用途无效' }))
    const allowed = kind === 'poster' ? POSTER_UPLOADERS : UPLOADERS
    if (!actor.roles.some((r) => allowed.includes(r))) {
      return reply.status(403).send(refuse('FORBIDDEN', kind === 'poster' ? '只有活动组织者可以上传海报' : '请先登记住户信息，再上传照片'))
    }
    if ((await unattachedCount(db, actor.userId, kind)) >= MAX_UNATTACHED) {
      return reply.status(409).send(refuse('CONFLICT', '还有未提交的照片，请先提交诉求或稍后再试', { file: '还有未提交的照片，请先提交诉求或稍后再试' }))
    }
    if (!req.isMultipart()) return reply.status(400).send(refuse('BAD_INPUT', '请选择要上传的照片', { file: '请选择要上传的照片' }))

    const file = await req.file()
    if (!file) return reply.status(400).send(refuse('BAD_INPUT', '请选择要上传的照片', { file: '请选择要上传的照片' }))
    const data = await file.toBuffer().catch(() => null)
    if (!data || file.file.truncated) {
      return reply.status(400).send(refuse('BAD_INPUT', '照片不能超过5MB', { file: '照片不能超过5MB' }))
    }
    const type = SIGNATURES.find((s) => s.test(data))
    if (!type) return reply.status(400).send(refuse('BAD_INPUT', '只能上传 JPG、PNG 或 WebP 格式的照片', { file: '只能上传 JPG、PNG 或 WebP 格式的照片' }))
    const photo = await reencoded(data)
    if (!photo) return reply.status(400).send(refuse('BAD_INPUT', '照片无法识别，请换一张照片', { file: '照片无法识别，请换一张照片' }))

    const now = clock()
    const rel = path.join(String(now.getUTCFullYear()), `${randomBytes(12).toString('hex')}.jpg`)
    await fs.mkdir(path.join(root, path.dirname(rel)), { recursive: true })
    await fs.writeFile(path.join(root, rel), photo, { flag: 'wx' })
    const row = await db
      .insertInto('uploads')
      .values({ owner_id: actor.userId, kind, storage: 'disk', path_or_file_id: rel, mime: 'image/jpeg', bytes: photo.length, created_at: now.toISOString(), review: initialReview(backend.services) })
      .returning('id')
      .executeTakeFirstOrThrow()
    // Held from others until WeChat's verdict comes back (server/features/moderation/photos.ts).
    await submitPhoto(backend.services, { id: row.id, ownerId: actor.userId, kind, storage: 'disk', ref: rel })
    return reply.send({ ok: true, data: { id: row.id, url: signedUploadUrl(secret, row.id, now) } })
  })

  app.get<{ Params: { id: string }; Querystring: { e?: string; s?: string } }>('/api/uploads/:id', async (req, reply) => {
    const id = Number(req.params.id)
    const ok = Number.isSafeInteger(id) && id > 0 && verifyUploadSignature(secret, id, Number(req.query.e), String(req.query.s ?? ''), clock())
    const row = ok ? await db.selectFrom('uploads').select(['storage', 'path_or_file_id', 'mime']).where('id', '=', id).executeTakeFirst() : undefined
    if (!row || row.storage !== 'disk') return reply.status(404).send(refuse('NOT_FOUND', '照片不存在或链接已过期'))
    const file = uploadFile(root, row.path_or_file_id)
    if (!file) return reply.status(404).send(refuse('NOT_FOUND', '照片不存在或链接已过期'))
    const data = await fs.readFile(file).catch(() => null)
    if (!data) return reply.status(404).send(refuse('NOT_FOUND', '照片不存在或链接已过期'))
    return reply
      .header('content-type', row.mime)
      .header('cache-control', 'private, max-age=3600')
      .header('content-security-policy', UPLOAD_POLICY)
      .header('content-disposition', 'inline')
      .send(data)
  })
}

/** The picture alone, upright, at most MAX_SIDE on its longer side, as a JPEG; null when it does not decode. */
async function reencoded(data: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(data, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer()
  } catch {
    return null
  }
}
