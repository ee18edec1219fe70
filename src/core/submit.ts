// Sending a form: check it with the action's own schema first (the same messages the server would give, without
// the round trip), then send; the server's field errors land beside the same fields.
import { useCallback, useState } from 'react'
import type { z } from 'zod'
import { fieldErrors } from '@common/fields'
import { ApiError, messageOf } from './api'
import { toast } from './hooks'

export function useSubmit() {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  /** Forgets the errors of fields the person has just changed. */
  const clear = useCallback((...fields: string[]) => {
    setErrors((e) => {
      if (!fields.some((f) => f in e)) return e
      const next = { ...e }
      for (const f of fields) delete next[f]
      return next
    })
  }, [])

  /** The server's answer, or undefined when the input was refused (the errors and a toast say why). */
  const submit = useCallback(async <S extends z.ZodType, R>(schema: S, raw: unknown, send: (data: z.output<S>) => Promise<R>): Promise<R | undefined> => {
    const parsed = schema.safeParse(raw)
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error)
      setErrors(fields)
      toast(Object.values(fields)[0] ?? '请检查填写的内容')
      return undefined
    }
    setBusy(true)
    setErrors({})
    try {
      return await send(parsed.data)
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setErrors(err.fields)
      toast(messageOf(err))
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])

  return { errors, busy, submit, clear, setErrors }
}
