// Mainland resident ID numbers (GB 11643-1999). Kept free of zod and node APIs because the mini-program
// bundles it too: forms check the number before it ever leaves the phone.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

// Birth dates are Beijing calendar days; judging "future" by the device's own zone would refuse a baby born
// today in Xuzhou for the first eight hours of the day on a UTC server.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000

/** ' 3201 0219 9001 01123x ' → '32010219900101123X': what people type, in the form we check and store. */
export function normaliseIdCard(s: string): string {
  return (
    s
      .trim()
      .replace(/\s+/g, '')
      // A Chinese input method left in full-width mode types ３２０…ｘ; those are the same characters to a person.
      .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .toUpperCase()
  )
}

/** The check character for the first 17 digits of an ID number. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCardCheckChar needs exactly 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/**
 * Whether s is a well-formed 18-character resident ID number: right shape, a real birth date from 1900 up to
 * today (Beijing time), and a matching check character. Spaces and a lowercase x are forgiven.
 */
export function isValidIdCard(s: string, today: Date = new Date()): boolean {
  const id = normaliseIdCard(s)
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false
  if (!isPlausibleBirthDate(id.slice(6, 14), today)) return false
  return idCardCheckChar(id.slice(0, 17)) === id[17]
}

function isPlausibleBirthDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  if (y < 1900) return false
  // Round-tripping through Date.UTC catches Feb 30 and month 13, which Date would otherwise roll over.
  const birth = Date.UTC(y, m - 1, d)
  const check = new Date(birth)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return false
  const bj = new Date(today.getTime() + BEIJING_OFFSET_MS)
  const todayStart = Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate())
  return birth <= todayStart
}

/** '320102199001011234' → '3201**********1234': enough for a person to recognise their own number, no more. */
export function maskIdCard(s: string | null | undefined): string {
  if (!s) return ''
  const chars = Array.from(s)
  // Short values would give away most of themselves if we kept eight characters, so they are starred whole.
  if (chars.length <= 8) return '*'.repeat(chars.length)
  return chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('')
}
