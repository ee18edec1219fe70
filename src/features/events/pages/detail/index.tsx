import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { eventActions, type EventOut } from '@server/features/events/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { openPlace } from '@/core/map'
import { useMutation } from '@/core/mutation'
import { PAGE, linkTo } from '@/core/routes'
import { useSession } from '@/core/session'
import { control } from '@/core/ui/a11y'
import { FieldError } from '@/core/ui/FieldError'
import { ReasonForm } from '@/core/ui/ReasonForm'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { fileUrl } from '@/core/upload'
import { EventShifts } from '@/features/volunteer/components/EventShifts'
import { askFor, usePromptReady } from '@/features/messages/subscribe'
import { GuestPicker, type Guests } from '../../components/GuestPicker'
import { clock, dayTime, placesText, placeText, whenText, STATUS_LABELS, STATUS_TONES } from '../../labels'
import { useEvents } from '../../store'
import '../../components/event-card.scss'
import './index.scss'

/** An event's page: anyone may open it (a shared card), a resident signs up or waits here, organisers manage it. */
export default function EventPage() {
  usePromptReady()
  const id = Number(useRouter().params.id)
  const version = useEvents((s) => s.version)
  const me = useSession((s) => s.me)
  const token = useSession((s) => s.token)
  // Opened from a shared card: someone already signed in on this device is known without being asked; nobody is
  // sent to sign in just to look (H5 has no silent sign-in).
  useEffect(() => {
    if (!useSession.getState().me && (token || process.env.TARO_ENV === 'weapp')) void useSession.getState().ensure({ requireConsent: false }).catch(() => undefined)
  }, [token])
  const q = useQuery(() => call('events', 'get', { id }), [id, version, me?.id])
  const path = linkTo('event', { id })
  useShareAppMessage(() => ({ title: q.data ? `${q.data.title} · ${whenText(q.data.startsAt)}` : '管道社区活动', path }))
  useShareTimeline(() => ({ title: q.data?.title ?? '管道社区活动', query: `id=${id}` }))
  return <Page className='event'>{<Async q={q}>{(e) => <EventView key={`${e.id}-${e.status}-${e.placesLeft}`} e={e} />}</Async>}</Page>
}

function EventView({ e }: { e: EventOut }) {
  const me = useSession((s) => s.me)
  const resident = !!me?.roles.includes('resident')
  const series = e.sessions.length > 1
  return (
    <View>
      {e.posterUrl ? (
        <Image className='event__poster' src={fileUrl(e.posterUrl)} mode='widthFix' onClick={() => void Taro.previewImage({ urls: [fileUrl(e.posterUrl!)] })} />
      ) : null}
      {e.posterUrl && e.posterState && e.posterState !== 'shown' ? (
        <Text className='muted event__poster-state'>{e.posterState === 'refused' ? '海报未通过内容安全审核，居民看不到它，请换一张' : '海报审核中，通过后居民才能看到'}</Text>
      ) : null}
      <View className='card event__head'>
        <View className='event-card__head'>
          <Text className='event-card__category'>{e.category}</Text>
          <Text className={`tag event-tag tag--${STATUS_TONES[e.status]}`}>{STATUS_LABELS[e.status]}</Text>
        </View>
        <Text className='event__title'>{e.title}</Text>
        {e.team ? <Text className='muted'>{e.team.name}组织</Text> : <Text className='muted'>管道社区居民委员会组织</Text>}
        {e.status === 'cancelled' ? <Text className='event__warn'>活动已取消{e.cancelReason ? `：${e.cancelReason}` : ''}</Text> : null}

        <View className='event__row'>
          <Text className='event__key'>时间</Text>
          <View className='event__value'>
            {series ? <Text>共{e.sessions.length}次：</Text> : null}
            {e.sessions.map((s) => (
              <Text key={s.id} className='event__session'>
                {series ? `第${s.position}次 ` : ''}
                {whenText(s.startsAt)}–{clock(s.endsAt)}
              </Text>
            ))}
          </View>
        </View>
        <View className='event__row'>
          <Text className='event__key'>地点</Text>
          <View className='event__value'>
            <Text>{placeText(e)}</Text>
            <Text className='muted'>{e.venue.address}</Text>
            <View className='event__map' {...control('button', () => openPlace(e.venue))}>
              <Text>查看位置</Text>
            </View>
          </View>
        </View>
        <View className='event__row'>
          <Text className='event__key'>对象</Text>
          <Text className='event__value'>{e.audience.text}</Text>
        </View>
        <View className='event__row'>
          <Text className='event__key'>名额</Text>
          <Text className='event__value'>
            {placesText(e)}
            {e.waiting ? ` · ${e.waiting}人候补` : ''}
          </Text>
        </View>
        <View className='event__row'>
          <Text className='event__key'>报名</Text>
          <Text className='event__value'>
            {dayTime(e.signupOpensAt)} 至 {dayTime(e.signupClosesAt)}
            {e.maxGuests ? `，每人可带${e.maxGuests}位同行人` : ''}
          </Text>
        </View>
      </View>

      <View className='card'>
        <Text className='event__label'>活动介绍</Text>
        <Text className='event__desc'>{e.description}</Text>
      </View>

      {me === null ? <SignedOut /> : resident ? <SignUp e={e} name={me.name ?? '本人'} /> : null}
      {e.state === 'published' ? <EventShifts eventId={e.id} organiser={e.can.edit} /> : null}
      <Share e={e} />
      {e.can.roster || e.can.edit ? <Organiser e={e} /> : null}
    </View>
  )
}

function SignedOut() {
  return (
    <View className='actions'>
      <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.login })}>
        登录后报名
      </Button>
    </View>
  )
}

function SignUp({ e, name }: { e: EventOut; name: string }) {
  const [guests, setGuests] = useState<Guests>({ companionIds: [], guests: 0 })
  const companions = useQuery(() => call('account', 'companions', {}), [], { enabled: e.guestMode === 'named' && e.maxGuests > 0, pullToRefresh: false })
  const m = useMutation({ invalidate: [useEvents] })
  const mine = e.mine
  if (mine?.signupId) {
    return (
      <View className='actions'>
        <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('eventSignup', { id: mine.signupId! }) })}>
          已报名 · 查看签到码
        </Button>
      </View>
    )
  }
  if (mine?.waitId) {
    return (
      <View className='actions'>
        <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('eventWait', { id: mine.waitId! }) })}>
          候补中 · 查看排队
        </Button>
      </View>
    )
  }
  if (e.eligibility && !e.eligibility.ok) return <Eligibility e={e} />
  if (e.status !== 'open' && e.status !== 'full') return null
  const input = { eventId: e.id, ...guests }
  const signUp = async () => {
    askFor(['event_reminder', 'event'])
    const s = await m.send(eventActions, 'signUp', input, { key: 'sign', success: '报名成功' })
    if (s) void Taro.navigateTo({ url: linkTo('eventSignup', { id: s.id }) })
  }
  const wait = async () => {
    askFor(['event', 'event_reminder'])
    const w = await m.send(eventActions, 'wait', input, { key: 'wait', success: '已加入候补' })
    if (w) void Taro.navigateTo({ url: w.signupId ? linkTo('eventSignup', { id: w.signupId }) : linkTo('eventWait', { id: w.id }) })
  }
  const places = 1 + guests.companionIds.length + guests.guests
  return (
    <View className='card event__signup'>
      <Text className='event__label'>报名人：{name}（本人）</Text>
      {e.maxGuests > 0 ? <Text className='form-label'>同行人</Text> : null}
      <GuestPicker e={e} companions={companions.data ?? []} value={guests} onChange={(v) => (setGuests(v), m.clear())} />
      <FieldError error={m.errors.companionIds ?? m.errors.guests} />
      <View className='event__go'>
        {e.status === 'open' ? (
          <Button type='primary' size='large' block loading={m.pending === 'sign'} onClick={() => void signUp()}>
            {places > 1 ? `报名（共${places}人）` : '报名'}
          </Button>
        ) : (
          <Button type='primary' size='large' block loading={m.pending === 'wait'} onClick={() => void wait()}>
            名额已满，加入候补{places > 1 ? `（${places}人）` : ''}
          </Button>
        )}
      </View>
      <Text className='muted'>{dayTime(e.cancelUntil)}前可在“我的报名”中取消</Text>
    </View>
  )
}

/** Why the resident cannot sign up; for an age band without a birth year, the one field it needs. */
function Eligibility({ e }: { e: EventOut }) {
  const [year, setYear] = useState('')
  const m = useMutation({ invalidate: [useEvents] })
  const save = () =>
    m.run(async () => useSession.getState().setMe(await call('account', 'setBirthYear', { birthYear: Number(year) })), { success: '已保存出生年份' })
  return (
    <View className='card event__eligibility'>
      <Text className='event__warn'>{e.eligibility!.reason}</Text>
      {e.eligibility!.needsBirthYear ? (
        <View>
          <Text className='form-label'>出生年份（只用于活动年龄要求，可随时在个人资料中删除）</Text>
          <Input className='form-input event__birth-year' type='number' value={year} placeholder='如 1958' maxLength={4} onChange={(v: string) => (setYear(v), m.clear())} />
          <FieldError error={m.errors.birthYear} />
          <View className='event__go'>
            <Button type='primary' block loading={m.busy} disabled={year.length !== 4} onClick={() => void save()}>
              保存
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

/** A card in a chat on weapp; on H5 the page's address, copied to paste anywhere. */
function Share({ e }: { e: EventOut }) {
  if (e.state !== 'published' || e.status === 'ended') return null
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <View className='actions event__share'>
        <Button openType='share' fill='outline' size='large' block>
          分享给邻居
        </Button>
      </View>
    )
  }
  const copy = () => void Taro.setClipboardData({ data: window.location.href.split('#')[0] + `#${linkTo('event', { id: e.id })}` })
  return (
    <View className='actions event__share'>
      <Button fill='outline' size='large' block onClick={copy}>
        复制活动链接
      </Button>
    </View>
  )
}

function Organiser({ e }: { e: EventOut }) {
  const m = useMutation({ invalidate: [useEvents] })
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const publish = () => m.send(eventActions, 'publish', { id: e.id }, { key: 'publish', success: '已发布' })
  const cancel = () =>
    m.send(eventActions, 'cancelEvent', { id: e.id, reason }, {
      key: 'cancel',
      confirm: async () => (await Taro.showModal({ title: '取消活动', content: '已报名和候补的居民都会收到通知，确定取消吗？', confirmText: '取消活动', cancelText: '再想想' })).confirm,
      success: '活动已取消',
    })
  return (
    <View>
      <Text className='section-title'>组织者</Text>
      {cancelling ? (
        <View className='card'>
          <ReasonForm
            large
            name='event__reason'
            label='取消原因（会发给已报名和候补的居民）'
            placeholder='如：天气原因，改期另行通知'
            value={reason}
            onChange={(v) => (setReason(v), m.clear('reason'))}
            error={m.errors.reason}
            submit='取消活动并通知居民'
            busy={m.pending === 'cancel'}
            onSubmit={() => void cancel()}
            onBack={() => setCancelling(false)}
          />
        </View>
      ) : (
        <View className='actions'>
          {e.can.publish ? (
            <Button type='primary' size='large' block loading={m.pending === 'publish'} onClick={() => void publish()}>
              发布活动
            </Button>
          ) : null}
          {e.can.roster ? (
            <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('eventDesk', { id: e.id }) })}>
              报名名单与签到
            </Button>
          ) : null}
          {e.can.edit ? (
            <Button fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('eventEdit', { id: e.id }) })}>
              修改活动
            </Button>
          ) : null}
          {e.can.cancel ? (
            <Button className='event__cancel' fill='outline' size='large' block onClick={() => setCancelling(true)}>
              取消活动
            </Button>
          ) : null}
        </View>
      )}
    </View>
  )
}
