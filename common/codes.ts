// Codes people read off a screen or a printed list and type back (booking codes, boarding passes, event sign-ups,
// shift check-ins): eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), typed in any case,
// with spaces or dashes where people group them. Shown grouped as ABCD EFGH and drawn as a QR for scanning.
import { z } from 'zod'

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CODE_LENGTH = 8

const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)

/** The code as it is stored: upper case, without the spaces and dashes people type between groups. */
export const normalizeCode = (typed: string) => typed.trim().toUpperCase().replace(/[\s-]/g, '')

export const isCode = (s: string) => CODE_RE.test(s)

/** The input check for a typed code; `label` names it in the messages (预约码, 乘车码, 签到码). */
export function codeSchema(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .transform(normalizeCode)
    .pipe(z.string().regex(CODE_RE, `${label}应为${CODE_LENGTH}位字母和数字`))
}

/** ABCD EFGH: easier to read aloud and to copy. */
export const groupCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`
