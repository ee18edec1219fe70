import type { z } from 'zod'
import type { FieldErrors } from './errors'

/** Field path → its first message, e.g. { phone: '手机号应为11位手机号码' }. The same on server and client. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    if (!(key in fields)) fields[key] = issue.message
  }
  return fields
}
