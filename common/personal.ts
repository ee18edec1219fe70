// Validation of the personal data residents type, shared by server and client (forms check before sending).
import { z } from 'zod'
import { MOBILE_RE } from './mask'

export { maskName, maskPhone, MOBILE_RE } from './mask'

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
