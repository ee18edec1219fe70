// 活动报名's state: a version every change bumps, so lists, the event page and 我的报名 refresh when shown again.
import { create } from 'zustand'

export const useEvents = create<{ version: number; changed(): void }>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}))
