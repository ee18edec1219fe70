import Taro from '@tarojs/taro'

/**
 * Asks the person to allow WeChat subscribe messages (reply and progress notices). WeChat only shows the prompt
 * when this runs inside the tap handler before any await, so call it first thing in the handler. Without
 * configured templates, or outside WeChat, it does nothing; the in-app message centre works regardless.
 */
export function askForNotices(): void {
  if (process.env.TARO_ENV !== 'weapp' || !SUBSCRIBE_TEMPLATE_IDS) return
  const tmplIds = SUBSCRIBE_TEMPLATE_IDS.split(',').map((s) => s.trim()).filter(Boolean)
  if (tmplIds.length) void Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0]).catch(() => undefined)
}
