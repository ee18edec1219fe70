import Taro from '@tarojs/taro'
import { AGREE_BUTTON_ID, privacyAsked, settlePrivacy, watchPrivacy } from './privacy'

const listen = Taro.onNeedPrivacyAuthorization as unknown as jest.Mock
const navigateTo = Taro.navigateTo as unknown as jest.Mock

afterEach(() => {
  process.env.TARO_ENV = 'h5'
})

test('on weapp, WeChat’s request opens the consent page once, and the answer releases every held API', async () => {
  process.env.TARO_ENV = 'weapp'
  watchPrivacy()
  const listener = listen.mock.calls[0][0]
  const photo = jest.fn()
  const copy = jest.fn()
  listener(photo, { referrer: '' })
  listener(copy, { referrer: '' })
  expect(navigateTo).toHaveBeenCalledTimes(1)
  expect(navigateTo).toHaveBeenCalledWith({ url: '/features/onboarding/pages/consent/index?asked=1' })
  await Promise.resolve()
  await Promise.resolve()
  // The page is on screen: WeChat is told it was shown.
  expect(photo).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
  expect(privacyAsked()).toBe(true)
  settlePrivacy(true)
  expect(photo).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID })
  expect(copy).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID })
  expect(privacyAsked()).toBe(false)

  const again = jest.fn()
  listener(again, { referrer: '' })
  settlePrivacy(false)
  expect(again).toHaveBeenLastCalledWith({ event: 'disagree' })
})

test('H5 has no such check and registers nothing', () => {
  listen.mockClear()
  watchPrivacy()
  expect(listen).not.toHaveBeenCalled()
})
