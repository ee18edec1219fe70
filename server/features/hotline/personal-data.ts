// The hotline's part of a person's data. Their requests stay after their account is deleted, for the grids'
// figures, but without what they wrote or photographed; their quick replies go.
import type { AfterCommit, PersonalData } from '../../core/feature'
import { removeUploadFiles } from '../../core/upload-files'
import * as photosRepo from './photos-repo'
import * as repo from './repo'
import * as setupRepo from './setup-repo'

/** What is left of a deleted resident's hotline request in place of what they wrote. */
export const ERASED_REQUEST_TEXT = '（居民已注销，内容已删除）'

export const hotlinePersonalData: PersonalData = {
  async export({ db }, userId) {
    const requests = await repo.requestsOfResident(db, userId)
    return {
      hotlineRequests: requests.map((r) => ({
        id: r.id,
        category: r.category,
        description: r.description,
        state: r.state,
        createdAt: r.createdAt,
        events: r.events.map((e) => ({ kind: e.kind, at: e.at, text: e.text })),
        rating: r.ratedAt && r.ratingStars ? { stars: r.ratingStars, comment: r.ratingComment, at: r.ratedAt } : null,
      })),
    }
  },
  async erase(_services, tx, { userId }): Promise<AfterCommit> {
    await setupRepo.deleteQuickRepliesOf(tx, userId)
    await repo.eraseResidentText(tx, userId, ERASED_REQUEST_TEXT)
    const uploads = await photosRepo.uploadsToErase(tx, userId)
    await photosRepo.deleteUploads(tx, uploads.map((u) => u.id))
    // A file whose row is gone can no longer be reached; it is removed once that is certain.
    return (services) => removeUploadFiles(services, uploads)
  },
}
