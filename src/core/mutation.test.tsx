import { act, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { z } from 'zod'
import { hotlineActions } from '@server/features/hotline/actions'
import { setTokenSource } from './api'
import { useMutation, type Mutation } from './mutation'
import { FieldError } from './ui/FieldError'

const request = Taro.request as unknown as jest.Mock
const showToast = Taro.showToast as unknown as jest.Mock
const lastToast = () => showToast.mock.calls.at(-1)?.[0] as { title: string; icon: string } | undefined

let m!: Mutation
function Probe({ defaults }: { defaults?: Parameters<typeof useMutation>[0] }) {
  m = useMutation(defaults)
  return (
    <>
      <FieldError error={m.errors.summary} />
      <span data-testid='busy'>{m.busy ? 'busy' : 'idle'}</span>
    </>
  )
}

const detail = { id: 3, state: 'resolved' }
const answer = (status: number, data: unknown) => ({ statusCode: status, data })

beforeEach(() => {
  request.mockReset()
  showToast.mockClear()
  setTokenSource({ get: () => 'tok', onRejected: async () => false })
})

test("input the action's schema refuses is never sent: its message stands beside the field and in a toast", async () => {
  render(<Probe />)
  let result: unknown = 'not yet'
  await act(async () => {
    result = await m.send(hotlineActions, 'resolve', { id: 3, summary: '好了' })
  })
  expect(result).toBeUndefined()
  expect(request).not.toHaveBeenCalled()
  // The server's own message for the same input (common/schemas text('办结说明', 5, 500)).
  expect(screen.getByText('办结说明至少5个字').className).toBe('field-error')
  expect(lastToast()).toMatchObject({ title: '办结说明至少5个字', icon: 'none' })
})

test('accepted input is sent as the schema parsed it; success toasts, reloads queries and bumps stores', async () => {
  const store = create<{ version: number; changed(): void }>((set) => ({ version: 0, changed: () => set((s) => ({ version: s.version + 1 })) }))
  const query = { reload: jest.fn(async () => undefined) }
  const seen: unknown[] = []
  let release!: () => void
  request.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(answer(200, { ok: true, data: detail })))))
  render(<Probe defaults={{ invalidate: [store] }} />)

  let pending!: Promise<unknown>
  act(() => {
    pending = m.send(hotlineActions, 'resolve', { id: 3, summary: '  已更换楼道灯，电工确认  ' }, { success: '已办结', invalidate: [query, (r) => seen.push(r)] })
  })
  await act(async () => undefined)
  expect(screen.getByTestId('busy').textContent).toBe('busy')
  await act(async () => {
    release()
    await pending
  })
  await expect(pending).resolves.toEqual(detail)
  const sent = request.mock.calls[0][0]
  expect(sent.url).toBe('/api/hotline')
  expect(sent.data).toMatchObject({ action: 'resolve', data: { id: 3, summary: '已更换楼道灯，电工确认' } })
  expect(store.getState().version).toBe(1)
  expect(query.reload).toHaveBeenCalledTimes(1)
  expect(seen).toEqual([detail])
  expect(lastToast()).toMatchObject({ title: '已办结', icon: 'success' })
  expect(screen.getByTestId('busy').textContent).toBe('idle')
})

test("the server's field errors land beside the same fields, and its message is the toast", async () => {
  request.mockResolvedValueOnce(answer(400, { ok: false, error: { code: 'BAD_INPUT', message: '办结说明不能超过500个字', fields: { summary: '办结说明不能超过500个字' } } }))
  const store = create<{ version: number; changed(): void }>((set) => ({ version: 0, changed: () => set((s) => ({ version: s.version + 1 })) }))
  render(<Probe />)
  let result: unknown = 'not yet'
  await act(async () => {
    result = await m.send(hotlineActions, 'resolve', { id: 3, summary: '已更换楼道灯' }, { success: '已办结', invalidate: [store] })
  })
  expect(result).toBeUndefined()
  expect(screen.getByText('办结说明不能超过500个字').className).toBe('field-error')
  expect(lastToast()).toMatchObject({ title: '办结说明不能超过500个字', icon: 'none' })
  // Nothing changed on the server, so nothing is refreshed.
  expect(store.getState().version).toBe(0)
})

test('a declined confirmation sends nothing; clear forgets the fields named', async () => {
  render(<Probe />)
  await act(async () => {
    await m.submit(z.object({ summary: z.string().min(5, '太短') }), { summary: '短' }, async () => 'sent')
  })
  expect(screen.getByText('太短')).toBeTruthy()
  act(() => m.clear('summary'))
  expect(screen.queryByText('太短')).toBeNull()

  const send = jest.fn(async () => 'sent')
  let result: unknown = 'not yet'
  await act(async () => {
    result = await m.run(send, { confirm: async () => false })
  })
  expect(result).toBeUndefined()
  expect(send).not.toHaveBeenCalled()
})

test('pending names the run in flight, so each button can show its own spinner', async () => {
  render(<Probe />)
  let release!: () => void
  let pending!: Promise<unknown>
  act(() => {
    pending = m.run(() => new Promise<void>((r) => (release = r)), { key: 'publish' })
  })
  expect(m.pending).toBe('publish')
  await act(async () => {
    release()
    await pending
  })
  expect(m.pending).toBeNull()
})
