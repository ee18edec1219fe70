import { useEffect, type ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { tabIndexOf } from '@common/routes'
import { useSession } from '../session'
import { fontScale } from './font-scale'
import './page.scss'

/**
 * Root of every page: applies elder mode (larger text and tap targets) and WeChat's own font-size setting,
 * so no page has to remember either.
 */
export function Page({ children, className = '' }: { children: ReactNode; className?: string }) {
  const elder = useSession((s) => s.elderMode)
  const tab = useTabBarSelection()
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    // H5 draws the tab bar outside any page, so 长辈版 reaches it through the document; and the box Taro
    // scrolls each page in is reachable from the keyboard, so arrow keys can scroll a page with no control.
    document.documentElement.classList.toggle('elder', elder)
    for (const el of document.querySelectorAll('.taro_page:not([tabindex])')) el.setAttribute('tabindex', '0')
  }, [elder])
  return (
    <View className={`page ${elder ? 'elder' : ''} ${tab ? 'page--tab-weapp' : ''} ${className}`} style={`--scale:${fontScale()}`}>
      {children}
    </View>
  )
}

/** On weapp, a tab page marks its tab selected in the custom tab bar when shown; true on such a page. */
function useTabBarSelection(): boolean {
  const weapp = process.env.TARO_ENV === 'weapp'
  const page = weapp ? Taro.getCurrentInstance().page : null
  const index = page ? tabIndexOf((page as { route?: string }).route) : -1
  useDidShow(() => {
    if (!page || index < 0) return
    const bar = Taro.getTabBar<{ setSelected(i: number): void }>(page)
    bar?.setSelected(index)
  })
  return index >= 0
}
