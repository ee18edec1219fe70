import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { volunteerActions, type ApplicationOut, type TeamOut } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { PAGE } from '@/core/routes'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { APPLICATION_LABELS, dayTime } from '../../labels'
import { useVolunteer } from '../../store'
import './index.scss'

/** The six teams, what each does and who leads it; a resident applies to one and follows the application here. */
export default function TeamsPage() {
  const version = useVolunteer((s) => s.version)
  const q = useQuery(async () => {
    const [teams, home] = await Promise.all([call('volunteer', 'teams', {}), call('volunteer', 'home', {})])
    return { teams, applications: home.applications, member: home.team }
  }, [version])
  return (
    <Page className='vol-teams'>
      <SignedIn>{(me) => <Async q={q}>{(d) => <Teams teams={d.teams} applications={d.applications} member={!!d.member} resident={me.roles.includes('resident')} />}</Async>}</SignedIn>
    </Page>
  )
}

function Teams({ teams, applications, member, resident }: { teams: TeamOut[]; applications: ApplicationOut[]; member: boolean; resident: boolean }) {
  const pending = applications.find((a) => a.state === 'pending')
  const [teamId, setTeamId] = useState<number | null>(null)
  const [note, setNote] = useState('')
  const m = useMutation({ invalidate: [useVolunteer] })
  const apply = () => m.send(volunteerActions, 'apply', { teamId: teamId ?? undefined, note }, { key: 'apply', success: '已提交申请，请等待队长审核' })
  const withdraw = (id: number) => m.send(volunteerActions, 'withdraw', { id }, { key: `w${id}`, success: '已撤回申请' })
  const chosen = teams.find((t) => t.id === teamId)
  return (
    <View>
      {teams.map((t) => (
        <View key={t.id} className={`item-card vol-teams__team ${t.mine ? 'vol-teams__team--mine' : ''}`}>
          <View className='item-head'>
            <Text className='item-name'>{t.name}</Text>
            {t.mine ? <Text className='tag tag--ok'>{t.mine === 'leader' ? '我是队长' : '我的队伍'}</Text> : null}
          </View>
          <Text className='vol-teams__focus'>{t.focus}</Text>
          <Text className='muted'>
            {`队长：${t.leaders.length ? t.leaders.join('、') : '待定'} · 队员${t.members}人`}
          </Text>
        </View>
      ))}

      {applications.length ? <Text className='section-title'>我的申请</Text> : null}
      {applications.map((a) => (
        <View key={a.id} className='item-card vol-teams__application'>
          <View className='item-head'>
            <Text className='item-name'>{a.team.name}</Text>
            <Text className={`tag tag--${a.state === 'accepted' ? 'ok' : a.state === 'pending' ? 'warn' : 'quiet'}`}>{APPLICATION_LABELS[a.state]}</Text>
          </View>
          <Text className='muted'>申请于{dayTime(a.createdAt)}</Text>
          {a.declineReason ? <Text className='vol-teams__reason'>队长回复：{a.declineReason}</Text> : null}
          {a.can.withdraw ? (
            <View className='vol-teams__go'>
              <Button fill='outline' block loading={m.pending === `w${a.id}`} onClick={() => void withdraw(a.id)}>
                撤回申请
              </Button>
            </View>
          ) : null}
        </View>
      ))}

      {member ? (
        <View className='actions'>
          <Button type='primary' size='large' block onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: PAGE.volunteer }))}>
            返回志愿服务
          </Button>
        </View>
      ) : !resident ? (
        <Text className='card vol-teams__note'>登记住户信息后可以申请加入志愿服务队。</Text>
      ) : pending ? null : (
        <View className='card vol-teams__apply'>
          <Text className='vol-teams__section'>申请加入</Text>
          <Text className='form-label'>选择队伍</Text>
          <Chips label='选择队伍' options={teams.map((t) => ({ value: t.id, label: t.name.replace('红石榴', '') }))} value={teamId} onChange={(v) => (setTeamId(v), m.clear('teamId'))} columns={2} />
          <FieldError error={m.errors.teamId} />
          {chosen ? <Text className='muted'>{chosen.focus}</Text> : null}
          <Text className='form-label'>想对队长说的话（可不填）</Text>
          <TextArea className='form-input vol-teams__note-input' value={note} placeholder='如：退休在家，周末有空；会开车' maxLength={200} autoSize onChange={(v: string) => (setNote(v), m.clear('note'))} />
          <FieldError error={m.errors.note} />
          <View className='vol-teams__go'>
            <Button type='primary' size='large' block loading={m.pending === 'apply'} onClick={() => void apply()}>
              提交申请
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
