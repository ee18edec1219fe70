// The message centre's unread count, shown as a badge on the 我的 tab and beside 消息中心.
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { call } from '@/core/api'

const ME_TAB_INDEX = 2

interface MessagesState {
  unread: number
  refresh(): Promise<void>
  set(unread: number): void
}

export const useMessages = create<MessagesState>((set, get) => ({
  unread: 0,
  async refresh() {
    const { unread } = await call('messages', 'unread', {}, { retries: 0 })
    get().set(unread)
  },
  set(unread) {
    set({ unread })
    const badge = unread > 0 ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) }) : Taro.removeTabBarBadge({ index: ME_TAB_INDEX })
    // Only tab pages have a tab bar; elsewhere the call fails harmlessly and the next tab page sets it.
    void Promise.resolve(badge).catch(() => undefined)
  },
}))
