import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { control } from '@/core/ui/a11y'
import { serviceEntries } from '@/core/entries'
import { linkTo } from '@/core/routes'
import * as registry from '@/features/registry'
import './service-grid.scss'

const SERVICES = serviceEntries(Object.values(registry))

export function ServiceGrid() {
  return (
    <View className='service-grid'>
      {SERVICES.map((s) => (
        <View
          key={s.key}
          className={`service-grid__item service-grid__item--${s.key}`}
          {...control('link', () => void Taro.navigateTo({ url: s.page ?? linkTo('comingSoon', { service: s.key }) }))}
        >
          <View className='service-grid__glyph' style={{ background: s.color }}>
            <Text>{s.glyph}</Text>
          </View>
          <Text className='service-grid__title'>{s.title}</Text>
          <Text className='service-grid__summary'>{s.summary}</Text>
          {s.page ? null : <Text className='service-grid__soon'>即将开放</Text>}
        </View>
      ))}
    </View>
  )
}
