import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { volunteerActions, type ApplicationOut, type TeamRef } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { ReasonForm } from '@/core/ui/ReasonForm'
import { Async, Empty } from '@/core/ui/StateView'
import { APPLICATION_LABELS, dayTime } from '../../labels'
import { useVolunteer } from '../../store'
import './lead.scss'

/** Applications to the team: pending ones to accept or decline (with a reason the applicant is told), then decided. */
export function Applications({ team }: { team: TeamRef }) {
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'applications', { teamId: team.id }), [team.id, version])
  return (
    <Async q={q} isEmpty={(d) => d.length === 0} empty={<Empty title='还没有入队申请' hint='居民在“志愿服务”中申请加入后会出现在这里' />}>
      {(list) => (
        <View>
          {list.map((a) => (
            <Application key={a.id} a={a} />
          ))}
        </View>
      )}
    </Async>
  )
}

function Application({ a }: { a: ApplicationOut }) {
  const m = useMutation({ invalidate: [useVolunteer] })
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const accept = () => m.send(volunteerActions, 'decide', { id: a.id, accept: true }, { key: 'accept', success: `已同意${a.applicant?.name ?? ''}入队` })
  const decline = () => m.send(volunteerActions, 'decide', { id: a.id, accept: false, reason }, { key: 'decline', success: '已婉拒' })
  return (
    <View className='item-card lead-item'>
      <View className='item-head'>
        <Text className='item-name'>{a.applicant?.name}</Text>
        <Text className={`tag tag--${a.state === 'pending' ? 'warn' : a.state === 'accepted' ? 'ok' : 'quiet'}`}>{APPLICATION_LABELS[a.state]}</Text>
      </View>
      <Text className='item-line'>{[a.applicant?.phoneMasked, a.applicant?.address].filter(Boolean).join(' · ')}</Text>
      {a.note ? <Text className='item-line'>“{a.note}”</Text> : null}
      <Text className='muted'>申请于{dayTime(a.createdAt)}</Text>
      {a.declineReason ? <Text className='item-line'>婉拒原因：{a.declineReason}</Text> : null}
      {a.can.decide ? (
        declining ? (
          <ReasonForm
            name='lead-item__reason'
            label='婉拒原因（会告诉申请人）'
            placeholder='如：本队人数已满，建议加入健康服务队'
            value={reason}
            onChange={(v) => (setReason(v), m.clear('reason'))}
            error={m.errors.reason}
            submit='确定婉拒'
            busy={m.pending === 'decline'}
            onSubmit={() => void decline()}
            onBack={() => setDeclining(false)}
          />
        ) : (
          <View className='button-row'>
            <Button fill='outline' onClick={() => setDeclining(true)}>
              婉拒
            </Button>
            <Button type='primary' loading={m.pending === 'accept'} onClick={() => void accept()}>
              同意入队
            </Button>
          </View>
        )
      ) : null}
    </View>
  )
}
