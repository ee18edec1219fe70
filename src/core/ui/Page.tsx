import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { useSession } from '../session'
import { fontScale } from './font-scale'
import './page.scss'

/**
 * Root of every page: applies elder mode (larger text and tap targets) and WeChat's own font-size setting,
 * so no page has to remember either.
 */
export function Page({ children, className = '' }: { children: ReactNode; className?: string }) {
  const elder = useSession((s) => s.elderMode)
  return (
    <View className={`page ${elder ? 'elder' : ''} ${className}`} style={`--scale:${fontScale()}`}>
      {children}
    </View>
  )
}
