// Masking of personal data for display. Kept free of zod so that pages in the main package can use it cheaply.

/** Mainland mobile numbers: 11 digits starting with 1 and a carrier digit 3–9. */
export const MOBILE_RE = /^1[3-9]\d{9}$/

/** 13812345678 → 138****5678. Anything that is not a mobile number is masked to its last two characters. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  if (MOBILE_RE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  return phone.length <= 2 ? '**' : `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}`
}

/** 张三丰 → 张** ; keeps the family name so staff can still address the person. */
export function maskName(name: string | null | undefined): string {
  if (!name) return ''
  const chars = Array.from(name)
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
}
