// The cloud adapter in process, on both engines: one function routing by domain with the OPENID from the WeChat
// context, and the platform's own events (timer, pushes) told apart only when there is no OPENID. wx-server-sdk
// is replaced at its edge: getWXContext answers what the test sets. The built bundle is run as the cloud runs it
// in scripts/build-cloud.test.ts.
import type { Services } from '../core/context'
import { engines, PROD_KEY, startBackend, TEST_DATABASE_URL, type TestBackend } from '../testing/harness'
import { createCloudMain, type PlatformEvent } from './adapter'
import { SWEEPING_DOMAINS, TIMER } from './schedule'

const mockWx = { openid: undefined as string | undefined }
jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: 'current-env',
  init: jest.fn(),
  getWXContext: () => ({ OPENID: mockWx.openid, APPID: 'wx0000000000000000' }),
  openapi: {},
}))

// The configuration the cloud reads; the backend itself is the test's, on either engine.
const env = { DATABASE_URL: TEST_DATABASE_URL, ID_CARD_KEY: PROD_KEY, LOG_LEVEL: 'silent' } as unknown as NodeJS.ProcessEnv
const timer = { Type: 'Timer', TriggerName: TIMER.trigger, Time: '2026-11-27T02:00:00Z', Message: '' }
const push = { ToUserName: 'gh_0000000000', FromUserName: 'o_pushed', CreateTime: 1764201600, MsgType: 'event', Event: 'wxa_media_check', trace_id: 't1' }

describe.each(engines())('cloud adapter on %s', (engine) => {
  let t: TestBackend
  const pushes: { event: PlatformEvent; services: Services }[] = []
  let main: ReturnType<typeof createCloudMain>
  beforeAll(async () => {
    t = await startBackend(engine)
    main = createCloudMain({
      env,
      backend: async () => t.backend,
      onPlatformEvent: async (event, services) => {
        pushes.push({ event, services })
        return 'success'
      },
    })
  })
  afterAll(() => t?.close())
  beforeEach(() => {
    mockWx.openid = undefined
    pushes.length = 0
  })

  test('routes each call by its domain, as the caller the WeChat context names', async () => {
    mockWx.openid = `o_adapter_${engine}`
    expect(await main({ domain: 'community', action: 'info' })).toMatchObject({ ok: true, data: { name: '管道社区' } })
    const me = (await main({ domain: 'account', action: 'me', userInfo: { openId: 'someone-else' } })) as { ok: true; data: { id: number } }
    const row = await t.db.selectFrom('users').select('id').where('openid', '=', `o_adapter_${engine}`).executeTakeFirstOrThrow()
    expect(me.data.id).toBe(row.id)
    expect(await main({ domain: 'nope', action: 'info' })).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的服务：nope' } })
    expect(await main({ action: 'info' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: { domain: '缺少 domain' } } })
  })

  test('without an OPENID: the timer runs the round of scheduled work, and a push goes to onPlatformEvent', async () => {
    const round = (await main(timer)) as { ok: true; data: Record<string, unknown> }
    expect(Object.keys(round.data)).toEqual([...SWEEPING_DOMAINS, 'delivery'])
    expect(await main(push)).toBe('success')
    expect(pushes).toHaveLength(1)
    expect(pushes[0].event).toMatchObject({ MsgType: 'event', Event: 'wxa_media_check' })
    expect(pushes[0].services.db).toBe(t.db)
    // Anonymous requests are still requests.
    expect(await main({ domain: 'account', action: 'me' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  test('with an OPENID the timer shape and any other push are requests without a domain; a photo verdict is still heard', async () => {
    mockWx.openid = 'o_pretender'
    const other = { ...push, Event: 'user_enter_tempsession', trace_id: undefined }
    for (const event of [timer, other]) expect(await main(event)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: { domain: '缺少 domain' } } })
    expect(pushes).toHaveLength(0)
    // Only a trace id the server handed out for a pending photo changes anything (below), so who pushes it matters not.
    expect(await main(push)).toBe('success')
    expect(pushes).toHaveLength(1)
  })

  test("by default WeChat's photo verdict clears the photo it names, and a push of anything else is refused", async () => {
    const bare = createCloudMain({ env, backend: async () => t.backend })
    const owner = await t.db.selectFrom('users').select('id').where('openid', '=', 'demo:resident').executeTakeFirstOrThrow()
    const photo = await t.db
      .insertInto('uploads')
      .values({ owner_id: owner.id, kind: 'hotline', storage: 'cloud', path_or_file_id: 'cloud://env/a.jpg', mime: 'image/jpeg', bytes: 1, created_at: t.clock.iso(), review: 'pending', review_trace: `trace-${engine}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    const verdict = { ...push, trace_id: `trace-${engine}`, errcode: 0, result: { suggest: 'pass', label: 100 } }
    expect(await bare(verdict)).toBe('success')
    expect(await t.db.selectFrom('uploads').select('review').where('id', '=', photo.id).executeTakeFirstOrThrow()).toEqual({ review: 'pass' })
    expect(await bare({ ...push, Event: 'user_enter_tempsession', trace_id: undefined })).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的平台事件' } })
  })
})
