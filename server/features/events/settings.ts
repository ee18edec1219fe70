import { z } from 'zod'
import { defineSettings } from '../../core/settings'

/** The events' own no-show rule, kept by staff: a no-show is an event attended at none of its sessions. */
export const eventSettings = defineSettings(
  'events',
  z.object({
    noShowLimit: z.number().int().positive().default(3),
    noShowWindowDays: z.number().int().positive().default(90),
    noShowBlockDays: z.number().int().positive().default(30),
  }),
)
