import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { PAGE, linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { EventCard } from '../../components/EventCard'
import { useEvents } from '../../store'

/** The events one organises: drafts to finish, coming ones to run, past ones to look back on. */
export default function OrganisePage() {
  const version = useEvents((s) => s.version)
  const q = useQuery(() => call('events', 'organised', {}), [version])
  const create = (
    <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.eventEdit })}>
      新建活动
    </Button>
  )
  const open = (id: number) => () => void Taro.navigateTo({ url: linkTo('event', { id }) })
  return (
    <Page className='organise'>
      <SignedIn>
        {() => (
          <Async q={q} isEmpty={(d) => d.events.length === 0} empty={<Empty title='还没有组织活动' hint='新建活动，保存为草稿，准备好了再发布' action={create} />}>
            {(d) => {
              const now = Date.now()
              const drafts = d.events.filter((e) => e.state === 'draft')
              const coming = d.events.filter((e) => e.state !== 'draft' && Date.parse(e.endsAt) > now).reverse()
              const past = d.events.filter((e) => e.state !== 'draft' && Date.parse(e.endsAt) <= now)
              return (
                <View>
                  <View className='actions'>{create}</View>
                  {drafts.length ? <Text className='section-title'>草稿</Text> : null}
                  {drafts.map((e) => (
                    <EventCard key={e.id} e={e} onClick={open(e.id)} />
                  ))}
                  {coming.length ? <Text className='section-title'>即将举行</Text> : null}
                  {coming.map((e) => (
                    <EventCard key={e.id} e={e} onClick={open(e.id)} />
                  ))}
                  {past.length ? <Text className='section-title'>已结束</Text> : null}
                  {past.map((e) => (
                    <EventCard key={e.id} e={e} onClick={open(e.id)} />
                  ))}
                </View>
              )
            }}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}
