import { idCardCheckChar, isValidIdCard, maskIdCard, normaliseIdCard } from './idcard'

// Invented numbers (made-up area, birth date and sequence) with the check character worked out by hand, so
// the tests do not merely repeat the implementation. None belongs to a real person.
const VALID = [
  '320302198506120035',
  '320382200002294519', // 29 Feb of a leap year
  '320324199912310785',
  '110108202401010021',
  '320303190001010017', // the earliest birth date we allow
  '32031119780815008X', // check character X
]

const TODAY = new Date('2026-03-01T04:00:00Z') // 12:00 on 1 March in Beijing

describe('idCardCheckChar', () => {
  test.each(VALID)('agrees with the hand-computed check character of %s', (id) => {
    expect(idCardCheckChar(id.slice(0, 17))).toBe(id[17])
  })

  test('needs exactly 17 digits', () => {
    expect(() => idCardCheckChar('1234')).toThrow(/17 digits/)
    expect(() => idCardCheckChar('3203021985061200X')).toThrow(/17 digits/)
  })
})

describe('isValidIdCard', () => {
  test.each(VALID)('accepts %s', (id) => {
    expect(isValidIdCard(id, TODAY)).toBe(true)
  })

  test('defaults today to now', () => {
    expect(isValidIdCard('320302198506120035')).toBe(true)
  })

  test('forgives a lowercase x and spaces', () => {
    expect(isValidIdCard('32031119780815008x', TODAY)).toBe(true)
    expect(isValidIdCard(' 320311 19780815 008x ', TODAY)).toBe(true)
  })

  test.each(VALID)('refuses every single-character corruption of %s', (id) => {
    const alphabet = '0123456789X'
    for (let i = 0; i < id.length; i++) {
      for (const c of alphabet) {
        if (c === id[i]) continue
        const bad = id.slice(0, i) + c + id.slice(i + 1)
        expect([bad, isValidIdCard(bad, TODAY)]).toEqual([bad, false])
      }
    }
  })

  test.each([
    ['', 'empty'],
    ['32030219850612003', '17 characters'],
    ['3203021985061200351', '19 characters'],
    ['320302850612003', 'the old 15-digit form'],
    ['32030219850612003A', 'a letter other than X at the end'],
    ['3203021985O6120035', 'a letter O among the digits'],
    ['X20302198506120035', 'an X outside the last place'],
    ['020302198506120034', 'a leading zero'],
  ])('refuses %p (%s)', (id) => {
    expect(isValidIdCard(id, TODAY)).toBe(false)
  })

  // Each of these carries a correct check character, so only the date can be what refuses it.
  const withCheck = (first17: string) => first17 + idCardCheckChar(first17)

  test.each([
    ['19900230', '30 February'],
    ['19000229', '29 February of 1900, not a leap year'],
    ['19901301', 'month 13'],
    ['19900001', 'month 0'],
    ['19900100', 'day 0'],
    ['19900431', '31 April'],
    ['18991231', 'before 1900'],
    ['20260302', 'tomorrow'],
    ['20990101', 'far in the future'],
  ])('refuses birth date %s (%s)', (birth) => {
    expect(isValidIdCard(withCheck(`320302${birth}001`), TODAY)).toBe(false)
  })

  test('someone born today is accepted, judged by the Beijing calendar', () => {
    const bornOnFirst = withCheck('32030220260301001')
    const bornOnSecond = withCheck('32030220260302001')
    expect(isValidIdCard(bornOnFirst, TODAY)).toBe(true)
    // 17:00 UTC on 1 March is already 01:00 on 2 March in Xuzhou.
    expect(isValidIdCard(bornOnSecond, new Date('2026-03-01T17:00:00Z'))).toBe(true)
    expect(isValidIdCard(bornOnSecond, new Date('2026-03-01T15:59:59Z'))).toBe(false)
  })
})

describe('normaliseIdCard', () => {
  test('trims, drops spaces and upper-cases x', () => {
    expect(normaliseIdCard(' 3203 1119 7808 15008x\t')).toBe('32031119780815008X')
    expect(normaliseIdCard('320302198506120035')).toBe('320302198506120035')
  })

  test('turns full-width digits and x from a Chinese input method into plain ones', () => {
    expect(normaliseIdCard('３２０３１１１９７８０８１５００８ｘ')).toBe('32031119780815008X')
    expect(normaliseIdCard('３２０３１１１９７８０８１５００８Ｘ')).toBe('32031119780815008X')
    expect(isValidIdCard('３２０３１１　１９７８０８１５　００８ｘ', TODAY)).toBe(true)
  })
})

describe('maskIdCard', () => {
  test('keeps the first and last four characters', () => {
    expect(maskIdCard('320102199001011234')).toBe('3201**********1234')
    expect(maskIdCard('32031119780815008X')).toBe('3203**********008X')
  })

  test('never shows the birth date', () => {
    for (const id of VALID) {
      const masked = maskIdCard(id)
      expect(masked).toHaveLength(18)
      expect(masked).not.toContain(id.slice(6, 14))
    }
  })

  test('nothing to mask → empty', () => {
    expect(maskIdCard('')).toBe('')
    expect(maskIdCard(null)).toBe('')
    expect(maskIdCard(undefined)).toBe('')
  })

  test('values too short to keep eight characters are starred whole', () => {
    expect(maskIdCard('12345678')).toBe('********')
    expect(maskIdCard('123456789')).toBe('1234*6789')
  })
})
