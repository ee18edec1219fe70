import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { useMutation } from '@/core/mutation'
import { PAGE, TAB } from '@/core/routes'
import { useSession } from '@/core/session'
import { Page } from '@/core/ui/Page'
import { CheckRow } from '@/core/ui/CheckRow'
import { control } from '@/core/ui/a11y'
import { PRIVACY_NOTICE } from '../../privacy-notice'
import { AGREE_BUTTON_ID, privacyAsked, settlePrivacy } from '../../privacy'
import './index.scss'

/**
 * The notice, a box that is not ticked, and nothing personal collected before it is ticked. Opened when a
 * feature first needs personal data (never by itself at launch), and by WeChat's privacy check before a photo
 * pick or a copy (`asked`): then it returns to what was asked once answered.
 */
export default function ConsentPage() {
  const asked = useRouter().params.asked === '1'
  const [agreed, setAgreed] = useState(false)
  const m = useMutation()
  const community = useSession((s) => s.community)

  const accept = async () => {
    if (!agreed) {
      void Taro.showToast({ title: '请先勾选同意隐私保护指引', icon: 'none' })
      return
    }
    // The version accepted is the one the community publishes now, loaded first if the app has not yet.
    const me = await m.run(async () => {
      const version = community?.privacyVersion ?? (await useSession.getState().loadCommunity()).privacyVersion
      return call('account', 'consent', { version })
    })
    if (!me) return
    useSession.getState().setMe(me)
    // WeChat's agreePrivacyAuthorization button was the one tapped: a held photo pick or copy goes on.
    settlePrivacy(true)
    if (asked || privacyAsked()) void Taro.navigateBack()
    else if (me.household) void Taro.switchTab({ url: TAB.grid })
    else void Taro.redirectTo({ url: PAGE.register })
  }

  const decline = () => {
    useSession.getState().declineConsent()
    settlePrivacy(false)
    if (asked) void Taro.navigateBack()
    else void Taro.switchTab({ url: TAB.home })
  }

  return (
    <Page className='consent'>
      <View className='consent__head'>
        <Text className='consent__title'>欢迎使用红石榴 · 管道社区服务</Text>
        <Text className='consent__sub'>在为您服务之前，请花一分钟了解我们如何保护您的个人信息。</Text>
      </View>
      <View className='card consent__summary'>
        {PRIVACY_NOTICE.summary.map((line, i) => (
          <View key={i} className='consent__point'>
            <Text className='consent__dot'>{i + 1}</Text>
            <Text className='consent__text'>{line}</Text>
          </View>
        ))}
        <Text className='consent__link' {...control('link', () => void Taro.navigateTo({ url: PAGE.privacyNotice }))}>
          阅读完整的《隐私保护指引》
        </Text>
      </View>
      <View className='consent__agree'>
        <CheckRow className='consent__check' checked={agreed} onChange={setAgreed}>我已阅读并同意《隐私保护指引》</CheckRow>
      </View>
      <View className='actions'>
        {/* On weapp also WeChat's own agree button, so its privacy check counts this tap as the agreement. */}
        <Button id={AGREE_BUTTON_ID} openType='agreePrivacyAuthorization' type='primary' size='large' block disabled={!agreed} loading={m.busy} onClick={() => void accept()}>
          同意并继续
        </Button>
        <Button size='large' block fill='none' onClick={decline}>
          暂不同意，先逛逛
        </Button>
      </View>
    </Page>
  )
}
