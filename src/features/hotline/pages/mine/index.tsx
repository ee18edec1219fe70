import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { usePaged } from '@/core/hooks'
import { PAGE, linkTo } from '@/core/routes'
import { useSession } from '@/core/session'
import { CallButton } from '@/core/ui/CallButton'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { RequestCard } from '../../components/RequestCard'
import { useHotline } from '../../store'
import './index.scss'

/** 服务热线 for residents: write a request, call the hotline, follow what they asked. */
export default function MyRequestsPage() {
  const hotline = useSession((s) => s.community?.hotline)
  const version = useHotline((s) => s.version)
  const list = usePaged((page) => call('hotline', 'mine', { page, pageSize: 10 }), [version])
  return (
    <Page className='hotline-mine'>
      <View className='hero'>
        <Text className='hero__title'>服务热线</Text>
        <Text className='hero__sub'>有事找网格：小事不出网格，大事不出社区</Text>
        <View className='hotline-mine__actions'>
          <Button type='default' size='large' className='hotline-mine__write' onClick={() => void Taro.navigateTo({ url: PAGE.hotlineNew })}>
            我要反映
          </Button>
          {hotline ? <CallButton phone={hotline} label='拨打' fill='outline' /> : null}
        </View>
      </View>
      <SignedIn>
        {() => (
          <View>
            <Text className='section-title'>我的诉求</Text>
            <Async q={list} isEmpty={(l) => l.length === 0} empty={<Empty title='还没有提交过诉求' hint='遇到问题，点上方「我要反映」' />}>
              {(items) => (
                <View>
                  {items.map((r) => (
                    <RequestCard key={r.id} r={r} onClick={() => void Taro.navigateTo({ url: linkTo('hotlineDetail', { id: r.id }) })} />
                  ))}
                  <Text className='hotline-mine__more muted'>{list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
