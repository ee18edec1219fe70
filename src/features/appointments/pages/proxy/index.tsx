import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { control } from '@/core/ui/a11y'
import { call } from '@/core/api'
import { usePaged, useQuery } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { BookingCard } from '../../components/BookingCard'
import { useAppointments } from '../../store'
import './index.scss'

/** 代办预约: a grid worker finds a resident of their grid and books for them; below, what they booked for others. */
export default function ProxyPage() {
  const [q, setQ] = useState('')
  const version = useAppointments((s) => s.version)
  const residents = useQuery(() => call('appointments', 'gridResidents', { q }), [q], { pullToRefresh: false })
  const made = usePaged((page) => call('appointments', 'madeByMe', { page, pageSize: 10 }), [version])
  return (
    <Page className='appt-proxy'>
      <SignedIn>
        {() => (
          <View>
            <View className='card'>
              <Text className='appt-proxy__label'>为本网格居民预约</Text>
              <Input className='appt-proxy__search' value={q} placeholder='输入姓名或楼栋查找' maxLength={20} onChange={(v: string) => setQ(v.trim())} />
              <Async q={residents} isEmpty={(l) => l.length === 0} empty={<Empty title={q ? '没有找到' : '本网格还没有登记的居民'} hint={q ? '换个名字或楼栋试试' : undefined} />}>
                {(list) => (
                  <View>
                    {list.map((r) => (
                      <View
                        key={r.id}
                        className='appt-proxy__resident'
                        {...control('link', () => void Taro.navigateTo({ url: linkTo('apptServices', { for: r.id, forName: r.name }) }))}
                      >
                        <Text className='appt-proxy__name'>{r.name}</Text>
                        <Text className='muted words'>{r.address} · {r.phone}</Text>
                      </View>
                    ))}
                  </View>
                )}
              </Async>
            </View>
            <Text className='section-title'>我代办的预约</Text>
            <Async q={made} isEmpty={(l) => l.length === 0} empty={<Empty title='还没有代办过预约' />}>
              {(items) => (
                <View>
                  {items.map((b) => (
                    <BookingCard key={b.id} b={b} who={`为 ${b.residentName}`} onClick={() => void Taro.navigateTo({ url: linkTo('apptDetail', { id: b.id }) })} />
                  ))}
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
