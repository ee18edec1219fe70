import Taro from '@tarojs/taro'
import { ApiError, call, setTokenSource } from './api'

const request = Taro.request as unknown as jest.Mock

function answer(status: number, data: unknown) {
  return { statusCode: status, data }
}

beforeEach(() => {
  request.mockReset()
  setTokenSource({ get: () => 'tok', onRejected: async () => false })
})

test('sends the envelope with the bearer token and returns data', async () => {
  request.mockResolvedValueOnce(answer(200, { ok: true, data: { name: '管道社区' } }))
  const info = await call('community', 'info', {})
  expect(info).toEqual({ name: '管道社区' })
  const sent = request.mock.calls[0][0]
  expect(sent.url).toBe('/api/community')
  expect(sent.method).toBe('POST')
  expect(sent.header.Authorization).toBe('Bearer tok')
  expect(sent.data.action).toBe('info')
  expect(typeof sent.data.idempotencyKey).toBe('string')
})

test('a refusal becomes an ApiError with the Chinese message and the named fields, without retrying', async () => {
  request.mockResolvedValue(
    answer(400, { ok: false, error: { code: 'BAD_INPUT', message: '手机号应为11位手机号码', fields: { phone: '手机号应为11位手机号码' } } }),
  )
  const err = await call('account', 'register', { name: '王', phone: '1', buildingId: 1, unit: 1, room: '301' }).catch((e) => e)
  expect(err).toBeInstanceOf(ApiError)
  expect(err.code).toBe('BAD_INPUT')
  expect(err.status).toBe(400)
  expect(err.fields).toEqual({ phone: '手机号应为11位手机号码' })
  expect(err.message).toBe('手机号应为11位手机号码')
  expect(request).toHaveBeenCalledTimes(1)
})

test('a network failure is retried with the same idempotency key, so the server runs it once', async () => {
  request
    .mockRejectedValueOnce({ errMsg: 'request:fail' })
    .mockResolvedValueOnce(answer(502, '<html>bad gateway</html>'))
    .mockResolvedValueOnce(answer(200, { ok: true, data: null }))
  await expect(call('account', 'setElderMode', { enabled: true })).resolves.toBeNull()
  expect(request).toHaveBeenCalledTimes(3)
  const keys = request.mock.calls.map((c) => c[0].data.idempotencyKey)
  expect(new Set(keys).size).toBe(1)
})

test('gives up after the retries with a network message', async () => {
  request.mockRejectedValue({ errMsg: 'request:fail timeout' })
  const err = await call('community', 'info', {}, { retries: 1 }).catch((e) => e)
  expect(err).toBeInstanceOf(ApiError)
  expect(err.code).toBe('TIMEOUT')
  expect(err.message).toBe('请求超时，请稍后重试')
  expect(request).toHaveBeenCalledTimes(2)
})

test('an expired session signs in again once and repeats the call', async () => {
  let token = 'old'
  const onRejected = jest.fn(async () => {
    token = 'new'
    return true
  })
  setTokenSource({ get: () => token, onRejected })
  request
    .mockResolvedValueOnce(answer(401, { ok: false, error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' } }))
    .mockResolvedValueOnce(answer(200, { ok: true, data: { id: 1 } }))
  await expect(call('account', 'me', {})).resolves.toEqual({ id: 1 })
  expect(onRejected).toHaveBeenCalledWith('SESSION_EXPIRED')
  expect(request.mock.calls[1][0].header.Authorization).toBe('Bearer new')
})

test('a caller-supplied key is sent as given (a saved draft resubmitted)', async () => {
  request.mockResolvedValueOnce(answer(200, { ok: true, data: null }))
  await call('auth', 'signOut', {}, { idempotencyKey: 'draft-key-123' })
  expect(request.mock.calls[0][0].data.idempotencyKey).toBe('draft-key-123')
})

describe('on weapp with a cloud environment', () => {
  const callFunction = Taro.cloud.callFunction as unknown as jest.Mock
  const init = Taro.cloud.init as unknown as jest.Mock
  const globals = globalThis as unknown as { CLOUD_ENV: string }
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    globals.CLOUD_ENV = 'guandao-test-1a2b'
    callFunction.mockReset()
  })
  afterEach(() => {
    process.env.TARO_ENV = 'h5'
    globals.CLOUD_ENV = ''
  })

  test('every domain goes to the one function "api", the domain beside the envelope', async () => {
    callFunction.mockResolvedValueOnce({ result: { ok: true, data: { name: '管道社区' } } }).mockResolvedValueOnce({ result: { ok: true, data: [] } })
    await expect(call('community', 'info', {})).resolves.toEqual({ name: '管道社区' })
    await call('announcements', 'list', {}, { idempotencyKey: 'list-key-12345' })
    expect(init).toHaveBeenCalledWith({ env: 'guandao-test-1a2b' })
    expect(callFunction.mock.calls.map(([p]) => p.name)).toEqual(['api', 'api'])
    const [[first], [second]] = callFunction.mock.calls
    expect(first.data).toEqual({ domain: 'community', action: 'info', data: {}, idempotencyKey: expect.any(String) })
    expect(second.data).toEqual({ domain: 'announcements', action: 'list', data: {}, idempotencyKey: 'list-key-12345' })
    // No token: the cloud knows the caller from WeChat itself.
    expect(request).not.toHaveBeenCalled()
  })

  test("the function's refusal is the same ApiError as over HTTP; a failed call is retried with the same key", async () => {
    callFunction
      .mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail' })
      .mockResolvedValueOnce({ result: { ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的服务：nope' } } })
    const err = await call('community', 'info', {}).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'UNKNOWN_ACTION', message: '不支持的服务：nope' })
    expect(callFunction).toHaveBeenCalledTimes(2)
    expect(new Set(callFunction.mock.calls.map(([p]) => p.data.idempotencyKey)).size).toBe(1)
  })
})
