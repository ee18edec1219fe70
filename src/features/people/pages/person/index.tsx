import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { GRANTABLE_ROLES, peopleActions, type PersonOut } from '@server/features/people/actions'
import type { GridOut, TeamOut } from '@server/features/community/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { isAdmin, useSession } from '@/core/session'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { ROLE_LABELS } from '../../roles'
import { usePeople } from '../../store'
import './index.scss'
import { Toggle } from '@/core/ui/Toggle'

/** WeChat's numeric keyboard on the phone; a desk browser keeps a text box, where a landline's dash is typed. */
const WORK_PHONE_INPUT = process.env.TARO_ENV === 'weapp' ? 'number' : 'tel'

type Grantable = (typeof GRANTABLE_ROLES)[number]

export default function PersonPage() {
  const userId = Number(useRouter().params.id)
  const q = useQuery(
    () => Promise.all([call('people', 'get', { userId }), call('community', 'grids', {}), call('community', 'teams', {})]),
    [userId],
  )
  return (
    <Page className='person'>
      <SignedIn>{(me) => <Async q={q}>{([p, grids, teams]) => <PersonView person={p} grids={grids} teams={teams} canEdit={isAdmin(me)} />}</Async>}</SignedIn>
    </Page>
  )
}

function PersonView({ person, grids, teams, canEdit }: { person: PersonOut; grids: GridOut[]; teams: TeamOut[]; canEdit: boolean }) {
  const [p, setP] = useState(person)
  const [roles, setRoles] = useState<Grantable[]>(person.roles.filter((r): r is Grantable => (GRANTABLE_ROLES as readonly string[]).includes(r)))
  const [gridIds, setGridIds] = useState<number[]>(person.gridIds)
  const [teamId, setTeamId] = useState<number | null>(person.team?.id ?? null)
  const [leader, setLeader] = useState(person.team?.leader ?? false)
  const [workPhone, setWorkPhone] = useState(person.workPhone ?? '')
  const m = useMutation({ invalidate: [usePeople] })
  const { errors } = m

  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v])

  const save = async () => {
    const saved = await m.send(peopleActions, 'assign', { userId: p.id, roles, gridIds, teamId, leader, workPhone: workPhone.trim() || null }, { success: '已保存' })
    if (!saved) return
    setP(saved)
    // Changing one's own roles changes what 我的 shows.
    if (saved.id === useSession.getState().me?.id) void useSession.getState().ensure()
  }

  return (
    <View>
      <View className='card person__head'>
        <Text className='person__name'>{p.name}</Text>
        <Text className='muted'>手机 {p.phone || '未登记'}</Text>
        <Text className='muted words'>{p.address ? `${p.address} · ${p.gridName}` : '未登记住址'}</Text>
        {p.workPhone ? <Text className='muted'>工作电话 {p.workPhone}</Text> : null}
        <View className='person__roles'>
          {p.roles.map((r) => (
            <Text key={r} className='person__role'>
              {ROLE_LABELS[r]}
            </Text>
          ))}
          {p.team ? <Text className='person__role'>{`${p.team.name}${p.team.leader ? '队长' : '队员'}`}</Text> : null}
        </View>
      </View>

      {canEdit ? (
        <View className='card person__edit'>
          <Text className='person__label'>角色（可多选）</Text>
          <Chips label='角色' columns={2} options={GRANTABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={roles} onChange={(r) => setRoles(toggle(roles, r))} />
          <FieldError error={errors.roles} />

          {roles.includes('grid_worker') ? (
            <View>
              <Text className='person__label'>负责网格</Text>
              <Chips label='负责网格' columns={3} options={grids.map((g) => ({ value: g.id, label: g.name }))} value={gridIds} onChange={(g) => setGridIds(toggle(gridIds, g))} />
              <FieldError error={errors.gridIds} />
            </View>
          ) : null}

          {roles.includes('grid_worker') || roles.includes('staff') ? (
            <View>
              <Text className='person__label'>工作电话（居民拨打的号码）</Text>
              <Input className='person__work-phone' type={WORK_PHONE_INPUT} value={workPhone} placeholder='手机号或 0516-83861234' maxLength={16} onChange={(v: string) => setWorkPhone(v)} />
              <FieldError error={errors.workPhone} />
            </View>
          ) : null}

          {roles.includes('volunteer') ? (
            <View>
              <Text className='person__label'>所属志愿队</Text>
              <Chips label='所属志愿队' columns={2} options={teams.map((t) => ({ value: t.id, label: t.name.replace('红石榴', '') }))} value={teamId} onChange={setTeamId} />
              <FieldError error={errors.teamId} />
              <View className='person__leader'>
                <Text>担任队长</Text>
                <Toggle label='担任队长' checked={leader} onChange={setLeader} />
              </View>
            </View>
          ) : null}

          <Button className='person__save' type='primary' size='large' block loading={m.busy} onClick={() => void save()}>
            保存角色
          </Button>
        </View>
      ) : (
        <Text className='person__readonly muted'>角色由社区管理员设置。</Text>
      )}
      <View className='actions'>
        {p.address ? (
          <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('apptServices', { for: p.id, forName: p.name }) })}>
            为其代办预约
          </Button>
        ) : null}
        <Button fill='none' block onClick={() => void Taro.navigateBack()}>
          返回
        </Button>
      </View>
    </View>
  )
}
