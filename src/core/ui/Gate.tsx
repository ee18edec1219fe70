import type { ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@server/features/account/actions'
import { PAGE } from '../routes'
import { hasConsented, useSession } from '../session'
import { useQuery } from '../hooks'
import { Empty, Failed, Loading } from './StateView'

/**
 * For pages about the signed-in person: signs in on show, and stands in for the page while the person is
 * not signed in or has not accepted the privacy notice.
 */
export function SignedIn({ children }: { children: (me: Me) => ReactNode }) {
  const me = useSession((s) => s.me)
  const q = useQuery(() => useSession.getState().ensure(), [], { pullToRefresh: false })
  useDidShow(() => {
    void q.reload()
  })
  if (!me) {
    if (q.error) return <Failed message={q.error} onRetry={() => void q.reload()} />
    if (q.loading) return <Loading />
    return (
      <Empty
        title='请先登录'
        hint='登录后可以查看您的网格、办理社区服务'
        action={
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: PAGE.login })}>
            去登录
          </Button>
        }
      />
    )
  }
  if (!hasConsented(me)) {
    return (
      <Empty
        title='需要您同意隐私保护指引'
        hint='同意后才能为您提供与个人信息有关的服务'
        action={
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: PAGE.consent })}>
            阅读并同意
          </Button>
        }
      />
    )
  }
  return <>{children(me)}</>
}
