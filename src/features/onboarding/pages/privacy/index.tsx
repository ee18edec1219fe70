import { Text, View } from '@tarojs/components'
import { useSession } from '@/core/session'
import { Page } from '@/core/ui/Page'
import { PRIVACY_NOTICE } from '../../privacy-notice'
import './index.scss'

export default function PrivacyNoticePage() {
  const community = useSession((s) => s.community)
  return (
    <Page className='privacy'>
      <View className='card'>
        <Text className='privacy__title'>{PRIVACY_NOTICE.title}</Text>
        <Text className='muted'>版本 {PRIVACY_NOTICE.version} · 管道社区居民委员会</Text>
        {PRIVACY_NOTICE.sections.map((s) => (
          <View key={s.heading} className='privacy__section'>
            <Text className='privacy__heading'>{s.heading}</Text>
            <Text className='privacy__body'>{s.body}</Text>
          </View>
        ))}
        {community ? <Text className='muted'>联系我们：{community.address}，电话 {community.hotline}</Text> : null}
      </View>
    </Page>
  )
}
