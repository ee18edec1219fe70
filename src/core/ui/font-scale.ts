import Taro from '@tarojs/taro'

/** WeChat's font-size setting (微信 → 我 → 设置 → 通用 → 字体大小), as getAppBaseInfo reports it. */
export interface WeChatFont {
  /** The person's text size in px: 17 is iOS's standard step, 16 Android's; 关怀模式 sets 23.8 on phones. */
  fontSizeSetting?: number
}

/**
 * From this size up, a first open starts in 长辈版: the third step above standard on an iPhone (21 px on a
 * 375 px screen, 22 on a 414 px one) and the matching Android steps, and 关怀模式 at 23.8.
 */
export const ELDER_FROM_PX = 21

/** Page text grows with WeChat's setting, as a factor of the 16 px default, capped so layouts hold. */
export function scaleFor(font: WeChatFont | null): number {
  const setting = Number(font?.fontSizeSetting)
  if (!(setting > 0)) return 1
  return Math.round(Math.min(1.5, Math.max(1, setting / 16)) * 100) / 100
}

/** Whether WeChat's own setting says this person reads large text. */
export function wantsElderMode(font: WeChatFont | null): boolean {
  return Number(font?.fontSizeSetting) >= ELDER_FROM_PX
}

let cached: WeChatFont | null | undefined

/** The setting on weapp (getAppBaseInfo, base library 2.23.4+); H5 has none and reads null. */
export function weChatFont(): WeChatFont | null {
  if (cached !== undefined) return cached
  cached = null
  if (process.env.TARO_ENV === 'weapp') {
    try {
      cached = Taro.getAppBaseInfo() as WeChatFont
    } catch {
      cached = null
    }
  }
  return cached
}

export function fontScale(): number {
  return scaleFor(weChatFont())
}
