// The hotline feature's state: a version that every change bumps, so lists and the workbench refresh when
// someone comes back to them after acting on a request.
import { create } from 'zustand'

export const useHotline = create<{ version: number; changed(): void }>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}))
