// WeChat's subscribe-message keywords: each keyword of a template has a type, named by its prefix (thing1,
// time2, character_string3), and WeChat refuses the whole message (47003) when one value breaks its type's
// rule. Values are made to fit here, so a long task name or a code with Chinese in it is shortened or cleaned
// rather than refused.
import { local } from '../../../common/time'

export const KEYWORD_TYPES = ['thing', 'phrase', 'character_string', 'name', 'time', 'date', 'number'] as const
export type KeywordType = (typeof KEYWORD_TYPES)[number]

/** What a slot of a notice holds, which decides the keyword types it may be sent as. */
export type SlotKind = 'text' | 'state' | 'instant' | 'code'

export const FITS: Record<SlotKind, readonly KeywordType[]> = {
  text: ['thing'],
  state: ['phrase', 'thing'],
  instant: ['time', 'date', 'thing'],
  code: ['character_string', 'thing'],
}

/** thing1 → thing; character_string12 → character_string; null for a name WeChat does not use. */
export function keywordType(keyword: string): KeywordType | null {
  const m = /^([a-z_]+?)(\d+)$/.exec(keyword)
  if (!m) return null
  return (KEYWORD_TYPES as readonly string[]).includes(m[1]) ? (m[1] as KeywordType) : null
}

/** WeChat's limits, in characters (code points). */
export const LIMITS = { thing: 20, phrase: 5, character_string: 32, name: 10, number: 32 } as const

const HAN = /\p{Script=Han}/u
const chars = (s: string) => [...s]

/** One line: newlines, tabs and runs of spaces become one space; control characters go. */
function oneLine(s: string): string {
  return s
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** At most `n` characters; a cut one ends with … so the reader sees that more was there. */
export function shorten(s: string, n: number): string {
  const c = chars(s)
  return c.length <= n ? s : `${c.slice(0, n - 1).join('')}…`
}

/**
 * The value a keyword of `type` is sent with. Instants are read in Beijing time. No value is ever empty:
 * WeChat refuses an empty one too.
 */
export function formatKeyword(type: KeywordType, value: string): string {
  switch (type) {
    case 'thing':
      return shorten(oneLine(value), LIMITS.thing) || '无'
    case 'phrase': {
      // Chinese characters only, at most five.
      const han = chars(value).filter((ch) => HAN.test(ch))
      return han.slice(0, LIMITS.phrase).join('') || '有更新'
    }
    case 'character_string': {
      // Digits, letters and symbols: Chinese and spaces are dropped.
      const kept = chars(value).filter((ch) => /^[\x21-\x7e]$/.test(ch))
      return kept.slice(0, LIMITS.character_string).join('') || '-'
    }
    case 'name': {
      const line = oneLine(value)
      const han = chars(line).filter((ch) => HAN.test(ch))
      if (han.length) return han.slice(0, LIMITS.name).join('')
      return chars(line.replace(/[^A-Za-z .·-]/g, '')).slice(0, 20).join('').trim() || '居民'
    }
    case 'number': {
      const m = /-?\d+(\.\d+)?/.exec(value)
      return m ? m[0].slice(0, LIMITS.number) : '0'
    }
    case 'time':
      return local(value).format('YYYY年M月D日 HH:mm')
    case 'date':
      return local(value).format('YYYY年M月D日')
  }
}

/** Whether WeChat would take `value` for a keyword of `type`: the rule formatKeyword keeps, checked on its own. */
export function fitsKeyword(type: KeywordType, value: string): boolean {
  if (value.length === 0) return false
  const n = chars(value).length
  switch (type) {
    case 'thing':
      return n <= LIMITS.thing && !/[\r\n\t]/.test(value)
    case 'phrase':
      return n <= LIMITS.phrase && chars(value).every((ch) => HAN.test(ch))
    case 'character_string':
      return n <= LIMITS.character_string && /^[\x21-\x7e]+$/.test(value)
    case 'name':
      return chars(value).every((ch) => HAN.test(ch)) ? n <= LIMITS.name : n <= 20 && /^[A-Za-z .·-]+$/.test(value)
    case 'number':
      return n <= LIMITS.number && /^-?\d+(\.\d+)?$/.test(value)
    case 'time':
      return /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(value)
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日$/.test(value)
  }
}
