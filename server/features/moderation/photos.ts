// Photos people upload (hotline photos, event posters) are handed to WeChat's asynchronous check as soon as they
// are stored, and held back from everyone but their uploader and staff until the verdict clears them. WeChat
// pushes the verdict (push.ts); a photo it could not be handed over is tried again by the sweep; staff decide
// on what WeChat calls 可疑, on a verdict that never came, and can take any photo down.
import type { Services } from '../../core/context'
import type { PhotoReview } from '../../core/tables'
import { signedUploadUrl, uploadUrl } from '../../core/file-urls'
import type { PhotoOut, PhotoState } from './actions'
import type { Suggest } from './checker'
import * as repo from './repo'

/** WeChat fetches the photo within minutes; the address it is given stays valid this long, for late fetches. */
export const CHECK_URL_TTL_MS = 24 * 3600_000
/** Attempts at handing a photo over before staff decide on it alone. */
export const MAX_SUBMIT_TRIES = 5
/** WeChat answers within half an hour as a rule; a photo still pending after this is shown to staff as overdue. */
export const VERDICT_OVERDUE_MS = 60 * 60_000

/** A flagged text's excerpt is kept this long after staff looked at it. */
export const FLAG_KEEP_DAYS = 30

/** The state a new upload starts in: held for the check when there is a checker, shown at once when there is none. */
export const initialReview = (services: Pick<Services, 'checker'>): PhotoReview => (services.checker ? 'pending' : 'none')

/** Seen by everyone. */
const PUBLIC: readonly PhotoReview[] = ['none', 'pass', 'released']

export interface UploadForView {
  id: number
  storage: 'disk' | 'cloud'
  ref: string
  ownerId: number
  review: PhotoReview
}

export interface Viewer {
  userId: number
  /** Staff see held photos too (to decide on them). */
  staff: boolean
}

/**
 * A photo as this viewer gets it, or null when it is not for them at all: taken down, or refused and not theirs.
 * Held photos reach others as a placeholder, so a grid worker knows one is coming.
 */
export function photoView(services: Pick<Services, 'config' | 'clock'>, viewer: Viewer | null, p: UploadForView): PhotoOut | null {
  if (p.review === 'removed') return null
  if (PUBLIC.includes(p.review)) return { id: p.id, url: uploadUrl(services, p), state: 'shown' }
  const state: PhotoState = p.review === 'risky' ? 'refused' : 'checking'
  const insider = viewer !== null && (viewer.staff || viewer.userId === p.ownerId)
  if (insider) return { id: p.id, url: uploadUrl(services, p), state }
  return state === 'refused' ? null : { id: p.id, url: null, state }
}

/** The address WeChat fetches a photo from: the server's public address and a signed link that lasts a day. */
function checkUrl(services: Services, p: { id: number; storage: 'disk' | 'cloud'; ref: string }): string | null {
  // A cloud file is fetched by its temporary URL; cloud uploads are registered by the cloud adapter (not here yet).
  if (p.storage !== 'disk' || !services.config.PUBLIC_URL) return null
  const link = signedUploadUrl(services.config.fileUrlSecret, p.id, services.clock(), CHECK_URL_TTL_MS)
  return new URL(link, services.config.PUBLIC_URL).toString()
}

/** Hands one stored photo to WeChat's check. Never throws: a photo not handed over stays pending for the sweep. */
export async function submitPhoto(services: Services, p: { id: number; ownerId: number; kind: 'hotline' | 'poster'; storage: 'disk' | 'cloud'; ref: string }): Promise<void> {
  const checker = services.checker
  if (!checker) return
  const now = () => services.clock().toISOString()
  try {
    const url = checkUrl(services, p)
    const openid = await repo.openidOf(services.db, p.ownerId)
    if (!openid || !url) {
      services.log.warn({ uploadId: p.id, openid: !!openid, url: !!url }, 'photo cannot be handed to the content check; staff decide')
      await repo.submitted(services.db, p.id, { trace: null, now: now() })
      return
    }
    const res = await checker.media({ openid, url, scene: p.kind === 'poster' ? 'forum' : 'comment' })
    if (!res.ok) services.log.warn({ uploadId: p.id, code: res.code, reason: res.message }, 'photo not handed to the content check')
    await repo.submitted(services.db, p.id, { trace: res.ok ? res.traceId : null, now: now() })
  } catch (err) {
    services.log.error({ err, uploadId: p.id }, 'handing a photo to the content check failed')
  }
}

/** Photos WeChat could not be given at upload, tried again (the content check's part of every sweep). */
export async function resubmitPhotos(services: Services): Promise<{ resubmitted: number }> {
  if (!services.checker) return { resubmitted: 0 }
  const rows = await repo.unsubmitted(services.db, MAX_SUBMIT_TRIES, 20)
  for (const r of rows) await submitPhoto(services, r)
  return { resubmitted: rows.length }
}

/** WeChat's verdict on a photo: pass shows it to everyone, risky keeps it hidden, review leaves it to staff. */
export async function recordVerdict(services: Services, v: { traceId: string; suggest: Suggest; label: number | null }): Promise<number | null> {
  const id = await repo.verdict(services.db, v.traceId, { review: v.suggest, label: v.label, now: services.clock().toISOString() })
  services.log.info({ traceId: v.traceId, suggest: v.suggest, label: v.label, uploadId: id }, id ? 'photo verdict recorded' : 'photo verdict for no pending photo')
  return id
}
