import { createCipheriv, createHash, randomBytes } from 'node:crypto'
import { createSealer, parseSealKey } from './sealed'

const newKey = () => randomBytes(32).toString('base64')
const idOf = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex').slice(0, 8)

const ID = '320302198506120035' // invented, see common/idcard.test.ts
/** Where a value is kept: the booking and the passenger's position, as the appointments feature binds it. */
const AT = 'appt_passenger:41:1'

describe('createSealer', () => {
  const key = newKey()
  const sealer = createSealer({ current: key })

  test.each([
    ['an ID number', ID],
    ['an ID number ending in X', '32031119780815008X'],
    ['Chinese text and an emoji', '张三丰 · 阿依古丽 😀'],
    ['empty text', ''],
    ['5000 characters', 'x'.repeat(5000)],
  ])('round trip of %s', (_what, plain) => {
    expect(sealer.open(sealer.seal(plain, AT), AT)).toBe(plain)
  })

  test('the sealed form is text-safe and names the key', () => {
    const sealed = sealer.seal(ID, AT)
    expect(sealed).toMatch(/^v2\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/)
    expect(sealed.split('.')[1]).toBe(idOf(key))
    expect(sealed).not.toContain(ID)
  })

  test('two seals of the same text differ', () => {
    const a = sealer.seal(ID, AT)
    const b = sealer.seal(ID, AT)
    expect(a).not.toBe(b)
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]) // a fresh IV each time
    expect(sealer.open(a, AT)).toBe(sealer.open(b, AT))
  })

  test('changing any single character of a sealed value makes it refuse to open', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    // Several lengths, so that some last characters carry spare bits that Buffer.from would ignore.
    for (const plain of [ID, '李桂芳', 'x', '']) {
      const sealed = sealer.seal(plain, AT)
      for (let i = 0; i < sealed.length; i++) {
        // Flipping the lowest of a character's six bits is the change most likely to fall into those spare bits.
        const at = alphabet.indexOf(sealed[i])
        const other = at < 0 ? '_' : alphabet[at ^ 1]
        const altered = sealed.slice(0, i) + other + sealed.slice(i + 1)
        expect(() => sealer.open(altered, AT)).toThrow()
      }
    }
  })

  test('truncating, extending, swapping parts or relabelling the version all fail', () => {
    const sealed = sealer.seal(ID, AT)
    const [v, id, iv, tag, body] = sealed.split('.')
    const other = sealer.seal('320324199912310785', AT).split('.')
    for (const altered of [
      sealed.slice(0, -1),
      `${sealed}A`,
      `${sealed}.`,
      [v, id, iv, tag, other[4]].join('.'), // someone else's ciphertext under our IV and tag
      [v, id, other[2], tag, body].join('.'),
      [v, id, iv, other[3], body].join('.'),
      ['v1', id, iv, tag, body].join('.'), // the older, unbound version
      ['v3', id, iv, tag, body].join('.'),
      [v, id, iv, tag.slice(0, 16), body].join('.'), // a shortened tag must not be accepted
      [v, id, `${iv}=`, tag, body].join('.'),
      '',
      'not sealed',
    ]) {
      expect(() => sealer.open(altered, AT)).toThrow()
    }
  })

  test('failures say nothing of the plain text or the key', () => {
    const sealed = sealer.seal(ID, AT)
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BA' : 'AA')
    const unknown = createSealer({ current: newKey() })
    for (const attempt of [() => sealer.open(tampered, AT), () => unknown.open(sealed, AT), () => sealer.open('v1.x.y.z.w', AT)]) {
      let message = ''
      try {
        attempt()
      } catch (e) {
        message = (e as Error).message
      }
      expect(message).not.toBe('')
      expect(message).not.toContain(ID)
      expect(message).not.toContain(key)
      expect(message).not.toContain(Buffer.from(key, 'base64').toString('hex'))
    }
  })

  test('a value sealed under a key we do not hold is refused, naming only the key id', () => {
    const sealed = createSealer({ current: newKey() }).seal(ID, AT)
    expect(() => sealer.open(sealed, AT)).toThrow(new RegExp(`unknown key \\(id ${sealed.split('.')[1]}\\)`))
  })

  test('the key id is authenticated: a value relabelled with a known id does not open', () => {
    const old = newKey()
    const both = createSealer({ current: key, previous: [old] })
    const sealedUnderOld = createSealer({ current: old }).seal(ID, AT)
    const relabelled = sealedUnderOld.replace(idOf(old), idOf(key))
    expect(() => both.open(relabelled, AT)).toThrow(/failed authentication/)
  })
})

describe('key rotation', () => {
  const old = newKey()
  const older = newKey()
  const current = newKey()
  const sealedUnderOld = createSealer({ current: old }).seal(ID, AT)
  const sealedUnderOlder = createSealer({ current: older }).seal('李桂芳', AT)

  test('values sealed under a previous key still open; new ones use the current key', () => {
    const sealer = createSealer({ current, previous: [old, older] })
    expect(sealer.open(sealedUnderOld, AT)).toBe(ID)
    expect(sealer.open(sealedUnderOlder, AT)).toBe('李桂芳')
    const fresh = sealer.seal(ID, AT)
    expect(fresh.split('.')[1]).toBe(idOf(current))
    expect(createSealer({ current }).open(fresh, AT)).toBe(ID)
    expect(() => createSealer({ current: old }).open(fresh, AT)).toThrow(/unknown key/)
  })

  test('once a key is dropped from previous, its values no longer open', () => {
    const sealer = createSealer({ current, previous: [older] })
    expect(() => sealer.open(sealedUnderOld, AT)).toThrow(/unknown key/)
    expect(sealer.open(sealedUnderOlder, AT)).toBe('李桂芳')
  })

  test('listing the current key among the previous ones is harmless', () => {
    const sealer = createSealer({ current, previous: [current, old] })
    expect(sealer.open(sealer.seal(ID, AT), AT)).toBe(ID)
    expect(sealer.open(sealedUnderOld, AT)).toBe(ID)
  })

  test('a bad previous key stops the start like a bad current one', () => {
    expect(() => createSealer({ current, previous: [old, 'short'] })).toThrow(/exactly 32/)
    expect(() => createSealer({ current: 'short' })).toThrow(/exactly 32/)
  })
})

describe('binding to where a value is kept', () => {
  const key = newKey()
  const sealer = createSealer({ current: key })

  test('a value opens only where it was sealed for: copied onto another passenger or booking it fails', () => {
    const sealed = sealer.seal(ID, AT)
    expect(sealer.open(sealed, AT)).toBe(ID)
    for (const elsewhere of ['appt_passenger:41:2', 'appt_passenger:14:1', 'appt_passenger:41:1 ', '']) {
      expect(() => sealer.open(sealed, elsewhere)).toThrow()
    }
  })

  test('sealing needs a place to bind to', () => {
    expect(() => sealer.seal(ID, '')).toThrow(/bound/)
  })

  test('a v1 value, sealed before the binding with only its header authenticated, still opens', () => {
    // v1 as it was written: the same layout, the header "v1.<keyId>" the only associated data.
    const iv = randomBytes(12)
    const header = `v1.${idOf(key)}`
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64'), iv, { authTagLength: 16 })
    cipher.setAAD(Buffer.from(header, 'ascii'))
    const body = Buffer.concat([cipher.update(ID, 'utf8'), cipher.final()])
    const v1 = [header, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
    expect(sealer.open(v1, AT)).toBe(ID)
    // Relabelled as v2 it fails: the version is authenticated.
    expect(() => sealer.open(v1.replace(/^v1/, 'v2'), AT)).toThrow(/failed authentication/)
    expect(() => sealer.open(sealer.seal(ID, AT).replace(/^v2/, 'v1'), AT)).toThrow(/failed authentication/)
  })
})

describe('parseSealKey', () => {
  test('32 bytes in base64 or base64url, padded or not, surrounding space forgiven', () => {
    const bytes = randomBytes(32)
    for (const text of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('base64').replace(/=+$/, ''),
      ` ${bytes.toString('base64')}\n`,
    ]) {
      expect(parseSealKey(text).equals(bytes)).toBe(true)
    }
  })

  test.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['31 bytes', randomBytes(31).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['64 bytes', randomBytes(64).toString('base64')],
    ['empty', ''],
  ])('refuses %s with a clear message', (_what, text) => {
    expect(() => parseSealKey(text)).toThrow(/Seal key must be base64 of exactly 32 random bytes/)
  })

  test('refuses text that is not base64 rather than decoding what it can, without echoing it', () => {
    const hex = randomBytes(32).toString('hex')
    for (const text of [hex.slice(0, 43) + '!', 'correct horse battery staple correct horse!!', `${randomBytes(32).toString('base64')}x=`]) {
      let message = ''
      try {
        parseSealKey(text)
      } catch (e) {
        message = (e as Error).message
      }
      expect(message).toMatch(/exactly 32 random bytes/)
      expect(message).not.toContain(text.trim())
    }
  })
})
