import { z } from 'zod'
import { fieldErrors } from '../../common/fields'
import { ERROR_MESSAGES, ERROR_STATUS, type Envelope, type ErrorBody, type ErrorCode, type FieldErrors } from '../../common/errors'

/** The one error services throw. The edge turns it into the wire envelope; anything else is a bug (500). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldErrors,
  ) {
    super(message ?? ERROR_MESSAGES[code])
    this.name = 'AppError'
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

export const badInput = (fields: FieldErrors, message?: string) =>
  new AppError('BAD_INPUT', message ?? Object.values(fields)[0] ?? ERROR_MESSAGES.BAD_INPUT, fields)

export const notFound = (message?: string) => new AppError('NOT_FOUND', message)
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message)
export const conflict = (message?: string) => new AppError('CONFLICT', message)

export function zodToAppError(error: z.ZodError): AppError {
  return badInput(fieldErrors(error))
}

export interface MappedError {
  status: number
  envelope: Envelope<never>
  /** Set when the error is a bug: log it, never show it. */
  bug?: unknown
}

/** The single mapper from anything thrown to what goes on the wire. 5xx details never leave the server. */
export function mapError(err: unknown): MappedError {
  if (err instanceof AppError) {
    const error: ErrorBody = { code: err.code, message: err.message }
    if (err.fields) error.fields = err.fields
    return { status: err.status, envelope: { ok: false, error } }
  }
  if (err instanceof z.ZodError) return mapError(zodToAppError(err))
  return {
    status: 500,
    envelope: { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } },
    bug: err,
  }
}
