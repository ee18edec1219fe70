import { z } from 'zod'
import { MAX_ID } from './contract'

/** A record id field, with its Chinese name in every message: recordId('诉求编号'). */
export const recordId = (label: string) =>
  z.number({ error: `缺少${label}` }).int(`${label}无效`).positive(`${label}无效`).max(MAX_ID, `${label}无效`)

/** Free text with its Chinese name, trimmed, between min and max characters. */
export const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少${min}个字`)
    .max(max, `${label}不能超过${max}个字`)

/** A Beijing-time calendar day as the client sends it: 2026-11-27. */
export const localDate = (label: string) =>
  z.string({ error: `请选择${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 2026-11-27`)

/** A whole number within bounds, every message naming the field. */
export const wholeNumber = (label: string, min: number, max: number, unit = '') =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(min, `${label}不能少于${min}${unit}`)
    .max(max, `${label}不能超过${max}${unit}`)

/** A time of day on the community's clock: 09:30. */
export const clockTime = (label: string) =>
  z.string({ error: `请填写${label}` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}格式应为 09:30`)
