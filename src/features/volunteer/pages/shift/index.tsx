import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { volunteerActions, type ShiftOut, type ShiftSignupOut } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { ReasonForm } from '@/core/ui/ReasonForm'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { PassCode } from '@/core/ui/PassCode'
import { Async } from '@/core/ui/StateView'
import { askFor, usePromptReady } from '@/features/messages/subscribe'
import { SelfCheck } from '../../components/SelfCheck'
import { clock, dayTime, duration, placesText, shiftTime, SIGNUP_LABELS, STATUS_LABELS, STATUS_TONES } from '../../labels'
import { useVolunteer } from '../../store'
import '../../components/shift-card.scss'
import './index.scss'

/** A shift: what, when, where and how many; the volunteer signs up or out here and shows their code; leaders run it. */
export default function ShiftPage() {
  usePromptReady()
  const id = Number(useRouter().params.id)
  const version = useVolunteer((s) => s.version)
  const q = useQuery(async () => {
    const shift = await call('volunteer', 'shift', { id })
    const mine = shift.mine ? await call('volunteer', 'signup', { id: shift.mine.signupId }) : null
    return { shift, mine }
  }, [id, version])
  return (
    <Page className='vol-shift'>
      <SignedIn>{() => <Async q={q}>{(d) => <ShiftView s={d.shift} mine={d.mine} />}</Async>}</SignedIn>
    </Page>
  )
}

function Row({ k, children }: { k: string; children: string }) {
  return (
    <View className='vol-shift__row'>
      <Text className='vol-shift__key'>{k}</Text>
      <Text className='vol-shift__value'>{children}</Text>
    </View>
  )
}

function ShiftView({ s, mine }: { s: ShiftOut; mine: ShiftSignupOut | null }) {
  const m = useMutation({ invalidate: [useVolunteer] })
  const signUp = () => {
    askFor(['volunteer_reminder', 'volunteer'])
    return m.send(volunteerActions, 'signUp', { shiftId: s.id }, { key: 'sign', success: '报名成功' })
  }
  const signOut = (x: ShiftSignupOut) =>
    m.send(volunteerActions, 'signOut', { id: x.id }, {
      key: 'out',
      confirm: async () => (await Taro.showModal({ title: '退出班次', content: '名额会让给其他志愿者，确定退出吗？', confirmText: '退出', cancelText: '再想想' })).confirm,
      success: '已退出该班次',
    })
  const h = mine?.hours
  return (
    <View>
      <View className='card vol-shift__head'>
        <View className='item-head'>
          <Text className='shift-card__team'>{s.team.name}</Text>
          <Text className={`tag tag--${STATUS_TONES[s.status]}`}>{STATUS_LABELS[s.status]}</Text>
        </View>
        <Text className='vol-shift__title'>{s.task}</Text>
        {s.status === 'cancelled' ? <Text className='vol-shift__warn'>班次已取消{s.cancelReason ? `：${s.cancelReason}` : ''}</Text> : null}
        <Row k='时间'>{shiftTime(s)}</Row>
        <Row k='地点'>{s.place}</Row>
        <Row k='人数'>{placesText(s)}</Row>
        {s.qualification ? <Row k='资质'>{`需要「${s.qualification}」`}</Row> : null}
        {s.event ? <Row k='活动'>{s.event.title}</Row> : null}
        <Row k='退出'>{s.releaseHours > 0 ? `${dayTime(s.releaseUntil)}前可自行退出，之后请联系队长` : '报名后请联系队长退出'}</Row>
        {s.openToAll ? <Text className='muted'>本班次向各队志愿者开放报名</Text> : null}
        {s.event ? (
          <View className='vol-shift__event'>
            <Button fill='outline' block onClick={() => void Taro.navigateTo({ url: linkTo('event', { id: s.event!.id }) })}>
              查看活动
            </Button>
          </View>
        ) : null}
      </View>

      {mine ? (
        <View>
          <View className='card vol-shift__mine'>
            <Text className='vol-shift__label'>我的签到码 · {SIGNUP_LABELS[mine.state]}</Text>
            <PassCode code={mine.code} name='vol-shift__code' hint='到岗后请队长扫码签到，离开时再扫一次签退' />
            {h ? (
              <Text className='vol-shift__hours'>
                {h.checkedOutAt ? `已签到 ${clock(h.checkedInAt)} · 已签退 ${clock(h.checkedOutAt)} · 服务${duration(h.minutes)}` : `已签到 ${clock(h.checkedInAt)}，离开时请签退`}
              </Text>
            ) : null}
          </View>
          {s.status !== 'ended' && !h?.checkedOutAt ? <SelfCheck /> : null}
          {mine.can.signOut ? (
            <View className='actions'>
              <Button fill='outline' size='large' block loading={m.pending === 'out'} onClick={() => void signOut(mine)}>
                退出该班次
              </Button>
            </View>
          ) : null}
        </View>
      ) : s.eligibility ? (
        s.eligibility.ok ? (
          <View className='actions'>
            <Button type='primary' size='large' block loading={m.pending === 'sign'} onClick={() => void signUp()}>
              报名该班次
            </Button>
          </View>
        ) : (
          <Text className='card vol-shift__why'>{s.eligibility.reason}</Text>
        )
      ) : null}

      {s.can.desk || s.can.cancel ? <Lead s={s} /> : null}
    </View>
  )
}

function Lead({ s }: { s: ShiftOut }) {
  const m = useMutation({ invalidate: [useVolunteer] })
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const cancel = () =>
    m.send(volunteerActions, 'cancelShift', { id: s.id, reason }, {
      key: 'cancel',
      confirm: async () => (await Taro.showModal({ title: '取消班次', content: '已报名的志愿者都会收到通知，确定取消吗？', confirmText: '取消班次', cancelText: '再想想' })).confirm,
      success: '班次已取消',
    })
  return (
    <View>
      <Text className='section-title'>班次管理</Text>
      {cancelling ? (
        <View className='card'>
          <ReasonForm
            large
            name='vol-shift__reason'
            label='取消原因（会发给已报名的志愿者）'
            placeholder='如：活动改期'
            value={reason}
            onChange={(v) => (setReason(v), m.clear('reason'))}
            error={m.errors.reason}
            submit='取消班次并通知志愿者'
            busy={m.pending === 'cancel'}
            onSubmit={() => void cancel()}
            onBack={() => setCancelling(false)}
          />
        </View>
      ) : (
        <View className='actions'>
          {s.can.desk ? (
            <Button type='primary' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('volunteerDesk', { id: s.id }) })}>
              签到台与名单
            </Button>
          ) : null}
          {s.can.cancel ? (
            <Button fill='outline' size='large' block onClick={() => setCancelling(true)}>
              取消班次
            </Button>
          ) : null}
        </View>
      )}
    </View>
  )
}
