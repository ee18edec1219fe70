import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { volunteerActions, type HomeOut, type ShiftOut } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { PAGE, linkTo } from '@/core/routes'
import { useSession } from '@/core/session'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { ShiftCard } from '../../components/ShiftCard'
import { SelfCheck } from '../../components/SelfCheck'
import { Stars } from '../../components/Stars'
import { APPLICATION_LABELS, duration, hoursOf } from '../../labels'
import { useVolunteer } from '../../store'
import './index.scss'

/** 志愿服务: one's team, hours and stars, the shifts one holds and may take; for others, how to join. */
export default function VolunteerHomePage() {
  const version = useVolunteer((s) => s.version)
  const me = useSession((s) => s.me)
  const q = useQuery(async () => {
    const home = await call('volunteer', 'home', {})
    const shifts = home.team ? await call('volunteer', 'shifts', {}) : { own: [] as ShiftOut[], open: [] as ShiftOut[] }
    return { home, shifts }
  }, [version, me?.roles.join()])
  return (
    <Page className='vol-home'>
      <SignedIn>{() => <Async q={q}>{(d) => <Home home={d.home} own={d.shifts.own} open={d.shifts.open} />}</Async>}</SignedIn>
    </Page>
  )
}

const go = (url: string) => () => void Taro.navigateTo({ url })

function Home({ home, own, open }: { home: HomeOut; own: ShiftOut[]; open: ShiftOut[] }) {
  const s = home.summary
  const held = new Set(home.upcoming.map((x) => x.shift.id))
  const pending = home.applications.find((a) => a.state === 'pending')
  return (
    <View>
      <View className='hero vol-home__hero'>
        <Text className='hero__title'>{home.team ? home.team.name : '红石榴志愿服务'}</Text>
        <Text className='hero__sub'>{home.team ? (home.team.leader ? '队长' : '队员') : '六支红石榴志愿服务队，欢迎有意愿的居民加入'}</Text>
        {s ? (
          <View className='vol-home__sums'>
            <View className='vol-home__sum'>
              <Text className='vol-home__n'>{hoursOf(s.minutesYear)}</Text>
              <Text className='hero__sub'>{s.year}年服务（小时）</Text>
            </View>
            <View className='vol-home__sum'>
              <Text className='vol-home__n'>{hoursOf(s.minutesTotal)}</Text>
              <Text className='hero__sub'>累计服务（小时）</Text>
            </View>
          </View>
        ) : null}
        {s ? (
          <View className='vol-home__stars'>
            <Stars stars={s.stars.stars} />
            <Text className='hero__sub'>{s.stars.next ? `再服务${duration(s.stars.next.minutesToGo)}可达${s.stars.next.stars}星（${s.stars.next.hours}小时）` : '已达五星志愿者'}</Text>
          </View>
        ) : null}
      </View>

      {home.blocked ? <Text className='card vol-home__blocked'>{home.blocked}</Text> : null}

      {!home.team ? (
        <View className='card'>
          {pending ? (
            <Text className='vol-home__pending'>{`已申请加入${pending.team.name}，${APPLICATION_LABELS.pending}，通过后会通知您`}</Text>
          ) : (
            <Text className='muted'>加入一支队伍后，就可以报名服务班次、签到签退、累计服务时长。</Text>
          )}
          <View className='vol-home__go'>
            <Button type='primary' size='large' block onClick={go(PAGE.volunteerTeams)}>
              {pending ? '查看我的申请' : '申请加入志愿服务队'}
            </Button>
          </View>
        </View>
      ) : null}

      {home.upcoming.length ? <Text className='section-title'>我报名的班次</Text> : null}
      {home.upcoming.map((x) => (
        <ShiftCard key={x.id} s={x.shift} mark={x.hours ? (x.hours.checkedOutAt ? '已签退' : '已签到') : '已报名'} onClick={go(linkTo('volunteerShift', { id: x.shift.id }))} />
      ))}
      {home.upcoming.length ? <SelfCheck /> : null}

      {home.team ? <Text className='section-title'>本队班次</Text> : null}
      {home.team && own.filter((x) => !held.has(x.id)).length === 0 ? <Text className='vol-home__none muted'>近期没有可报名的本队班次</Text> : null}
      {own
        .filter((x) => !held.has(x.id))
        .map((x) => (
          <ShiftCard key={x.id} s={x} onClick={go(linkTo('volunteerShift', { id: x.id }))} />
        ))}
      {open.filter((x) => !held.has(x.id)).length ? <Text className='section-title'>其他队伍开放报名</Text> : null}
      {open
        .filter((x) => !held.has(x.id))
        .map((x) => (
          <ShiftCard key={x.id} s={x} onClick={go(linkTo('volunteerShift', { id: x.id }))} />
        ))}

      <View className='actions'>
        {home.leads.length ? (
          <Button type='primary' size='large' block onClick={go(PAGE.volunteerLead)}>
            队伍管理{home.pendingApplications ? `（${home.pendingApplications}份入队申请）` : ''}
          </Button>
        ) : null}
        {s ? (
          <Button type='primary' fill='outline' size='large' block onClick={go(PAGE.volunteerRecords)}>
            我的服务记录
          </Button>
        ) : null}
        {s ? (
          <Button fill='outline' size='large' block onClick={go(PAGE.volunteerCertificates)}>
            志愿服务证明
          </Button>
        ) : null}
        <Button fill='outline' size='large' block onClick={go(PAGE.volunteerVerify)}>
          查验志愿服务证明
        </Button>
        {home.team ? <Leave home={home} /> : null}
      </View>
    </View>
  )
}

function Leave({ home }: { home: HomeOut }) {
  const m = useMutation({ invalidate: [useVolunteer] })
  const leave = () =>
    m.send(volunteerActions, 'leave', {}, {
      confirm: async () =>
        (await Taro.showModal({ title: '退出队伍', content: `退出${home.team!.name}后，已报名的班次会让给其他志愿者，服务记录保留。确定退出吗？`, confirmText: '退出', cancelText: '再想想' })).confirm,
      success: '已退出队伍',
      // The person is no longer a volunteer: 我的 and the gates read that from the account.
      invalidate: [() => void call('account', 'me', {}).then((me) => useSession.getState().setMe(me))],
    })
  return (
    <Button className='vol-home__leave' fill='none' size='large' block loading={m.busy} onClick={() => void leave()}>
      退出队伍
    </Button>
  )
}
