// Photos a request or reply carries: uploads of the caller's own, not yet attached to anything.
import type { AuthedCtx } from '../../core/context'
import { badInput, conflict } from '../../core/errors'
import { isUniqueViolation } from '../../core/unique'
import * as photosRepo from './photos-repo'

export async function checkPhotos(ctx: AuthedCtx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return []
  if (new Set(ids).size !== ids.length) throw badInput({ photoIds: '同一张照片不能重复添加' })
  const rows = await photosRepo.uploadsByIds(ctx.db, ids)
  const usable = (id: number) => rows.some((u) => u.id === id && u.ownerId === ctx.actor.userId && u.kind === 'hotline' && u.attachedAs === null)
  if (!ids.every(usable)) throw badInput({ photoIds: '照片不存在或已被使用，请重新上传' })
  return ids
}

/** Two submits racing for one photo: the unique constraint lets one through; the other hears why. */
export async function photoRaceSafe<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('照片已被使用，请重新上传')
    throw err
  }
}
