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

/** The entries of one kind about some targets, oldest first: what a person is shown of looks at their data. */
export async function auditOf(db: Db, action: string, targetType: string, targetIds: (string | number)[]) {
  if (targetIds.length === 0) return []
  return db
    .selectFrom('audit_log')
    .select(['target_id as targetId', 'detail', 'at'])
    .where('action', '=', action)
    .where('target_type', '=', targetType)
    .where('target_id', 'in', targetIds.map(String))
    .orderBy('id')
    .execute()
}
