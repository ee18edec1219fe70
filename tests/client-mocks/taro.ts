// A stand-in for @tarojs/taro in jsdom: the WeChat platform is the one thing the client tests replace. Storage is
// an in-memory map; request is a jest mock each test programs; navigation calls are recorded.
// One map for the whole test file, also across jest.isolateModules (a test can reopen the app on the same device).
const shared = globalThis as { taroStorageForTests?: Map<string, unknown> }
const storage = (shared.taroStorageForTests ??= new Map<string, unknown>())

export const request = jest.fn()
export const login = jest.fn(async () => ({ code: 'test-code' }))
export const showToast = jest.fn(async () => undefined)
export const showModal = jest.fn(async () => ({ confirm: true }))
export const navigateTo = jest.fn(async () => undefined)
export const redirectTo = jest.fn(async () => undefined)
export const switchTab = jest.fn(async () => undefined)
export const reLaunch = jest.fn(async () => undefined)
export const navigateBack = jest.fn(async () => undefined)
export const makePhoneCall = jest.fn(async () => undefined)
export const requestSubscribeMessage = jest.fn(async () => undefined)
export const onNeedPrivacyAuthorization = jest.fn()
export const stopPullDownRefresh = jest.fn()
export const getCurrentPages = jest.fn(() => [])
export const getSystemInfoSync = jest.fn(() => ({ fontSizeSetting: 16 }))
export const getAppBaseInfo = jest.fn(() => ({ fontSizeSetting: 17 }))
export const cloud = { init: jest.fn(), callFunction: jest.fn() }

export const getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '')
export const setStorageSync = (key: string, value: unknown) => void storage.set(key, value)
export const removeStorageSync = (key: string) => void storage.delete(key)
export const getStorageInfoSync = () => ({ keys: [...storage.keys()] })
export const clearStorageForTests = () => storage.clear()

export const useDidShow = jest.fn()
export const usePullDownRefresh = jest.fn()
export const useReachBottom = jest.fn()
export const useRouter = jest.fn(() => ({ params: {} }))
export const useLaunch = jest.fn()
export const useShareAppMessage = jest.fn()

const Taro = {
  request, login, showToast, showModal, navigateTo, redirectTo, switchTab, reLaunch, navigateBack, makePhoneCall, requestSubscribeMessage, onNeedPrivacyAuthorization,
  stopPullDownRefresh, getCurrentPages, getSystemInfoSync, getAppBaseInfo, cloud, getStorageSync, setStorageSync, removeStorageSync, getStorageInfoSync,
}
export default Taro
