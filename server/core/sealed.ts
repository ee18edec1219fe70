// Authenticated encryption for small personal fields at rest (ID-card numbers). A database dump or backup on
// its own then reveals nothing; the key lives only in the server's configuration.
//
// Sealed form: v2.<keyId>.<iv>.<tag>.<ciphertext>, the last three base64url. It is plain ASCII without
// quotes so it fits any text column or JSON string untouched. keyId names the key so that after
// a rotation values sealed under an older key still open while that key is listed in `previous`.
//
// A v2 value is bound to where it is kept (`boundTo`, e.g. the booking and passenger it belongs to): the header
// and that place are authenticated with it, so a value copied onto another row of the database does not open
// there. v1 values (sealed before the binding) carry only their header and still open wherever they are.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

const VERSION = 'v2'
const UNBOUND = 'v1'
const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const HOW_TO_MAKE = `Make one with: node -e "console.log(require('crypto').randomBytes(${KEY_BYTES}).toString('base64'))"`

export interface Sealer {
  /** Encrypts plain under the current key, bound to `boundTo`; two seals of the same text differ. */
  seal(plain: string, boundTo: string): string
  /**
   * The plain text back, or an Error if the value was altered, was sealed for another place than `boundTo`, or
   * under a key we no longer hold.
   */
  open(sealed: string, boundTo: string): string
}

/**
 * The 32 raw key bytes from their base64 (or base64url) text. The error never repeats the input: it may be
 * a real key pasted into the wrong variable.
 */
export function parseSealKey(b64: string): Buffer {
  const text = typeof b64 === 'string' ? b64.trim() : ''
  // Buffer.from skips characters outside the alphabet, so a typo would silently yield a different key.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new Error(`Seal key must be base64 of exactly ${KEY_BYTES} random bytes (the value is not base64). ${HOW_TO_MAKE}`)
  }
  const key = Buffer.from(text, 'base64')
  if (key.length !== KEY_BYTES) {
    throw new Error(`Seal key must be base64 of exactly ${KEY_BYTES} random bytes, got ${key.length}. ${HOW_TO_MAKE}`)
  }
  return key
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8)
}

export function createSealer(keys: { current: string; previous?: string[] }): Sealer {
  const current = parseSealKey(keys.current)
  const currentId = keyIdOf(current)
  const byId = new Map<string, Buffer>([[currentId, current]])
  for (const b64 of keys.previous ?? []) {
    const key = parseSealKey(b64)
    const id = keyIdOf(key)
    const known = byId.get(id)
    // Listing the current key again among the previous ones is harmless; two different keys sharing a
    // fingerprint would make open() try the wrong one, so that is refused while it can still be fixed.
    if (known && !known.equals(key)) throw new Error(`Two different seal keys share the id ${id}; replace one of them`)
    byId.set(id, key)
  }

  return {
    seal(plain, boundTo) {
      const iv = randomBytes(IV_BYTES)
      const header = `${VERSION}.${currentId}`
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES })
      // The header is authenticated too, so a value cannot be relabelled with another version or key id.
      cipher.setAAD(associated(header, VERSION, boundTo))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [header, b64url(iv), b64url(cipher.getAuthTag()), b64url(body)].join('.')
    },

    open(sealed, boundTo) {
      const parts = typeof sealed === 'string' ? sealed.split('.') : []
      if (parts.length !== 5 || (parts[0] !== VERSION && parts[0] !== UNBOUND)) throw new Error('Sealed value is malformed')
      const [version, keyId, ivText, tagText, bodyText] = parts
      const iv = fromB64url(ivText)
      const tag = fromB64url(tagText)
      const body = fromB64url(bodyText)
      if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !body) {
        throw new Error('Sealed value is malformed')
      }
      const key = byId.get(keyId)
      // The id is a fingerprint already printed in the sealed value, so naming it here reveals nothing new
      // and tells whoever reads the log which old key is missing from `previous`.
      if (!key) throw new Error(`Sealed value was sealed under an unknown key (id ${keyId.slice(0, 8)})`)
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
      decipher.setAAD(associated(`${version}.${keyId}`, version, boundTo))
      decipher.setAuthTag(tag)
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
      } catch {
        // No cause attached on purpose: nothing from the failed attempt should travel further than this.
        throw new Error('Sealed value failed authentication (altered, or sealed under a different key)')
      }
    },
  }
}

/** What is authenticated beside the text: the header, and for v2 the place the value is kept. */
function associated(header: string, version: string, boundTo: string): Buffer {
  if (version === UNBOUND) return Buffer.from(header, 'ascii')
  if (typeof boundTo !== 'string' || !boundTo) throw new Error('A sealed value must be bound to where it is kept')
  return Buffer.from(`${header}\n${boundTo}`, 'utf8')
}

function b64url(bytes: Buffer): string {
  return bytes.toString('base64url')
}

// Buffer.from ignores stray characters and the spare low bits of the last character, so several texts
// decode to the same bytes; only the canonical spelling is accepted so that every altered character is noticed.
function fromB64url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  const bytes = Buffer.from(text, 'base64url')
  return bytes.toString('base64url') === text ? bytes : null
}
