// The announcements feature's state: what has been read already (so a detail page opens at once from the feed)
// and a version that staff actions bump, so 首页 refreshes after a publish or withdrawal.
import { create } from 'zustand'
import type { AnnouncementOut } from '@server/features/announcements/actions'

interface AnnouncementsState {
  version: number
  byId: Record<number, AnnouncementOut>
  remember(items: AnnouncementOut[]): void
  changed(a: AnnouncementOut): void
}

export const useAnnouncements = create<AnnouncementsState>((set) => ({
  version: 0,
  byId: {},
  remember(items) {
    set((s) => ({ byId: { ...s.byId, ...Object.fromEntries(items.map((a) => [a.id, a])) } }))
  },
  changed(a) {
    set((s) => ({ version: s.version + 1, byId: { ...s.byId, [a.id]: a } }))
  },
}))
