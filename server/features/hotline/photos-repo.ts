// SQL of the photos on requests and replies: uploads (server/core/tables.ts) linked by hotline_request_photos.
import type { Db } from '../../db/connect'

export async function uploadsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('uploads')
    .leftJoin('hotline_request_photos', 'hotline_request_photos.upload_id', 'uploads.id')
    .select(['uploads.id as id', 'uploads.owner_id as ownerId', 'uploads.kind as kind', 'hotline_request_photos.id as attachedAs'])
    .where('uploads.id', 'in', ids)
    .execute()
}

export async function attachPhotos(db: Db, requestId: number, eventId: number | null, uploadIds: number[]) {
  for (const uploadId of uploadIds) {
    await db.insertInto('hotline_request_photos').values({ request_id: requestId, event_id: eventId, upload_id: uploadId }).execute()
  }
}

/**
 * A person's uploads that go when their account does: the ones attached to nothing and the ones attached to
 * their own requests. What they uploaded into other people's requests (a grid worker's reply photos) and event
 * posters stay.
 */
export async function uploadsToErase(db: Db, userId: number) {
  return db
    .selectFrom('uploads')
    .leftJoin('hotline_request_photos', 'hotline_request_photos.upload_id', 'uploads.id')
    .leftJoin('hotline_requests', 'hotline_requests.id', 'hotline_request_photos.request_id')
    .leftJoin('events', 'events.poster_upload_id', 'uploads.id')
    .select(['uploads.id as id', 'uploads.storage as storage', 'uploads.path_or_file_id as ref'])
    .where('uploads.owner_id', '=', userId)
    // A poster on an event is the community's, like a reply photo in someone else's request: it stays.
    .where('events.id', 'is', null)
    .where((eb) => eb.or([eb('hotline_request_photos.id', 'is', null), eb('hotline_requests.resident_id', '=', userId)]))
    .orderBy('uploads.id')
    .execute()
}

/** Deletes uploads and the links that show them on requests. */
export async function deleteUploads(db: Db, ids: number[]) {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    await db.deleteFrom('hotline_request_photos').where('upload_id', 'in', chunk).execute()
    await db.deleteFrom('uploads').where('id', 'in', chunk).execute()
  }
}

export async function photosOf(db: Db, requestId: number) {
  return db
    .selectFrom('hotline_request_photos')
    .innerJoin('uploads', 'uploads.id', 'hotline_request_photos.upload_id')
    .select(['uploads.id as id', 'uploads.storage as storage', 'uploads.path_or_file_id as ref', 'uploads.owner_id as ownerId', 'uploads.review as review', 'hotline_request_photos.event_id as eventId'])
    .where('hotline_request_photos.request_id', '=', requestId)
    .orderBy('hotline_request_photos.id')
    .execute()
}

/** How many of a person's uploads of a kind are attached to nothing yet (a photo on no request, a poster on no event). */
export async function unattachedCount(db: Db, userId: number, kind: 'hotline' | 'poster' = 'hotline'): Promise<number> {
  const row = await db
    .selectFrom('uploads')
    .leftJoin('hotline_request_photos', 'hotline_request_photos.upload_id', 'uploads.id')
    .leftJoin('events', 'events.poster_upload_id', 'uploads.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('uploads.owner_id', '=', userId)
    .where('uploads.kind', '=', kind)
    .where('hotline_request_photos.id', 'is', null)
    .where('events.id', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Uploads attached to nothing that were made before `before`: photos picked and never sent, posters never used. */
export async function unattachedBefore(db: Db, before: string) {
  return db
    .selectFrom('uploads')
    .leftJoin('hotline_request_photos', 'hotline_request_photos.upload_id', 'uploads.id')
    .leftJoin('events', 'events.poster_upload_id', 'uploads.id')
    .select(['uploads.id as id', 'uploads.storage as storage', 'uploads.path_or_file_id as ref'])
    .where('hotline_request_photos.id', 'is', null)
    .where('events.id', 'is', null)
    .where('uploads.created_at', '<', before)
    .orderBy('uploads.id')
    .limit(500)
    .execute()
}
