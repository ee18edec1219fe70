import { z } from 'zod'
import { defineSettings } from '../../core/settings'

/** The no-show rule and how long passengers' ID numbers are kept after the trip; kept by staff. */
export const appointmentSettings = defineSettings(
  'appointments',
  z.object({
    noShowLimit: z.number().int().positive().default(3),
    noShowWindowDays: z.number().int().positive().default(90),
    noShowBlockDays: z.number().int().positive().default(30),
    idPurgeDays: z.number().int().positive().default(7),
  }),
)
