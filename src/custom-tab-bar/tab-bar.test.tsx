import { act, render } from '@testing-library/react'
import { useMessages } from '@/features/messages/store'
import CustomTabBar from './index'

test('the weapp tab bar shows 消息中心’s unread count on 我的 and follows it, 99+ beyond two digits', () => {
  useMessages.setState({ unread: 0 })
  const { container } = render(<CustomTabBar />)
  const badge = () => container.querySelector('.tab-bar__badge')
  expect(badge()).toBeNull()
  act(() => useMessages.setState({ unread: 3 }))
  expect(badge()!.textContent).toBe('3')
  const items = [...container.querySelectorAll('.tab-bar__item')]
  // On the 我的 tab, and a screen reader hears it with the tab's name.
  expect(items.findIndex((i) => i.contains(badge()))).toBe(items.length - 1)
  expect(items.at(-1)!.getAttribute('aria-label')).toBe('我的，3条未读')
  act(() => useMessages.setState({ unread: 120 }))
  expect(badge()!.textContent).toBe('99+')
  act(() => useMessages.setState({ unread: 0 }))
  expect(badge()).toBeNull()
})
