import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { SearchBar } from '@nutui/nutui-react-taro'
import type { Role } from '@common/contract'
import { control } from '@/core/ui/a11y'
import { call } from '@/core/api'
import { usePaged } from '@/core/hooks'
import { linkTo } from '@/core/routes'
import { Chips } from '@/core/ui/Chips'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { ROLE_LABELS } from '../../roles'
import { usePeople } from '../../store'
import './index.scss'

type Filter = Role | 'all'
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(['resident', 'grid_worker', 'volunteer', 'staff'] as Role[]).map((r) => ({ value: r as Filter, label: ROLE_LABELS[r] })),
]

export default function PeoplePage() {
  const [q, setQ] = useState('')
  const [submitted, setSubmitted] = useState('')
  const [role, setRole] = useState<Filter>('all')
  const version = usePeople((s) => s.version)
  const list = usePaged(
    (page) => call('people', 'search', { q: submitted, role: role === 'all' ? undefined : role, page, pageSize: 20 }),
    [submitted, role, version],
  )

  return (
    <Page className='people'>
      <SignedIn>
        {() => (
          <View>
            <SearchBar className='people__search' value={q} placeholder='姓名、楼栋或完整手机号' onChange={(v: string) => setQ(v)} onSearch={(v: string) => setSubmitted(v.trim())} onClear={() => setSubmitted('')} />
            <View className='people__filters'>
              <Chips label='角色' columns={3} options={FILTERS} value={role} onChange={setRole} />
            </View>
            <Async q={list} isEmpty={(l) => l.length === 0} empty={<Empty title='没有找到相关人员' hint='换个关键词试试' />}>
              {(people) => (
                <View>
                  <Text className='people__count muted'>共 {list.total} 人</Text>
                  {people.map((p) => (
                    <View key={p.id} className='people__item' {...control('link', () => void Taro.navigateTo({ url: linkTo('person', { id: p.id }) }))}>
                      <View className='people__row'>
                        <Text className='people__name'>{p.name}</Text>
                        <Text className='people__phone'>{p.phone}</Text>
                      </View>
                      <Text className='muted words'>{p.address ? `${p.address} · ${p.gridName}` : '未登记住址'}</Text>
                      <View className='people__roles'>
                        {p.roles.map((r) => (
                          <Text key={r} className={`people__role people__role--${r}`}>
                            {ROLE_LABELS[r]}
                          </Text>
                        ))}
                      </View>
                    </View>
                  ))}
                  <Text className='people__more muted'>{list.loadingMore ? '加载中…' : list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
