import { act, render } from '@testing-library/react'
import { getStorageSync, setStorageSync } from '@tarojs/taro'
import { clearStorageForTests } from '../../tests/client-mocks/taro'
import { useDraft } from './draft'

type Api = ReturnType<typeof useDraft<{ title: string }>>

function Probe({ onApi }: { onApi: (api: Api) => void }) {
  onApi(useDraft('draft.test', () => ({ title: '' })))
  return null
}

beforeEach(() => clearStorageForTests())

test('a draft is kept with its idempotency key until cleared, and restored on the next visit', () => {
  let api!: Api
  const first = render(<Probe onApi={(a) => (api = a)} />)
  expect(api.restored).toBe(false)
  act(() => api.update({ title: '停水通知' }))
  const key = api.idempotencyKey()
  expect(getStorageSync('draft.test')).toContain('停水通知')
  first.unmount()

  render(<Probe onApi={(a) => (api = a)} />)
  expect(api.restored).toBe(true)
  expect(api.value.title).toBe('停水通知')
  // The same key: resubmitting the restored draft cannot create a second record.
  expect(api.idempotencyKey()).toBe(key)

  act(() => api.clear())
  expect(getStorageSync('draft.test')).toBe('')
  expect(api.idempotencyKey()).not.toBe(key)
})

test('an untouched form stores nothing', () => {
  render(<Probe onApi={() => undefined} />)
  expect(getStorageSync('draft.test')).toBe('')
})

test('what `keep` leaves out never reaches storage, and sign-out removes every draft', async () => {
  const { useSession } = await import('./session')
  let api!: ReturnType<typeof useDraft<{ name: string; idCard: string }>>
  function Passenger() {
    api = useDraft('draft.ticket', () => ({ name: '', idCard: '' }), (v) => ({ ...v, idCard: '' }))
    return null
  }
  const view = render(<Passenger />)
  act(() => api.update({ name: '李桂芳', idCard: '320311195803120041' }))
  // On screen the number is there; on the device it is not.
  expect(api.value.idCard).toBe('320311195803120041')
  expect(getStorageSync('draft.ticket')).toContain('李桂芳')
  expect(getStorageSync('draft.ticket')).not.toContain('320311195803120041')
  view.unmount()

  setStorageSync('draft.profile.update.7', JSON.stringify({ value: { name: '李桂芳', phone: '13852140001' }, key: 'k' }))
  setStorageSync('prefs.elder', JSON.stringify(true))
  await useSession.getState().signOut()
  expect(getStorageSync('draft.ticket')).toBe('')
  expect(getStorageSync('draft.profile.update.7')).toBe('')
  // A device setting is not the person's data.
  expect(getStorageSync('prefs.elder')).not.toBe('')
})
