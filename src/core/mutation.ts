// Changing something on the server, the same way on every screen: check the input with the action's own schema
// (the same field messages the server would give, without the round trip), keep a busy flag for the button, put
// the server's field errors beside the same fields, say what went wrong in a toast, and refresh what the change
// makes stale.
import { useCallback, useRef, useState } from 'react'
import type { z } from 'zod'
import type { ActionTable, DomainContract, InputOf, OutputOf } from '@common/contract'
import { fieldErrors } from '@common/fields'
import { ApiError, call, messageOf, type Domain } from './api'
import { toast } from './hooks'

export interface Toast {
  title: string
  icon?: 'success' | 'none'
}

/**
 * What a change makes stale: a query on screen (reloaded), a feature store with a version (bumped, so its lists
 * reload when shown again), or anything else, given the answer.
 */
export type Invalidation<R> = { reload(): Promise<void> } | { getState(): { changed(): void } } | ((result: R) => void)

export interface MutationOptions<R> {
  /** Said once the server has accepted the change; a plain text is shown with the success icon. */
  success?: string | Toast | ((result: R) => string | Toast | undefined)
  /** Refreshed after success, before the caller's own next step. */
  invalidate?: Invalidation<R>[]
  /** Asked after the input has passed its check and before sending, e.g. a 「确定…？」 modal; false stops there. */
  confirm?: () => Promise<boolean>
  /** Reuse a form draft's key so a resubmission lands only once. */
  idempotencyKey?: string
  /** Names this run in `pending`, for screens with several buttons that each show their own spinner. */
  key?: string
}

/** A form's values while being filled in: any field, at any depth, may still be missing; the schema says which must not. */
export type Draft<T> = T extends readonly (infer U)[] ? Draft<U>[] : T extends object ? { [K in keyof T]?: Draft<T[K]> | undefined } : T

type Errors = Record<string, string>

async function invalidate<R>(list: Invalidation<R>[] | undefined, result: R) {
  const reloads: Promise<void>[] = []
  for (const item of list ?? []) {
    if ('getState' in item) item.getState().changed()
    else if ('reload' in item) reloads.push(item.reload())
    else item(result)
  }
  await Promise.all(reloads)
}

function successToast<R>(success: MutationOptions<R>['success'], result: R) {
  const said = typeof success === 'function' ? success(result) : success
  if (!said) return
  if (typeof said === 'string') toast(said, 'success')
  else toast(said.title, said.icon ?? 'success')
}

/**
 * One per form or group of buttons. `send` runs an action from its table, checked with that action's schema;
 * `submit` checks with a schema of its own choosing before a custom send; `run` sends without a check. Each
 * resolves with the server's answer, or undefined when the input was refused or the call failed (the field
 * errors and the toast have said why).
 */
export function useMutation(defaults: { invalidate?: Invalidation<unknown>[] } = {}) {
  const [errors, setErrors] = useState<Errors>({})
  const [pending, setPending] = useState<string | null>(null)
  const seq = useRef(0)
  const defaultsRef = useRef(defaults)
  defaultsRef.current = defaults

  /** Forgets the errors of fields the person has just changed; with no fields, all of them. */
  const clear = useCallback((...fields: string[]) => {
    setErrors((e) => {
      if (!fields.length) return Object.keys(e).length ? {} : e
      if (!fields.some((f) => f in e)) return e
      const next = { ...e }
      for (const f of fields) delete next[f]
      return next
    })
  }, [])

  const execute = useCallback(async <R>(send: () => Promise<R>, opts: MutationOptions<R>): Promise<R | undefined> => {
    if (opts.confirm && !(await opts.confirm())) return undefined
    const mine = ++seq.current
    setPending(opts.key ?? '')
    setErrors({})
    try {
      const result = await send()
      await invalidate<unknown>(defaultsRef.current.invalidate, result)
      await invalidate(opts.invalidate, result)
      successToast(opts.success, result)
      return result
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setErrors(err.fields)
      toast(messageOf(err))
      return undefined
    } finally {
      if (mine === seq.current) setPending(null)
    }
  }, [])

  const submit = useCallback(
    async <S extends z.ZodType, R>(schema: S, raw: unknown, send: (data: z.output<S>) => Promise<R>, opts: MutationOptions<R> = {}): Promise<R | undefined> => {
      const parsed = schema.safeParse(raw)
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error)
        setErrors(fields)
        toast(Object.values(fields)[0] ?? '请检查填写的内容')
        return undefined
      }
      return execute(() => send(parsed.data), opts)
    },
    [execute],
  )

  const send = useCallback(
    async <D extends Domain, T extends ActionTable, A extends keyof T & string>(
      contract: DomainContract<D, T>,
      action: A,
      raw: Draft<InputOf<T[A]>>,
      opts: MutationOptions<OutputOf<T[A]>> = {},
    ): Promise<OutputOf<T[A]> | undefined> => {
      const spec = contract.actions[action]
      const untyped = call as unknown as (domain: string, action: string, data: unknown, o: { idempotencyKey?: string }) => Promise<OutputOf<T[A]>>
      return submit(spec.input, raw, (data) => untyped(contract.domain, action, data, { idempotencyKey: opts.idempotencyKey }), opts)
    },
    [submit],
  )

  const run = useCallback(<R>(send: () => Promise<R>, opts: MutationOptions<R> = {}) => execute(send, opts), [execute])

  return { errors, setErrors, clear, busy: pending !== null, pending, send, submit, run }
}

export type Mutation = ReturnType<typeof useMutation>
