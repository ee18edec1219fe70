import { z } from 'zod'
import { defineSettings } from '../../core/settings'

/**
 * 志愿服务's rules, kept by staff: the hours of one to five stars (《中国社区志愿者注册管理办法》: 100, 300, 600, 1000
 * and 1500 hours), how many no-shows before a leader must approve the next sign-up, and the longest service in a
 * row (shifts less than REST_MINUTES apart count as one stretch).
 */
export const volunteerSettings = defineSettings(
  'volunteer',
  z.object({
    starHours: z.array(z.number().int().positive()).length(5).default([100, 300, 600, 1000, 1500]),
    noShowLimit: z.number().int().positive().default(2),
    maxHoursInRow: z.number().int().positive().default(8),
  }),
)
