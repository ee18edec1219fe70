import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { localDay } from '@common/time'
import { QUALIFICATIONS, volunteerActions, type MemberOut, type TeamRef } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { readDate } from '@/core/time-input'
import { control } from '@/core/ui/a11y'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { Async, Empty } from '@/core/ui/StateView'
import { hoursOf } from '../../labels'
import { useVolunteer } from '../../store'
import './lead.scss'

/** The team's members: hours, stars, qualifications (recorded here with an expiry) and no-shows to approve past. */
export function Members({ team }: { team: TeamRef }) {
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'members', { teamId: team.id }), [team.id, version])
  return (
    <Async q={q} isEmpty={(d) => d.members.length === 0} empty={<Empty title='还没有队员' hint='同意入队申请后，队员会出现在这里' />}>
      {(d) => (
        <View>
          <Text className='section-title'>
            {`${d.team.name} · ${d.members.length}人`}
          </Text>
          {d.members.map((x) => (
            <Member key={x.userId} x={x} />
          ))}
        </View>
      )}
    </Async>
  )
}

function Member({ x }: { x: MemberOut }) {
  const m = useMutation({ invalidate: [useVolunteer] })
  const [adding, setAdding] = useState(false)
  const [kind, setKind] = useState('')
  const [expires, setExpires] = useState('')
  const today = localDay(new Date())
  const save = async () => {
    const expiresOn = expires.trim() === '' ? null : (readDate(expires, today) ?? expires)
    const done = await m.send(volunteerActions, 'saveQualification', { userId: x.userId, kind, expiresOn }, { key: 'qual', success: '已登记资质' })
    if (!done) return
    setAdding(false)
    setKind('')
    setExpires('')
  }
  const remove = (id: number, name: string) =>
    m.send(volunteerActions, 'removeQualification', { id }, {
      key: `rm${id}`,
      confirm: async () => (await Taro.showModal({ title: '删除资质', content: `删除${x.name}的「${name}」吗？`, confirmText: '删除', cancelText: '保留' })).confirm,
      success: '已删除',
    })
  const approve = () => m.send(volunteerActions, 'approve', { userId: x.userId }, { key: 'approve', success: `${x.name}可以再报名了` })
  return (
    <View className='item-card lead-item'>
      <View className='item-head'>
        <Text className='item-name'>{x.leader ? `${x.name}（队长）` : x.name}</Text>
        <Text className='tag tag--ok'>{x.stars ? `${x.stars}星` : '未评星'}</Text>
      </View>
      <Text className='item-line'>{x.phoneMasked}</Text>
      <Text className='item-line'>{`今年${hoursOf(x.minutesYear)}小时 · 累计${hoursOf(x.minutesTotal)}小时`}</Text>
      {x.noShows ? <Text className='item-line'>{`近期未到岗${x.noShows}次${x.needsApproval ? '，需确认后才能再报名' : ''}`}</Text> : null}
      {x.qualifications.length ? (
        <View className='lead-item__quals'>
          {x.qualifications.map((q) => (
            <Text key={q.id} className={`lead-item__qual ${q.expired ? 'lead-item__qual--expired' : ''}`} {...control('button', () => void remove(q.id, q.kind), { label: `删除${q.kind}` })}>
              {`${q.kind}${q.expiresOn ? `（至${q.expiresOn}${q.expired ? '，已过期' : ''}）` : ''} ×`}
            </Text>
          ))}
        </View>
      ) : null}
      {adding ? (
        <View>
          <Text className='form-label'>资质</Text>
          <Chips label='资质' options={QUALIFICATIONS.map((k) => ({ value: k, label: k }))} value={kind} onChange={(v) => (setKind(v), m.clear('kind'))} columns={2} />
          <Input className='form-input lead-item__kind' value={kind} placeholder='或输入其他资质名称' maxLength={20} onChange={(v: string) => (setKind(v), m.clear('kind'))} />
          <FieldError error={m.errors.kind} />
          <Text className='form-label'>有效期至（长期有效不填）</Text>
          <Input className='form-input lead-item__expires' value={expires} placeholder='如 2028-06-30' maxLength={12} onChange={(v: string) => (setExpires(v), m.clear('expiresOn'))} />
          <FieldError error={m.errors.expiresOn ?? m.errors.userId} />
          <View className='button-row'>
            <Button fill='outline' onClick={() => setAdding(false)}>
              返回
            </Button>
            <Button type='primary' loading={m.pending === 'qual'} onClick={() => void save()}>
              登记
            </Button>
          </View>
        </View>
      ) : (
        <View className='button-row'>
          <Button fill='outline' onClick={() => setAdding(true)}>
            登记资质
          </Button>
          {x.needsApproval ? (
            <Button type='primary' loading={m.pending === 'approve'} onClick={() => void approve()}>
              准许再报名
            </Button>
          ) : null}
        </View>
      )}
    </View>
  )
}
