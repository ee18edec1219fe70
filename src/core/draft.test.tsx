import { act, render } from '@testing-library/react'
import { getStorageSync } from '@tarojs/taro'
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
