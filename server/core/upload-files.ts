// Photos kept on disk live under DATA_DIR/uploads; an upload row holds the path below that folder. The HTTP
// upload route writes and serves them; deleting an account removes them.
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Config } from './config'
import type { Services } from './context'

export function uploadRoot(config: Pick<Config, 'DATA_DIR'>): string {
  return path.resolve(config.DATA_DIR, 'uploads')
}

/** The file of a disk upload, or null when the stored path would lead outside the uploads folder. */
export function uploadFile(root: string, rel: string): string | null {
  const file = path.resolve(root, rel)
  return file.startsWith(root + path.sep) ? file : null
}

/**
 * Removes the files of upload rows that were deleted. Called once the deletion has committed: a file whose row
 * is gone can no longer be reached, so a file that cannot be removed is logged and left, never a reason to fail.
 * Files in WeChat cloud storage cannot be removed from here; their fileIDs are logged for the operator.
 */
export async function removeUploadFiles(services: Pick<Services, 'config' | 'log'>, rows: { storage: 'disk' | 'cloud'; ref: string }[]): Promise<void> {
  const root = uploadRoot(services.config)
  const cloud = rows.filter((r) => r.storage === 'cloud').map((r) => r.ref)
  if (cloud.length) services.log.warn({ fileIds: cloud }, 'cloud files of deleted uploads left in cloud storage')
  for (const r of rows) {
    if (r.storage !== 'disk') continue
    const file = uploadFile(root, r.ref)
    if (!file) {
      services.log.warn({ ref: r.ref }, 'deleted upload pointed outside the uploads folder; nothing removed')
      continue
    }
    await fs.rm(file, { force: true }).catch((err: unknown) => services.log.warn({ err, file }, 'could not remove the file of a deleted upload'))
  }
}
