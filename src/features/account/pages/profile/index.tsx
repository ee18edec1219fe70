import Taro from '@tarojs/taro'
import { useSession } from '@/core/session'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { BirthYear } from '../../components/BirthYear'
import { ProfileForm } from '../../components/ProfileForm'

export default function ProfilePage() {
  return (
    <Page>
      <SignedIn>
        {(me) => (
          <>
            <ProfileForm
              mode={me.household ? 'update' : 'register'}
              me={me}
              onDone={(saved) => {
                useSession.getState().setMe(saved)
                void Taro.showToast({ title: '已保存', icon: 'success' })
                setTimeout(() => void Taro.navigateBack(), 600)
              }}
            />
            <BirthYear me={me} />
          </>
        )}
      </SignedIn>
    </Page>
  )
}
