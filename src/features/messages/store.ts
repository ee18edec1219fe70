// The message centre's unread count, shown on the 我的 tab and beside 消息中心; and which kinds of notice may
// come as WeChat messages (channels), kept here so a tap can ask WeChat for them at once, without a request.
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { ChannelOut } from '@server/features/messages/actions'
import { TAB, TAB_ITEMS } from '@common/routes'
import { call } from '@/core/api'

/** 我的, which carries the unread count. */
const ME_TAB_INDEX = TAB_ITEMS.findIndex((t) => t.page === TAB.me)

interface MessagesState {
  unread: number
  /** Null until loaded for the signed-in person. */
  channels: ChannelOut[] | null
  refresh(): Promise<void>
  set(unread: number): void
  loadChannels(): Promise<void>
  setChannels(channels: ChannelOut[] | null): void
}

/** The badge text: WeChat's tab bar fits no more than three characters. */
export const badgeText = (unread: number) => (unread > 99 ? '99+' : String(unread))

export const useMessages = create<MessagesState>((set, get) => ({
  unread: 0,
  channels: null,
  async refresh() {
    const { unread } = await call('messages', 'unread', {}, { retries: 0 })
    get().set(unread)
  },
  set(unread) {
    set({ unread })
    // The H5 tab bar is Taro's own; the weapp one is ours (custom-tab-bar), which reads `unread` from here.
    if (process.env.TARO_ENV === 'weapp') return
    const badge = unread > 0 ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: badgeText(unread) }) : Taro.removeTabBarBadge({ index: ME_TAB_INDEX })
    // Only tab pages have a tab bar; elsewhere the call fails harmlessly and the next tab page sets it.
    void Promise.resolve(badge).catch(() => undefined)
  },
  async loadChannels() {
    const { channels } = await call('messages', 'channels', {}, { retries: 0 })
    set({ channels })
  },
  setChannels(channels) {
    set({ channels })
  },
}))
