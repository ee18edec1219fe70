// 高铁站班车's state: a version every change bumps, so the timetable, 我的乘车 and the manifest refresh when shown again.
import { create } from 'zustand'

export const useShuttle = create<{ version: number; changed(): void }>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}))
