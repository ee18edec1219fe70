import { hasAccess } from './contract'

describe('hasAccess', () => {
  test('public: anyone, signed in or not', () => {
    expect(hasAccess('public', null)).toBe(true)
    expect(hasAccess('public', [])).toBe(true)
  })

  test('user: any signed-in person, even without roles', () => {
    expect(hasAccess('user', null)).toBe(false)
    expect(hasAccess('user', [])).toBe(true)
  })

  test('a role list: at least one of the roles', () => {
    expect(hasAccess(['staff', 'admin'], null)).toBe(false)
    expect(hasAccess(['staff', 'admin'], [])).toBe(false)
    expect(hasAccess(['staff', 'admin'], ['resident', 'volunteer'])).toBe(false)
    expect(hasAccess(['staff', 'admin'], ['resident', 'admin'])).toBe(true)
    expect(hasAccess(['resident'], ['resident'])).toBe(true)
  })
})
