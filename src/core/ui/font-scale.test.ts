/* eslint-disable @typescript-eslint/no-require-imports -- each test reopens the app: modules are loaded afresh inside jest.isolateModules */
import type { Me } from '@server/features/account/actions'
import type * as TaroModule from '../../../tests/client-mocks/taro'
import type * as SessionModule from '../session'
import type * as FontModule from './font-scale'

type TaroMock = typeof TaroModule

const me = (elderMode: boolean, consented = true): Me => ({
  id: 1, name: '李桂芳', phone: '13800000001', roles: ['resident'], household: null, elderMode, birthYear: null, gridIds: [], team: null,
  consent: { required: '2026-11', accepted: consented ? '2026-11' : null, acceptedAt: null },
})

let request: jest.Mock

/** The app opened afresh (as after a cold start) on a phone whose WeChat text is `px` large; storage is kept. */
function openWithWeChatFont(px: number) {
  let session!: typeof SessionModule
  let font!: typeof FontModule
  jest.isolateModules(() => {
    const taro = require('@tarojs/taro') as TaroMock
    taro.getAppBaseInfo.mockReturnValue({ fontSizeSetting: px })
    request = taro.request
    font = require('./font-scale')
    session = require('../session')
  })
  return { session, font }
}

const env = process.env.TARO_ENV
beforeEach(() => {
  process.env.TARO_ENV = 'weapp'
  ;(require('@tarojs/taro') as TaroMock).clearStorageForTests()
})
afterAll(() => {
  process.env.TARO_ENV = env
})

test('the page scale follows WeChat text size from the 16 px default, capped at 1.5', () => {
  const { font } = openWithWeChatFont(17)
  expect(font.scaleFor({ fontSizeSetting: 16 })).toBe(1)
  expect(font.scaleFor({ fontSizeSetting: 14 })).toBe(1)
  expect(font.scaleFor({ fontSizeSetting: 20 })).toBe(1.25)
  expect(font.scaleFor({ fontSizeSetting: 40 })).toBe(1.5)
  expect(font.scaleFor(null)).toBe(1)
  expect(font.wantsElderMode({ fontSizeSetting: 19.5 })).toBe(false)
  expect(font.wantsElderMode({ fontSizeSetting: 21 })).toBe(true)
  expect(font.wantsElderMode({ fontSizeSetting: 23.8 })).toBe(true)
})

test('standard WeChat text opens in standard mode', () => {
  const { session } = openWithWeChatFont(17)
  expect(session.useSession.getState().elderMode).toBe(false)
})

test('关怀模式 (23.8 px) opens in 长辈版, and the account that has not chosen hears of it once', async () => {
  const { session } = openWithWeChatFont(23.8)
  const s = session.useSession
  expect(s.getState().elderMode).toBe(true)
  request.mockResolvedValue({ statusCode: 200, data: { ok: true, data: me(true) } })
  s.getState().setMe(me(false))
  expect(s.getState().elderMode).toBe(true)
  await new Promise((r) => setTimeout(r, 0))
  expect(request).toHaveBeenCalledTimes(1)
  expect(request.mock.calls[0][0].data).toMatchObject({ action: 'setElderMode', data: { enabled: true } })
  // From then on the account decides: turned off elsewhere, it is off here too.
  s.getState().setMe(me(false))
  expect(s.getState().elderMode).toBe(false)
})

test('turned off by the resident, 长辈版 stays off on the next open despite the large WeChat text', async () => {
  const first = openWithWeChatFont(23.8).session.useSession
  request.mockResolvedValue({ statusCode: 200, data: { ok: true, data: me(false) } })
  await first.getState().setElderMode(false)
  const again = openWithWeChatFont(23.8).session.useSession
  expect(again.getState().elderMode).toBe(false)
})

test('before consent the device keeps WeChat’s choice and tells the account nothing', () => {
  const s = openWithWeChatFont(23.8).session.useSession
  s.getState().setMe(me(false, false))
  expect(s.getState().elderMode).toBe(true)
  expect(request).not.toHaveBeenCalled()
})
