import { z } from 'zod'
import { ERROR_MESSAGES, ERROR_STATUS, isErrorCode, type ErrorCode } from '../../common/errors'
import { isChinese } from '../testing/harness'
import { AppError, badInput, conflict, forbidden, mapError, notFound } from './errors'

describe('error codes', () => {
  test('every code has a Chinese message and a status', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      expect([code, isChinese(ERROR_MESSAGES[code])]).toEqual([code, true])
      expect(typeof ERROR_STATUS[code]).toBe('number')
    }
    expect(isErrorCode('BAD_INPUT')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode(42)).toBe(false)
  })

  test('statuses follow the brief: 400, 401/403, 404, 409, 429, 500', () => {
    expect(ERROR_STATUS).toMatchObject({
      BAD_INPUT: 400,
      UNAUTHENTICATED: 401,
      SESSION_EXPIRED: 401,
      FORBIDDEN: 403,
      CONSENT_REQUIRED: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      RATE_LIMITED: 429,
      INTERNAL: 500,
    })
  })
})

describe('mapError', () => {
  test.each(Object.keys(ERROR_STATUS).filter((c) => ERROR_STATUS[c as ErrorCode] > 0) as ErrorCode[])('AppError %s → its status and the dictionary message', (code) => {
    const mapped = mapError(new AppError(code))
    expect(mapped.status).toBe(ERROR_STATUS[code])
    expect(mapped.envelope).toEqual({ ok: false, error: { code, message: ERROR_MESSAGES[code] } })
    expect(mapped.bug).toBeUndefined()
  })

  test('helpers carry their own message and fields', () => {
    expect(mapError(badInput({ phone: '手机号应为11位手机号码' }))).toEqual({
      status: 400,
      envelope: { ok: false, error: { code: 'BAD_INPUT', message: '手机号应为11位手机号码', fields: { phone: '手机号应为11位手机号码' } } },
    })
    expect(mapError(notFound('公告不存在')).envelope).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '公告不存在' } })
    expect(mapError(forbidden()).status).toBe(403)
    expect(mapError(conflict()).status).toBe(409)
  })

  test('a ZodError becomes BAD_INPUT naming the fields', () => {
    const res = z.object({ a: z.string({ error: '请填写甲' }), b: z.object({ c: z.number({ error: '丙应为数字' }) }) }).safeParse({ b: { c: 'x' } })
    const mapped = mapError(res.error)
    expect(mapped.status).toBe(400)
    expect(mapped.envelope).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '请填写甲', fields: { a: '请填写甲', 'b.c': '丙应为数字' } } })
  })

  test.each([new Error('connection refused at 10.0.0.3'), new TypeError('x is undefined'), 'a string', null])('anything else (%p) is a bug: 500, details hidden', (err) => {
    const mapped = mapError(err)
    expect(mapped.status).toBe(500)
    expect(mapped.envelope).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL } })
    expect(mapped.bug).toBe(err)
  })
})
