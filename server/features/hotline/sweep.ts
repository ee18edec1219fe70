// The hotline's scheduled work (module.ts runs it every minute).
import type { Services } from '../../core/context'
import { notify } from '../messages/service'
import { DAY_MS, HOUR_MS, detailLink, dueBefore } from './present'
import * as repo from './repo'
import * as photosRepo from './photos-repo'
import { removeUploadFiles } from '../../core/upload-files'
import { hotlineSettings } from './settings'

export interface SweepResult {
  overdue: number
  escalated: number
  closed: number
}

/**
 * Marks requests that passed the first-response limit (an 'overdue' event, once) and escalates those that
 * passed the second limit unanswered. Each step is one conditional UPDATE … RETURNING in a transaction, so a
 * second sweep, at once or later, finds nothing left to do: safe to run from a timer and from every server.
 */
export async function sweepHotline(services: Services): Promise<SweepResult> {
  const { db } = services
  const now = services.clock()
  const nowIso = now.toISOString()
  const levels = await hotlineSettings.read(db)
  const overdue = await db.transaction().execute(async (tx) => {
    const rows = await repo.markOverdue(tx, dueBefore(now, levels), nowIso)
    for (const r of rows) {
      await repo.insertEvent(tx, { requestId: r.id, kind: 'overdue', actorId: null, actorRole: 'system', text: `超过${levels.firstResponseHours}小时未响应`, now: nowIso })
    }
    return rows.length
  })
  const escalateBefore = new Date(now.getTime() - levels.autoEscalateHours * HOUR_MS).toISOString()
  const escalated = await db.transaction().execute(async (tx) => {
    const rows = await repo.autoEscalate(tx, escalateBefore, nowIso)
    for (const r of rows) {
      await repo.insertEvent(tx, {
        requestId: r.id,
        kind: 'auto_escalated',
        actorId: null,
        actorRole: 'system',
        text: `网格超过${levels.autoEscalateHours}小时未响应，已自动上报社区`,
        now: nowIso,
      })
      const category = (await repo.summaryById(tx, r.id))?.categoryName ?? '诉求'
      await notify(tx, {
        userId: r.resident_id,
        title: '您的诉求已转社区办理',
        body: `您反映的“${category}”诉求网格未能及时响应，已自动上报社区工作人员办理。`,
        link: detailLink(r.id),
        template: 'hotline_progress',
        payload: { requestId: r.id, category, event: 'auto_escalated', state: 'escalated', at: nowIso },
        now: nowIso,
      })
    }
    return rows.length
  })
  // Once it can no longer be reopened, a resolved request the resident did not rate is closed, unrated: the
  // 定星 figures then count it as finished, and the grid's open lists stay short.
  const closeBefore = new Date(now.getTime() - levels.reopenDays * DAY_MS).toISOString()
  const closed = await db.transaction().execute(async (tx) => {
    const rows = await repo.autoClose(tx, closeBefore, nowIso)
    for (const r of rows) {
      await repo.insertEvent(tx, { requestId: r.id, kind: 'auto_closed', actorId: null, actorRole: 'system', text: `办结${levels.reopenDays}天内未评价，已自动结案`, now: nowIso })
    }
    return rows.length
  })
  if (overdue || escalated || closed) services.log.info({ overdue, escalated, closed }, 'hotline sweep')
  return { overdue, escalated, closed }
}

/** How long a photo picked for a request may wait to be sent with it; after that it is swept. */
export const UNATTACHED_PHOTO_MS = DAY_MS

/** Photos uploaded and never attached to a request or reply within a day: their rows, then their files. */
export async function sweepUnattachedPhotos(services: Services): Promise<number> {
  const before = new Date(services.clock().getTime() - UNATTACHED_PHOTO_MS).toISOString()
  const rows = await photosRepo.unattachedBefore(services.db, before)
  if (rows.length === 0) return 0
  await photosRepo.deleteUploads(services.db, rows.map((r) => r.id))
  await removeUploadFiles(services, rows)
  services.log.info({ photos: rows.length }, 'unattached photos swept')
  return rows.length
}
