// WeChat's own privacy check (app.json __usePrivacyCheck__): before a privacy API (choosing a photo, copying to
// the clipboard) runs for someone who has not agreed in this mini-program, WeChat asks us through
// onNeedPrivacyAuthorization and holds the API until we answer. We answer with our own notice — the consent page,
// whose 「同意并继续」 is WeChat's agreePrivacyAuthorization button — so WeChat's popup never shows over ours, and
// the held API goes on (or fails) with the person's answer.
import Taro from '@tarojs/taro'
import { PAGE } from '@/core/routes'

/** The id of the consent page's agree button, which WeChat checks was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

type Resolve = (o: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

let waiting: Resolve[] = []

/** Whether a privacy API is waiting for the person's answer (the consent page then returns to it). */
export const privacyAsked = () => waiting.length > 0

/** On launch, on weapp: WeChat's requests for authorization open the consent page. */
export function watchPrivacy(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    waiting.push(resolve)
    if (waiting.length > 1) return
    void Taro.navigateTo({ url: `${PAGE.consent}?asked=1` }).then(() => resolve({ event: 'exposureAuthorization' }))
  })
}

/** The person answered on the consent page: every held API goes on, or fails, with that answer. */
export function settlePrivacy(agreed: boolean): void {
  const answered = waiting
  waiting = []
  for (const resolve of answered) resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
}
