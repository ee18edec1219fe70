import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { PAGE, TAB } from '@/core/routes'
import { useSession } from '@/core/session'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import './index.scss'

/**
 * Outside WeChat there is no WeChat identity. In development and on the demo server, people sign in as one of
 * the seeded demo accounts or as a brand-new resident; production H5 asks them to open the mini-program.
 */
export default function LoginPage() {
  const m = useMutation()
  const busy = m.pending
  const community = useQuery(() => useSession.getState().loadCommunity(), [], { pullToRefresh: false })
  const enabled = community.data?.demoSignIn ?? false
  const demo = useQuery(() => call('auth', 'demoUsers', {}), [enabled], { enabled })

  const signIn = async (as: string) => {
    const signedIn = await m.run(async () => {
      await useSession.getState().signInDemo(as)
      return true
    }, { key: as })
    // A newcomer chose to try the first use: the notice, then registration. Everyone else starts at 首页.
    if (signedIn) void Taro.reLaunch({ url: as === 'newcomer' ? PAGE.consent : TAB.home })
  }

  if (!community.data) {
    return (
      <Page>
        <Async q={community}>{() => null}</Async>
      </Page>
    )
  }
  if (!enabled) {
    return (
      <Page>
        <Empty mark='微' title='请在微信中打开' hint='在微信中搜索「红石榴 管道社区」小程序，即可使用全部服务' />
      </Page>
    )
  }

  return (
    <Page className='login'>
      <View className='login__intro'>
        <Text className='login__title'>演示环境登录</Text>
        <Text className='login__hint'>在微信中会自动登录。这里可以选择一位演示居民或工作人员，也可以作为新居民体验首次使用。</Text>
      </View>
      <View className='actions'>
        <Button type='primary' size='large' block loading={busy === 'newcomer'} onClick={() => void signIn('newcomer')}>
          我是新居民（首次使用）
        </Button>
      </View>
      <Async q={demo} isEmpty={(list) => list.length === 0} empty={<Empty title='没有演示账号' />}>
        {(list) => (
          <CellGroup title='演示账号'>
            {list.map((u) => (
              <Cell
                key={u.key}
                className={`login__user login__user--${u.key}`}
                title={u.name}
                description={u.role}
                extra={busy === u.key ? '登录中…' : '登录'}
                clickable
                onClick={() => void signIn(u.key)}
              />
            ))}
          </CellGroup>
        )}
      </Async>
    </Page>
  )
}
