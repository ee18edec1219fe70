// 志愿服务's state: a version every change bumps, so the home page, lists and the desk refresh when shown again.
import { create } from 'zustand'

export const useVolunteer = create<{ version: number; changed(): void }>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}))
