import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { serviceEntries } from '@/core/entries'
import { useSession } from '@/core/session'
import { CallButton } from '@/core/ui/CallButton'
import { Page } from '@/core/ui/Page'
import { Empty } from '@/core/ui/StateView'
import * as registry from '@/features/registry'
import './index.scss'

/** An honest placeholder: what the service will do, that it is not open yet, and the hotline that works today. */
export default function ComingSoonPage() {
  const key = useRouter().params.service
  const service = serviceEntries(Object.values(registry)).find((s) => s.key === key)
  const hotline = useSession((s) => s.community?.hotline)
  useEffect(() => {
    // An old link to a service that has opened since goes to the service itself.
    if (service?.page) void Taro.redirectTo({ url: service.page })
    else if (service) void Taro.setNavigationBarTitle({ title: service.title })
  }, [service])
  if (!service) return <Page><Empty title='没有这项服务' /></Page>
  if (service.page) return <Page>{null}</Page>
  return (
    <Page className='coming-soon'>
      <View className='coming-soon__hero' style={{ background: service.color }}>
        <Text className='coming-soon__glyph'>{service.glyph}</Text>
        <Text className='coming-soon__title'>{service.title}</Text>
        <Text className='coming-soon__badge'>即将开放</Text>
      </View>
      <View className='card'>
        <Text className='coming-soon__lead'>线上办理正在建设中，开放后您可以：</Text>
        {service.details.map((d) => (
          <Text key={d} className='coming-soon__item'>
            · {d}
          </Text>
        ))}
      </View>
      {hotline ? (
        <View className='card coming-soon__now'>
          <Text className='coming-soon__lead'>现在需要帮助？社区服务热线照常接听：</Text>
          <CallButton phone={hotline} label='拨打热线' block />
        </View>
      ) : null}
    </Page>
  )
}
