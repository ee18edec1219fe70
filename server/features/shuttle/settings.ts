import { z } from 'zod'
import { defineSettings } from '../../core/settings'

/** 赶火车's margins and the shuttle's own no-show rule; kept by staff. */
export const shuttleSettings = defineSettings(
  'shuttle',
  z.object({
    /** A run to the station must be there at least this long before the train leaves. */
    trainMarginMinutes: z.number().int().positive().default(40),
    /** Coming home: the first run leaving the station at least this long after the train arrives. */
    arrivalGapMinutes: z.number().int().nonnegative().default(15),
    noShowLimit: z.number().int().positive().default(3),
    noShowWindowDays: z.number().int().positive().default(60),
    noShowBlockDays: z.number().int().positive().default(14),
  }),
)
