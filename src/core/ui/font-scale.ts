import Taro from '@tarojs/taro'

let cached: number | null = null

/**
 * WeChat's font-size setting (微信 → 设置 → 字体大小), as a factor of its default 16 px, capped so layouts
 * hold. H5 has no such setting and uses 1.
 */
export function fontScale(): number {
  if (cached !== null) return cached
  let scale = 1
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const setting = Number((Taro.getSystemInfoSync() as { fontSizeSetting?: number }).fontSizeSetting)
      if (setting > 0) scale = Math.min(1.5, Math.max(1, setting / 16))
    } catch {
      scale = 1
    }
  }
  cached = Math.round(scale * 100) / 100
  return cached
}
