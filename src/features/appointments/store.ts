// 办事预约's state: a version every change bumps, so lists and the desk refresh when someone comes back to them.
import { create } from 'zustand'

export const useAppointments = create<{ version: number; changed(): void }>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}))
