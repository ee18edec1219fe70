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
