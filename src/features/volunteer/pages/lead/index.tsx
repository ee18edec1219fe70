import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { View } from '@tarojs/components'
import type { TeamRef } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { Chips } from '@/core/ui/Chips'
import { isStaff } from '@/core/session'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { Applications } from '../../components/lead/Applications'
import { Hours } from '../../components/lead/Hours'
import { Members } from '../../components/lead/Members'
import { Rules } from '../../components/lead/Rules'
import { Shifts } from '../../components/lead/Shifts'
import { useVolunteer } from '../../store'
import './index.scss'

const TABS = [
  { value: 'applications', label: '申请' },
  { value: 'members', label: '队员' },
  { value: 'shifts', label: '班次' },
  { value: 'hours', label: '时长' },
  { value: 'rules', label: '规则' },
] as const
type Tab = (typeof TABS)[number]['value']

/** What a leader runs for their team, and staff for any team: applications, members, shifts and hours. */
export default function LeadPage() {
  const params = useRouter().params
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'home', {}), [version])
  return (
    <Page className='vol-lead'>
      <SignedIn>
        {(me) => (
          <Async q={q} isEmpty={(h) => h.leads.length === 0} empty={<Empty title='您不是队长' hint='队长和社区工作人员在这里管理队伍' />}>
            {(h) => <Lead teams={h.leads} staff={isStaff(me)} first={Number(params.teamId) || h.team?.id || h.leads[0]!.id} tab={(TABS.find((t) => t.value === params.tab)?.value ?? 'applications') as Tab} />}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}

function Lead({ teams, staff, first, tab: firstTab }: { teams: TeamRef[]; staff: boolean; first: number; tab: Tab }) {
  const [teamId, setTeamId] = useState(teams.some((t) => t.id === first) ? first : teams[0]!.id)
  const [tab, setTab] = useState<Tab>(firstTab)
  const team = teams.find((t) => t.id === teamId)!
  return (
    <View>
      {teams.length > 1 ? (
        <View className='card vol-lead__teams'>
          <Chips label='队伍' options={teams.map((t) => ({ value: t.id, label: t.name.replace('红石榴', '') }))} value={teamId} onChange={setTeamId} columns={2} />
        </View>
      ) : null}
      <View className='vol-lead__tabs'>
        <Chips label='管理' options={TABS.filter((t) => staff || t.value !== 'rules').map((t) => ({ value: t.value, label: t.label }))} value={tab} onChange={(v) => setTab(v as Tab)} columns={staff ? 5 : 4} />
      </View>
      {tab === 'applications' ? <Applications team={team} /> : null}
      {tab === 'members' ? <Members team={team} /> : null}
      {tab === 'shifts' ? <Shifts team={team} /> : null}
      {tab === 'hours' ? <Hours team={team} /> : null}
      {tab === 'rules' && staff ? <Rules /> : null}
    </View>
  )
}
