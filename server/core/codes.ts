import { randomInt } from 'node:crypto'
import { CODE_ALPHABET, CODE_LENGTH } from '../../common/codes'
import { isUniqueViolation } from './unique'

/** A fresh code, uniformly from the alphabet (the feature's unique index catches the rare repeat). */
export function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
}

/**
 * A fresh code that `taken` says nobody holds: drawn inside the transaction that writes it, so the unique index
 * never has to settle it (a shuttle pass, an event sign-up, a walk-in).
 */
export async function unusedCode(taken: (code: string) => Promise<boolean>): Promise<string> {
  for (;;) {
    const code = newCode()
    if (!(await taken(code))) return code
  }
}

/**
 * Runs `write` with fresh codes until one is not taken: a unique violation that `isCodeClash` says came from the
 * code (and not from another unique rule) is retried, a few times at most.
 */
export async function withFreshCode<T>(write: (code: string) => Promise<T>, isCodeClash: (err: unknown) => Promise<boolean>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(newCode())
    } catch (err) {
      if (attempt >= tries || !isUniqueViolation(err) || !(await isCodeClash(err))) throw err
    }
  }
}
