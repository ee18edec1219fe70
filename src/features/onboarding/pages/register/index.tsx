import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TAB } from '@/core/routes'
import { useSession } from '@/core/session'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { ProfileForm } from '@/features/account/components/ProfileForm'
import './index.scss'

export default function RegisterPage() {
  return (
    <Page className='register'>
      <View className='register__intro'>
        <Text className='register__title'>登记住户信息</Text>
        <Text className='muted'>选择您家所在的楼栋和房号，我们会为您找到所属网格和网格员。</Text>
      </View>
      <SignedIn>
        {(me) => (
          <ProfileForm
            mode='register'
            me={me}
            onDone={(saved) => {
              useSession.getState().setMe(saved)
              void Taro.showToast({ title: '登记成功', icon: 'success' })
              void Taro.switchTab({ url: TAB.grid })
            }}
          />
        )}
      </SignedIn>
    </Page>
  )
}
