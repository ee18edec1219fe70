// Validation of the personal data residents type, shared by server and client (forms check before sending).
import { z } from 'zod'
import { isValidIdCard, normaliseIdCard } from './idcard'
import { MOBILE_RE } from './mask'

export { maskName, maskPhone, MOBILE_RE } from './mask'
export { maskIdCard } from './idcard'

export const personName = (label = '姓名') =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(20, `${label}不能超过20个字`)
    .regex(/^[\p{Script=Han}A-Za-z·•.\s]+$/u, `${label}只能包含汉字、字母或间隔号`)

export const mobile = (label = '手机号') =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(MOBILE_RE, `${label}应为11位手机号码`))

/**
 * An 18-character resident ID number, given back normalised (no spaces, capital X). The shape message comes
 * before the checksum one because a missing digit is the common slip and "应为18位" tells people what to fix.
 */
export const idCardNumber = (label = '身份证号') =>
  z
    .string({ error: `请填写${label}` })
    .transform(normaliseIdCard)
    .pipe(
      z
        .string()
        // abort: one clear message per mistake, not a pile of consequences of the same one.
        .min(1, { error: `请填写${label}`, abort: true })
        .regex(/^\d{17}[\dX]$/, { error: `${label}应为18位`, abort: true })
        .refine((s) => isValidIdCard(s), `${label}不正确，请核对`),
    )
