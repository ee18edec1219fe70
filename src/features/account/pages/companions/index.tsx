import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { MAX_COMPANIONS, RELATIONS, accountActions, type CompanionOut } from '@server/features/account/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import './index.scss'

type Editing = { id?: number; name: string; relation: string; phone: string }

/** 常用乘车人: the people a resident often books for, picked with one tap when booking a seat. */
export default function CompanionsPage() {
  const q = useQuery(() => call('account', 'companions', {}), [])
  return (
    <Page className='companions'>
      <SignedIn>{() => <Async q={q}>{(list) => <Companions initial={list} />}</Async>}</SignedIn>
    </Page>
  )
}

function Companions({ initial }: { initial: CompanionOut[] }) {
  const [list, setList] = useState(initial)
  const [editing, setEditing] = useState<Editing | null>(initial.length ? null : { name: '', relation: '', phone: '' })
  const form = useMutation()

  const save = async () => {
    if (!editing) return
    const r = await form.send(accountActions, 'saveCompanion', { id: editing.id, name: editing.name, relation: editing.relation as (typeof RELATIONS)[number], phone: editing.phone }, { key: 'save', success: '已保存' })
    if (r) {
      setList(r)
      setEditing(null)
    }
  }
  const remove = async (c: CompanionOut) => {
    const r = await form.send(accountActions, 'removeCompanion', { id: c.id }, {
      key: `remove-${c.id}`,
      confirm: async () => (await Taro.showModal({ title: '删除常用乘车人', content: `确定删除“${c.name}”吗？已预约的座位不受影响。`, confirmText: '删除' })).confirm,
      success: '已删除',
    })
    if (r) setList(r)
  }
  const change = (patch: Partial<Editing>) => {
    setEditing({ ...editing!, ...patch })
    form.clear(...Object.keys(patch))
  }

  return (
    <View>
      <Text className='companions__intro muted'>预约班车座位时可以一键选择他们。只保存姓名、关系和手机号（可不填），不保存身份证号。</Text>
      {list.length === 0 && !editing ? <Empty title='还没有常用乘车人' hint='添加家人，预约时一键选择' /> : null}
      {list.map((c) => (
        <View key={c.id} className='card companions__item'>
          <View className='companions__main'>
            <Text className='companions__name'>{c.name}</Text>
            <Text className='muted'>
              {c.relation}
              {c.phone ? ` · ${c.phone}` : ''}
            </Text>
          </View>
          <View className='companions__buttons'>
            <Button size='small' fill='outline' onClick={() => setEditing({ id: c.id, name: c.name, relation: c.relation, phone: c.phone ?? '' })}>
              修改
            </Button>
            <Button size='small' fill='outline' loading={form.pending === `remove-${c.id}`} onClick={() => void remove(c)}>
              删除
            </Button>
          </View>
        </View>
      ))}
      {editing ? (
        <View className='card companions__form'>
          <Text className='companions__title'>{editing.id ? '修改常用乘车人' : '添加常用乘车人'}</Text>
          <Text className='form-label'>姓名</Text>
          <Input className='form-input companions__input-name' value={editing.name} placeholder='乘车人姓名' maxLength={20} onChange={(name: string) => change({ name })} />
          <FieldError error={form.errors.name} />
          <Text className='form-label'>与您的关系</Text>
          <Chips label='与您的关系' columns={3} options={RELATIONS.map((r) => ({ value: r, label: r }))} value={editing.relation} onChange={(relation) => change({ relation })} />
          <FieldError error={form.errors.relation} />
          <Text className='form-label'>手机号（可不填）</Text>
          <Input className='form-input companions__input-phone' type='number' value={editing.phone} placeholder='11位手机号' maxLength={11} onChange={(phone: string) => change({ phone })} />
          <FieldError error={form.errors.phone} />
          <View className='companions__actions'>
            <Button type='primary' block loading={form.pending === 'save'} onClick={() => void save()}>
              保存
            </Button>
            {list.length ? (
              <Button fill='outline' block onClick={() => setEditing(null)}>
                取消
              </Button>
            ) : null}
          </View>
        </View>
      ) : list.length < MAX_COMPANIONS ? (
        <View className='actions'>
          <Button type='primary' fill='outline' size='large' block onClick={() => setEditing({ name: '', relation: '', phone: '' })}>
            添加常用乘车人
          </Button>
        </View>
      ) : (
        <Text className='companions__intro muted'>最多保存{MAX_COMPANIONS}位常用乘车人</Text>
      )}
    </View>
  )
}
