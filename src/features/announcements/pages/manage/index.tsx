import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { usePaged } from '@/core/hooks'
import { PAGE, linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { AnnouncementItem } from '../../components/AnnouncementItem'
import { useAnnouncements } from '../../store'

export default function ManageAnnouncementsPage() {
  // Coming back from the editor shows what was just saved: the editor bumps the feature's version.
  const version = useAnnouncements((s) => s.version)
  const q = usePaged((page) => call('announcements', 'manage', { page, pageSize: 20 }), [version])
  return (
    <Page>
      <SignedIn>
        {() => (
          <View>
            <View className='actions'>
              <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.editAnnouncement })}>
                新建公告
              </Button>
            </View>
            <Async q={q} isEmpty={(l) => l.length === 0} empty={<Empty title='还没有公告' hint='点击上方按钮写第一条' />}>
              {(items) => (
                <View>
                  {items.map((a) => (
                    <AnnouncementItem key={a.id} a={a} showStatus onClick={() => void Taro.navigateTo({ url: linkTo('editAnnouncement', { id: a.id }) })} />
                  ))}
                  <Text className='muted' style={{ display: 'block', textAlign: 'center', padding: '16px' }}>
                    {q.hasMore ? '上滑加载更多' : `共 ${q.total} 条`}
                  </Text>
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
