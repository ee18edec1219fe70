import { useCallback, useEffect, useRef, useState } from 'react'
import { newKey } from './api'
import { load, remove, save } from './storage'

interface Stored<T> {
  value: T
  key: string
}

/**
 * A form's draft, kept on the device until the server has accepted it: leaving the page or a failed submit
 * loses nothing. The draft also carries the submission's idempotency key, so sending it again after a
 * network failure (or after reopening the app) still creates one record.
 */
/** Every draft's storage key starts so, and sign-out and account deletion remove them all (session.ts). */
export const DRAFT_PREFIX = 'draft.'

/**
 * `keep` picks what of the value may rest on the device: a form with an ID-card number keeps everything but
 * that number, which the person types again after a restore rather than leave it in plain text in storage.
 */
export function useDraft<T extends object>(storageKey: string, initial: () => T, keep: (value: T) => T = (v) => v) {
  const [stored] = useState<Stored<T> | null>(() => load<Stored<T>>(storageKey))
  const [value, setValue] = useState<T>(() => (stored ? { ...initial(), ...stored.value } : initial()))
  const key = useRef(stored?.key ?? newKey())
  const dirty = useRef(!!stored)
  const kept = useRef(keep)
  kept.current = keep

  useEffect(() => {
    if (dirty.current) save(storageKey, { value: kept.current(value), key: key.current } satisfies Stored<T>)
  }, [storageKey, value])

  const update = useCallback((patch: Partial<T>) => {
    dirty.current = true
    setValue((v) => ({ ...v, ...patch }))
  }, [])

  const clear = useCallback(() => {
    dirty.current = false
    remove(storageKey)
    key.current = newKey()
  }, [storageKey])

  return { value, update, clear, restored: !!stored, idempotencyKey: () => key.current }
}
