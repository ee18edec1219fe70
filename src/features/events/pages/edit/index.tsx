import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { localDay } from '@common/time'
import { CATEGORIES, MAX_GUESTS, eventActions, type EventOut, type VenueOut } from '@server/features/events/actions'
import type { GridOut } from '@server/features/community/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { isStaff, useSession } from '@/core/session'
import { Chips } from '@/core/ui/Chips'
import { FormField } from '@/core/ui/FormField'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { PhotoPicker } from '@/core/ui/PhotoPicker'
import { Async } from '@/core/ui/StateView'
import { photoUploadAvailable } from '@/core/upload'
import { blankForm, formOf, inputOf, type EventForm } from '../../form'
import { useEvents } from '../../store'
import './index.scss'

interface Setup {
  event: EventOut | null
  venues: VenueOut[]
  teams: { id: number; name: string }[]
  grids: GridOut[]
}

/** Staff and team leaders write an event: saved as a draft, published when ready; a published one is changed here. */
export default function EditEventPage() {
  const param = useRouter().params.id
  const id = param ? Number(param) : undefined
  const me = useSession((s) => s.me)
  const q = useQuery(async (): Promise<Setup> => {
    const [event, venues, org, grids] = await Promise.all([
      id ? call('events', 'get', { id }) : Promise.resolve(null),
      call('events', 'venues', {}),
      call('events', 'organised', {}),
      isStaff(me) ? call('community', 'grids', {}) : Promise.resolve([]),
    ])
    return { event, venues, teams: org.teams, grids }
  }, [id, me?.id])
  return (
    <Page className='event-edit'>
      <SignedIn>{() => <Async q={q}>{(s) => <Editor s={s} staff={isStaff(me)} />}</Async>}</SignedIn>
    </Page>
  )
}


function Editor({ s, staff }: { s: Setup; staff: boolean }) {
  const [f, setF] = useState<EventForm>(() => (s.event ? formOf(s.event) : blankForm(new Date(), staff ? null : (s.teams[0]?.id ?? null))))
  const m = useMutation({ invalidate: [useEvents] })
  const set = (patch: Partial<EventForm>, ...fields: string[]) => (setF((x) => ({ ...x, ...patch })), m.clear(...fields))
  const err = (...keys: string[]) => keys.map((k) => m.errors[k]).find(Boolean)
  const published = s.event?.state === 'published'
  const text = (key: keyof EventForm, field: string, placeholder: string, maxLength = 30, type?: 'number') => (
    <Input className={`form-input event-edit__${field}`} type={type} value={String(f[key] ?? '')} placeholder={placeholder} maxLength={maxLength} onChange={(v: string) => set({ [key]: v } as Partial<EventForm>, field)} />
  )

  const save = async (thenPublish: boolean) => {
    const saved = await m.send(eventActions, 'save', inputOf(f, localDay(new Date())), { key: thenPublish ? 'publish' : 'save', success: thenPublish ? undefined : published ? '已保存，已通知报名的居民' : '已保存草稿' })
    if (!saved) return
    const done = thenPublish ? await m.send(eventActions, 'publish', { id: saved.id }, { key: 'publish', success: '已发布' }) : saved
    if (done) void Taro.redirectTo({ url: linkTo('event', { id: done.id }) })
  }

  return (
    <View>
      <View className='card'>
        {staff || s.teams.length > 1 ? (
          <FormField label='组织方' error={err('teamId')}>
            <Chips label='组织方' options={[...(staff ? [{ value: 0, label: '社区居委会' }] : []), ...s.teams.map((t) => ({ value: t.id, label: t.name.replace('红石榴', '') }))]} value={f.teamId ?? 0} onChange={(v) => set({ teamId: v === 0 ? null : v }, 'teamId')} columns={3} />
          </FormField>
        ) : (
          <Text className='muted'>{s.teams[0]?.name}组织</Text>
        )}
        <FormField label='活动名称' error={err('title')}>
          {text('title', 'title', '如：红石榴艺术团迎新演出')}
        </FormField>
        <FormField label='类别' error={err('category')}>
          <Chips label='类别' options={CATEGORIES.map((c) => ({ value: c, label: c }))} value={f.category} onChange={(category) => set({ category }, 'category')} columns={4} />
        </FormField>
        {photoUploadAvailable() ? (
          <FormField label='海报（可不传）' error={err('posterId')}>
            <PhotoPicker kind='poster' max={1} label='上传海报' value={f.posterId && f.posterUrl ? [{ id: f.posterId, url: f.posterUrl }] : []} onChange={(p) => set({ posterId: p[0]?.id ?? null, posterUrl: p[0]?.url ?? null }, 'posterId')} />
          </FormField>
        ) : null}
        <FormField label='活动介绍' error={err('description')}>
          <TextArea className='form-input event-edit__description' value={f.description} placeholder='活动内容、适合谁来、需要带什么' maxLength={1000} showCount autoSize onChange={(v: string) => set({ description: v }, 'description')} />
        </FormField>
      </View>

      <View className='card'>
        <Text className='event-edit__section'>时间和地点</Text>
        <FormField label='日期' error={err('sessions.0.date', 'sessions')}>
          {text('date', 'date', '如 12月5日', 12)}
        </FormField>
        <View className='form-row'>
          <FormField label='开始' error={err('sessions.0.starts')}>
            {text('starts', 'starts', '14:30', 6)}
          </FormField>
          <FormField label='结束' error={err('sessions.0.ends')}>
            {text('ends', 'ends', '16:30', 6)}
          </FormField>
        </View>
        <FormField label='每周一次，共几次（老年大学等系列课程；单次活动填1）' error={err('sessions.1.date')}>
          {text('repeat', 'repeat', '1', 2, 'number')}
        </FormField>
        <FormField label='地点' error={err('venueId')}>
          <Chips label='地点' options={s.venues.map((v) => ({ value: v.id, label: v.name }))} value={f.venueId} onChange={(venueId) => set({ venueId }, 'venueId')} columns={2} />
        </FormField>
        <FormField label='具体位置（可不填）' error={err('room')}>
          {text('room', 'room', '如：二楼多功能厅')}
        </FormField>
      </View>

      <View className='card'>
        <Text className='event-edit__section'>报名</Text>
        <FormField label='名额' error={err('places')}>
          {text('places', 'places', '如 50', 4, 'number')}
        </FormField>
        <View className='form-row'>
          <FormField label='报名开始日期' error={err('signupOpens.date')}>
            {text('opensDate', 'opens-date', '如 12月1日', 12)}
          </FormField>
          <FormField label='时间' error={err('signupOpens.time')}>
            {text('opensTime', 'opens-time', '09:00', 6)}
          </FormField>
        </View>
        <View className='form-row'>
          <FormField label='报名截止日期' error={err('signupCloses.date')}>
            {text('closesDate', 'closes-date', '如 12月4日', 12)}
          </FormField>
          <FormField label='时间' error={err('signupCloses.time')}>
            {text('closesTime', 'closes-time', '18:00', 6)}
          </FormField>
        </View>
        <View className='form-row'>
          <FormField label='取消截止日期' error={err('cancelUntil.date')}>
            {text('cancelDate', 'cancel-date', '如 12月4日', 12)}
          </FormField>
          <FormField label='时间' error={err('cancelUntil.time')}>
            {text('cancelTime', 'cancel-time', '18:00', 6)}
          </FormField>
        </View>
        <FormField label='每人可带同行人' error={err('maxGuests')}>
          <Chips label='每人可带同行人' options={Array.from({ length: MAX_GUESTS + 1 }, (_, n) => ({ value: n, label: n === 0 ? '不可带' : `${n}人` }))} value={f.maxGuests} onChange={(maxGuests) => set({ maxGuests }, 'maxGuests')} columns={3} />
        </FormField>
        {f.maxGuests > 0 ? (
          <FormField label='同行人登记' error={err('guestMode')}>
            <Chips
              label='同行人登记'
              options={[
                { value: 'named' as const, label: '登记姓名' },
                { value: 'count' as const, label: '只填人数' },
              ]}
              value={f.guestMode}
              onChange={(guestMode) => set({ guestMode }, 'guestMode')}
              columns={2}
            />
          </FormField>
        ) : null}
      </View>

      <View className='card'>
        <Text className='event-edit__section'>谁可以报名</Text>
        {staff && s.grids.length ? (
          <FormField label='网格（不选为全体居民）' error={err('gridIds')}>
            <Chips
              label='网格'
              options={s.grids.map((g) => ({ value: g.id, label: g.name }))}
              value={f.gridIds}
              onChange={(g) => set({ gridIds: f.gridIds.includes(g) ? f.gridIds.filter((x) => x !== g) : [...f.gridIds, g] }, 'gridIds')}
              columns={3}
            />
          </FormField>
        ) : null}
        <View className='form-row'>
          <FormField label='最低年龄（可不填）' error={err('minAge')}>
            {text('minAge', 'min-age', '如 60', 3, 'number')}
          </FormField>
          <FormField label='最高年龄（可不填）' error={err('maxAge')}>
            {text('maxAge', 'max-age', '如 80', 3, 'number')}
          </FormField>
        </View>
        <Text className='muted'>设了年龄，居民报名时才会被请求填写出生年份。</Text>
      </View>

      <View className='actions'>
        {published ? (
          <Button type='primary' size='large' block loading={m.pending === 'save'} onClick={() => void save(false)}>
            保存修改
          </Button>
        ) : (
          <>
            <Button type='primary' size='large' block loading={m.pending === 'publish'} onClick={() => void save(true)}>
              保存并发布
            </Button>
            <Button fill='outline' size='large' block loading={m.pending === 'save'} onClick={() => void save(false)}>
              保存草稿
            </Button>
          </>
        )}
      </View>
    </View>
  )
}
