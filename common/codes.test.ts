import { CODE_ALPHABET, codeSchema, groupCode, isCode, normalizeCode } from './codes'

describe('codes people read and type', () => {
  test('the alphabet has no characters that look alike', () => {
    for (const c of ['0', 'O', '1', 'I', 'L']) expect(CODE_ALPHABET).not.toContain(c)
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length)
  })

  test('typed in any case, with spaces or dashes between groups, it reads as the code', () => {
    expect(normalizeCode(' abcd-efgh ')).toBe('ABCDEFGH')
    expect(codeSchema('乘车码').parse('k7m2 p9qr')).toBe('K7M2P9QR')
    expect(isCode('K7M2P9QR')).toBe(true)
    expect(groupCode('K7M2P9QR')).toBe('K7M2 P9QR')
  })

  test.each([
    ['', '乘车码应为8位字母和数字'],
    ['K7M2P9Q', '乘车码应为8位字母和数字'],
    ['K7M2P9Q0', '乘车码应为8位字母和数字'],
    ['K7M2P9QRS', '乘车码应为8位字母和数字'],
  ])('%j is refused, naming the code', (typed, message) => {
    const res = codeSchema('乘车码').safeParse(typed)
    expect(res.success).toBe(false)
    expect(res.error?.issues[0]?.message).toBe(message)
  })

  test('a missing code says what to fill in', () => {
    expect(codeSchema('签到码').safeParse(undefined).error?.issues[0]?.message).toBe('请填写签到码')
  })
})
