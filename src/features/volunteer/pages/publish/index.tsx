import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { localDay } from '@common/time'
import { readDate } from '@/core/time-input'
import { QUALIFICATIONS, volunteerActions, type TeamRef } from '@server/features/volunteer/actions'
import type { EventOut } from '@server/features/events/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { Chips } from '@/core/ui/Chips'
import { FormField } from '@/core/ui/FormField'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { Toggle } from '@/core/ui/Toggle'
import { blankShift, dayLabel, shiftInputOf, type ShiftForm } from '../../form'
import { useVolunteer } from '../../store'
import './index.scss'

/** A leader publishes a shift for their team (staff for any): what, where, when, how many, who may take it. */
export default function PublishPage() {
  const params = useRouter().params
  const q = useQuery(async () => {
    const [home, org] = await Promise.all([call('volunteer', 'home', {}), call('events', 'organised', {})])
    const now = Date.now()
    return { teams: home.leads, events: org.events.filter((e) => e.state === 'published' && Date.parse(e.endsAt) > now) }
  }, [])
  return (
    <Page className='vol-publish'>
      <SignedIn>
        {() => (
          <Async q={q} isEmpty={(d) => d.teams.length === 0} empty={<Empty title='您不是队长' hint='队长和社区工作人员可以发布服务班次' />}>
            {(d) => <Publish teams={d.teams} events={d.events} teamId={Number(params.teamId) || d.teams[0]!.id} eventId={Number(params.eventId) || null} />}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}


const RELEASE = [0, 2, 12, 24, 48]

function Publish({ teams, events, teamId, eventId }: { teams: TeamRef[]; events: EventOut[]; teamId: number; eventId: number | null }) {
  const [f, setF] = useState<ShiftForm>(() => blankShift(new Date(), teams.some((t) => t.id === teamId) ? teamId : teams[0]!.id, eventId))
  const m = useMutation({ invalidate: [useVolunteer] })
  const set = (patch: Partial<ShiftForm>, ...fields: string[]) => (setF((x) => ({ ...x, ...patch })), m.clear(...fields))
  const today = localDay(new Date())
  const text = (key: keyof ShiftForm, field: string, placeholder: string, maxLength = 30, type?: 'number') => (
    <Input className={`form-input vol-publish__${field}`} type={type} value={String(f[key] ?? '')} placeholder={placeholder} maxLength={maxLength} onChange={(v: string) => set({ [key]: v } as Partial<ShiftForm>, field)} />
  )
  const publish = async () => {
    const s = await m.send(volunteerActions, 'publish', shiftInputOf(f, today), { key: 'publish', success: '已发布' })
    if (s) void Taro.redirectTo({ url: linkTo('volunteerShift', { id: s.id }) })
  }
  return (
    <View>
      <View className='card'>
        {teams.length > 1 ? (
          <FormField label='队伍' error={m.errors.teamId}>
            <Chips label='队伍' options={teams.map((t) => ({ value: t.id, label: t.name.replace('红石榴', '') }))} value={f.teamId} onChange={(teamId) => set({ teamId }, 'teamId')} columns={2} />
          </FormField>
        ) : (
          <Text className='muted'>{teams[0]!.name}</Text>
        )}
        <FormField label='服务内容' error={m.errors.task}>
          {text('task', 'task', '如：独居老人入户探访')}
        </FormField>
        <FormField label='服务地点' error={m.errors.place}>
          {text('place', 'place', '如：便民服务亭')}
        </FormField>
        {events.length ? (
          <FormField label='服务的活动（可不选）' error={m.errors.eventId}>
            <Chips label='服务的活动' options={[{ value: 0, label: '不关联活动' }, ...events.map((e) => ({ value: e.id, label: e.title }))]} value={f.eventId ?? 0} onChange={(v) => set({ eventId: v === 0 ? null : v }, 'eventId')} columns={2} />
          </FormField>
        ) : null}
      </View>
      <View className='card'>
        <FormField label={`日期${readDate(f.date, today) ? ` · ${dayLabel(readDate(f.date, today))}` : ''}`} error={m.errors.date}>
          {text('date', 'date', '如 12月5日', 12)}
        </FormField>
        <View className='form-row'>
          <FormField label='开始时间' error={m.errors.starts}>
            {text('starts', 'starts', '09:00', 6)}
          </FormField>
          <FormField label='结束时间' error={m.errors.ends}>
            {text('ends', 'ends', '11:00', 6)}
          </FormField>
        </View>
        <Text className='muted'>结束时间早于开始时间，即为次日结束（如夜间巡逻 22:00–02:00）。</Text>
        <FormField label='需要人数' error={m.errors.places}>
          {text('places', 'places', '如 5', 3, 'number')}
        </FormField>
      </View>
      <View className='card'>
        <FormField label='所需资质（可不选）' error={m.errors.qualification}>
          <Chips label='所需资质' options={[{ value: '', label: '不需要' }, ...QUALIFICATIONS.map((k) => ({ value: k, label: k }))]} value={f.qualification} onChange={(qualification) => set({ qualification }, 'qualification')} columns={2} />
        </FormField>
        <FormField label='志愿者最晚何时可自行退出' error={m.errors.releaseHours}>
          <Chips label='自行退出截止' options={RELEASE.map((h) => ({ value: h, label: h === 0 ? '开始时' : `${h}小时前` }))} value={f.releaseHours} onChange={(releaseHours) => set({ releaseHours }, 'releaseHours')} columns={3} />
        </FormField>
        <View className='vol-publish__toggle'>
          <Text className='vol-publish__toggle-label'>向其他队伍的志愿者开放报名</Text>
          <Toggle label='向其他队伍的志愿者开放报名' checked={f.openToAll} onChange={(openToAll) => set({ openToAll })} />
        </View>
      </View>
      <View className='actions'>
        <Button type='primary' size='large' block loading={m.pending === 'publish'} onClick={() => void publish()}>
          发布班次
        </Button>
      </View>
    </View>
  )
}
