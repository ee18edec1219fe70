// The weapp tab bar (app.config.ts sets `custom` on weapp only): WeChat's native bar keeps 10 px labels whatever
// the app asks, which 长辈版 cannot accept. WeChat creates one instance per tab page; each tab page marks itself
// selected when shown (Page → useTabBarSelection), and every instance follows 长辈版 from the session and the
// unread count of 消息中心 (shown on 我的, as WeChat's own bar would with setTabBarBadge).
import { Component } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { TAB, TAB_ITEMS, tabIndexOf } from '@common/routes'
import { useSession } from '@/core/session'
import { badgeText, useMessages } from '@/features/messages/store'
import { control } from '@/core/ui/a11y'
import './index.scss'

interface State {
  selected: number
  elder: boolean
  unread: number
}

/** The tab that carries the unread count. */
const BADGE_TAB = TAB_ITEMS.findIndex((t) => t.page === TAB.me)

export default class CustomTabBar extends Component<object, State> {
  state: State = {
    selected: Math.max(0, tabIndexOf((Taro.getCurrentPages().slice(-1)[0] as { route?: string } | undefined)?.route)),
    elder: useSession.getState().elderMode,
    unread: useMessages.getState().unread,
  }

  private unsubscribe: (() => void)[] = []

  componentDidMount() {
    this.unsubscribe = [
      useSession.subscribe((s) => {
        if (s.elderMode !== this.state.elder) this.setState({ elder: s.elderMode })
      }),
      useMessages.subscribe((m) => {
        if (m.unread !== this.state.unread) this.setState({ unread: m.unread })
      }),
    ]
  }

  componentWillUnmount() {
    this.unsubscribe.forEach((u) => u())
  }

  /** Called by the tab page on show (WeChat keeps an instance per tab page). */
  setSelected(selected: number) {
    if (selected !== this.state.selected) this.setState({ selected })
  }

  private open(index: number) {
    this.setSelected(index)
    void Taro.switchTab({ url: TAB_ITEMS[index].page })
  }

  render() {
    const { selected, elder, unread } = this.state
    return (
      <View className={`tab-bar ${elder ? 'tab-bar--elder' : ''}`}>
        {TAB_ITEMS.map((t, i) => (
          <View key={t.page} className={`tab-bar__item ${i === selected ? 'tab-bar__item--on' : ''}`} {...control('tab', () => this.open(i), { selected: i === selected, label: i === BADGE_TAB && unread > 0 ? `${t.text}，${unread}条未读` : undefined })}>
            <View className='tab-bar__icon-box'>
              <Image className='tab-bar__icon' src={`/${i === selected ? t.iconOn : t.icon}`} />
              {i === BADGE_TAB && unread > 0 ? <Text className='tab-bar__badge'>{badgeText(unread)}</Text> : null}
            </View>
            <Text className='tab-bar__label'>{t.text}</Text>
          </View>
        ))}
      </View>
    )
  }
}
