// The people feature's state: a version bumped whenever roles change, so the list shows the change on return.
import { create } from 'zustand'

export const usePeople = create<{ version: number; changed(): void }>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}))
