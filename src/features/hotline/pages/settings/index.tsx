import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { hotlineActions, type CategoryOut, type ServiceLevels } from '@server/features/hotline/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { isAdmin, isStaff } from '@/core/session'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import './index.scss'
import { Toggle } from '@/core/ui/Toggle'
import { control } from '@/core/ui/a11y'

/** Quick replies for whoever answers requests; the category list for staff; service levels for admins. */
export default function HotlineSettingsPage() {
  return (
    <Page className='hotline-settings'>
      <SignedIn>
        {(me) => (
          <View>
            <QuickReplies />
            {isStaff(me) ? <Categories /> : null}
            {isAdmin(me) ? <Levels /> : null}
          </View>
        )}
      </SignedIn>
    </Page>
  )
}

function QuickReplies() {
  const q = useQuery(() => call('hotline', 'quickReplies', {}), [])
  const [text, setText] = useState('')
  const m = useMutation({ invalidate: [q] })
  const add = async () => {
    if (await m.send(hotlineActions, 'saveQuickReply', { text }, { success: '已添加' })) setText('')
  }
  const remove = async (id: number) => {
    if (await m.send(hotlineActions, 'deleteQuickReply', { id }, { success: '已删除' })) setText('')
  }
  return (
    <View>
      <Text className='section-title'>常用回复</Text>
      <View className='card'>
        <Async q={q}>
          {(list) => (
            <View>
              {list.length === 0 ? <Text className='muted'>还没有常用回复，回复居民时可一键选用。</Text> : null}
              {list.map((r) => (
                <View key={r.id} className='hotline-settings__row'>
                  <Text className='hotline-settings__text'>{r.text}</Text>
                  <Text className='hotline-settings__delete' {...control('button', () => void remove(r.id), { label: `删除常用回复：${r.text}` })}>
                    删除
                  </Text>
                </View>
              ))}
            </View>
          )}
        </Async>
        <Input className='hotline-settings__input hotline-settings__quick' value={text} maxLength={200} placeholder='如：已收到，今天上门' onChange={(v: string) => setText(v)} />
        <FieldError error={m.errors.text} />
        <Button type='primary' fill='outline' block onClick={() => void add()}>
          添加常用回复
        </Button>
      </View>
    </View>
  )
}

function Categories() {
  const q = useQuery(() => call('hotline', 'categories', { all: true }), [])
  const [name, setName] = useState('')
  const m = useMutation({ invalidate: [q] })
  const save = async (input: { id?: number; name: string; active: boolean }) => {
    if ((await m.send(hotlineActions, 'saveCategory', input, { success: '已保存' })) && !input.id) setName('')
  }
  return (
    <View>
      <Text className='section-title'>诉求类别</Text>
      <View className='card'>
        <Async q={q}>
          {(list: CategoryOut[]) => (
            <View>
              {list.map((c) => (
                <View key={c.id} className='hotline-settings__row'>
                  <Text className={`hotline-settings__text ${c.active ? '' : 'hotline-settings__text--off'}`}>{c.name}</Text>
                  <Toggle label={`${c.name}：启用`} checked={c.active} onChange={(active) => void save({ id: c.id, name: c.name, active })} />
                </View>
              ))}
            </View>
          )}
        </Async>
        <Input className='hotline-settings__input hotline-settings__category' value={name} maxLength={12} placeholder='新类别名称，如：养老服务' onChange={(v: string) => setName(v)} />
        <FieldError error={m.errors.name} />
        <Button type='primary' fill='outline' block onClick={() => void save({ name, active: true })}>
          添加类别
        </Button>
      </View>
    </View>
  )
}

function Levels() {
  const q = useQuery(() => call('hotline', 'serviceLevels', {}), [])
  return (
    <View>
      <Text className='section-title'>服务时限</Text>
      <View className='card'>
        <Async q={q}>{(levels) => <LevelsForm levels={levels} onSaved={() => void q.reload()} />}</Async>
      </View>
    </View>
  )
}

function LevelsForm({ levels, onSaved }: { levels: ServiceLevels; onSaved: () => void }) {
  const [first, setFirst] = useState(String(levels.firstResponseHours))
  const [escalate, setEscalate] = useState(String(levels.autoEscalateHours))
  const m = useMutation()
  const save = async () => {
    const input = { firstResponseHours: Number(first), autoEscalateHours: Number(escalate) }
    if (await m.send(hotlineActions, 'setServiceLevels', input, { success: '已保存' })) onSaved()
  }
  return (
    <View>
      <Text className='hotline-settings__label'>首次响应时限（小时）</Text>
      <Input className='hotline-settings__input' type='digit' value={first} onChange={(v: string) => setFirst(v)} />
      <FieldError error={m.errors.firstResponseHours} />
      <Text className='hotline-settings__label'>无人响应自动上报社区（小时）</Text>
      <Input className='hotline-settings__input' type='digit' value={escalate} onChange={(v: string) => setEscalate(v)} />
      <FieldError error={m.errors.autoEscalateHours} />
      <Text className='muted'>居民办结后 {levels.reopenDays} 天内可重新打开。</Text>
      <Button type='primary' block onClick={() => void save()}>
        保存时限
      </Button>
    </View>
  )
}
