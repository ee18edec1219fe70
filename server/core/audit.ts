import type { Db } from '../db/connect'

/** Who did what to whom, for changes people must be able to account for (roles, deletions). */
export async function audit(
  db: Db,
  entry: { actorId: number | null; action: string; targetType: string; targetId?: string | number; detail?: unknown; at: string },
) {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId == null ? null : String(entry.targetId),
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      at: entry.at,
    })
    .execute()
}
