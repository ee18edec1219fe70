import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { eventActions, type SignupOut } from '@server/features/events/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { PassCode } from '@/core/ui/PassCode'
import { Async } from '@/core/ui/StateView'
import { clock, dayTime, placeText, whenText, SIGNUP_LABELS } from '../../labels'
import { useEvents } from '../../store'
import '../../components/event-card.scss'
import './index.scss'

/** 活动签到码: the event, who comes, the QR code and short code, attendance so far; cancel or add to the calendar. */
export default function SignupPage() {
  const id = Number(useRouter().params.id)
  const version = useEvents((s) => s.version)
  const q = useQuery(() => call('events', 'signup', { id }), [id, version])
  return (
    <Page className='event-pass'>
      <SignedIn>{() => <Async q={q}>{(s) => <Pass s={s} />}</Async>}</SignedIn>
    </Page>
  )
}

function Pass({ s }: { s: SignupOut }) {
  const e = s.event
  const live = s.state === 'signed' && e.state === 'published' && e.status !== 'ended'
  const m = useMutation({ invalidate: [useEvents] })
  const cancel = () =>
    m.send(eventActions, 'cancel', { id: s.id }, {
      key: 'cancel',
      confirm: async () => (await Taro.showModal({ title: '取消报名', content: `确定取消「${e.title}」的报名吗？名额会留给候补的居民。`, confirmText: '确定取消', cancelText: '再想想' })).confirm,
      success: '已取消报名',
    })
  const addToCalendar = async () => {
    try {
      await Taro.addPhoneCalendar({ title: e.title, startTime: Math.floor(Date.parse(e.startsAt) / 1000), endTime: String(Math.floor(Date.parse(e.sessions[0]?.endsAt ?? e.endsAt) / 1000)), location: placeText(e), description: `签到码 ${s.code}`, alarm: true, alarmOffset: 3600 })
    } catch {
      // The person declined; nothing to say.
    }
  }
  const attended = (sessionId: number) => s.attendance.find((a) => a.sessionId === sessionId)
  return (
    <View>
      <View className='card event-pass__head' onClick={() => void Taro.navigateTo({ url: linkTo('event', { id: e.id }) })}>
        <View className='event-card__head'>
          <Text className='event-card__category'>{e.category}</Text>
          <Text className={`tag event-tag tag--${e.status === 'cancelled' ? 'alert' : s.state === 'signed' ? 'ok' : 'quiet'}`}>{e.status === 'cancelled' ? '活动已取消' : SIGNUP_LABELS[s.state]}</Text>
        </View>
        <Text className='event-pass__title'>{e.title}</Text>
        <Text className='event-pass__line'>{whenText(e.startsAt)} 开始</Text>
        <Text className='event-pass__line'>{placeText(e)}</Text>
        {live ? (
          <PassCode code={s.code} name='event-pass__code' hint='入场时向工作人员出示二维码或报签到码' />
        ) : (
          <Text className='muted event-pass__past'>签到码 {s.code}</Text>
        )}
      </View>

      <View className='card'>
        <Text className='event-pass__label'>报名 · {s.places}人</Text>
        <Text className='event-pass__who'>本人</Text>
        {s.named.map((g) => (
          <Text key={g.name} className='event-pass__who'>
            {g.name}（{g.relation}）
          </Text>
        ))}
        {s.guests ? <Text className='event-pass__who'>另带{s.guests}人</Text> : null}
        {s.fromWaitingList ? <Text className='muted'>名额来自候补</Text> : null}
        {s.cancelReason ? <Text className='muted'>取消原因：{s.cancelReason}</Text> : null}
        {live ? <Text className='muted'>{s.can.cancel ? `${dayTime(e.cancelUntil)}前可取消` : '已过取消截止时间，如需取消请联系社区'}</Text> : null}
      </View>

      {e.sessions.length > 1 || s.attendance.length ? (
        <View className='card'>
          <Text className='event-pass__label'>签到记录</Text>
          {e.sessions.map((x) => {
            const a = attended(x.id)
            return (
              <View key={x.id} className='event-pass__session'>
                <Text>
                  {e.sessions.length > 1 ? `第${x.position}次 ` : ''}
                  {whenText(x.startsAt)}
                </Text>
                <Text className={`event-pass__att event-pass__att--${a?.state ?? 'none'}`}>{a ? (a.state === 'present' ? `已签到 ${clock(a.at)}` : '未到') : '—'}</Text>
              </View>
            )
          })}
        </View>
      ) : null}

      {live ? (
        <View className='actions'>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button type='primary' fill='outline' size='large' block onClick={() => void addToCalendar()}>
              添加到手机日历
            </Button>
          ) : null}
          {s.can.cancel ? (
            <Button className='event-pass__cancel' fill='outline' size='large' block loading={m.pending === 'cancel'} onClick={() => void cancel()}>
              取消报名
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
