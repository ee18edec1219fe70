import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { control } from '@/core/ui/a11y'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { PAGE, linkTo, textParam } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import './index.scss'

/** 办事预约: the service windows, what each needs, and a way into one's own bookings. */
export default function ServicesPage() {
  const params = useRouter().params
  const forId = params.for
  const forName = textParam(params.forName)
  const services = useQuery(() => call('appointments', 'services', {}), [])
  const proxy = forId ? { for: forId, forName } : {}
  return (
    <Page className='appt-services'>
      <View className='hero hero--amber'>
        <Text className='hero__title'>{forName ? `为 ${forName} 代办预约` : '办事预约'}</Text>
        <Text className='hero__sub'>证照协助、社保卡、车票代购、免费体检：先预约，到窗口不排队</Text>
        {forId ? null : (
          <Button className='appt-services__mine' size='large' onClick={() => void Taro.navigateTo({ url: PAGE.apptMine })}>
            我的预约
          </Button>
        )}
      </View>
      <SignedIn>
        {() => (
          <Async q={services} isEmpty={(l) => l.length === 0} empty={<Empty title='暂时没有可预约的服务' hint='如需办事，请拨打社区服务热线' />}>
            {(list) => (
              <View>
                {list.map((s) => (
                  <View
                    key={s.id}
                    className='card appt-services__item'
                    {...control('link', () => void Taro.navigateTo({ url: linkTo('apptBook', { serviceId: s.id, ...proxy }) }))}
                  >
                    <View className='appt-services__head'>
                      <Text className='appt-services__name'>{s.name}</Text>
                      {s.notice ? <Text className='appt-services__notice'>{s.notice}</Text> : null}
                    </View>
                    <Text className='appt-services__desc'>{s.description}</Text>
                    <Text className='muted'>
                      每次约{s.durationMinutes}分钟 · 可预约{s.bookAheadDays}天内 · 带：{s.checklist.slice(0, 2).join('、')}
                      {s.checklist.length > 2 ? '等' : ''}
                    </Text>
                  </View>
                ))}
              </View>
            )}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}
