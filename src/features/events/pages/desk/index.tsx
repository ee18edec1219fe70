import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { eventActions, type RosterOut } from '@server/features/events/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { canScan, scanCode } from '@/core/scan'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Counts } from '@/core/ui/Counts'
import { Async } from '@/core/ui/StateView'
import { clock, placeText, whenText } from '../../labels'
import { useEvents } from '../../store'
import { saveSheet } from '@/core/sheet-file'
import './index.scss'

/**
 * At the door: who signed up (with their companions), check-in by scanning or typing the code for the session that
 * is on, walk-ins for free places, attendance per session, and the spreadsheet to keep or forward.
 */
export default function DeskPage() {
  const id = Number(useRouter().params.id)
  const version = useEvents((s) => s.version)
  const q = useQuery(() => call('events', 'roster', { eventId: id }), [id, version])
  return (
    <Page className='desk'>
      <SignedIn>{() => <Async q={q}>{(r) => <Desk r={r} />}</Async>}</SignedIn>
    </Page>
  )
}

function Desk({ r: initial }: { r: RosterOut }) {
  const [r, setR] = useState(initial)
  useEffect(() => setR(initial), [initial])
  const [code, setCode] = useState('')
  const [walkName, setWalkName] = useState('')
  const [walkGuests, setWalkGuests] = useState(0)
  const m = useMutation()
  const e = r.event
  const current = r.sessions.find((s) => s.id === r.current) ?? null
  const [shown, setShown] = useState<number>(current?.id ?? r.sessions[0]!.id)

  const checkIn = async (raw: string) => {
    const done = await m.send(eventActions, 'checkIn', { eventId: e.id, code: raw }, { key: 'code', success: (x) => `已签到：${x.name}${x.places > 1 ? `等${x.places}人` : ''}` })
    if (done) {
      setR(done.roster)
      setCode('')
      setShown(done.session.id)
    }
  }
  const scan = async () => {
    const read = await scanCode()
    if (read !== null) await checkIn(read)
  }
  const walkIn = async () => {
    const done = await m.send(eventActions, 'walkIn', { eventId: e.id, name: walkName, guests: walkGuests }, { key: 'walk', success: '已现场报名并签到' })
    if (done) {
      setR(done.roster)
      setWalkName('')
      setWalkGuests(0)
    }
  }
  const exportSheet = () => m.run(async () => saveSheet(await call('events', 'exportSheet', { eventId: e.id })), { key: 'export' })

  const session = r.sessions.find((s) => s.id === shown)!
  const stateOf = (x: RosterOut['entries'][number]) => x.attendance.find((a) => a.sessionId === shown)
  return (
    <View>
      <View className='card desk__head'>
        <Text className='desk__title'>{e.title}</Text>
        <Text className='muted'>
          {whenText(e.startsAt)} · {placeText(e)}
        </Text>
        <Counts
          items={[
            { n: session.presentPlaces, label: '已到', tone: 'ok' },
            { n: r.entries.reduce((n, x) => n + x.places, 0), label: '报名' },
            { n: e.places, label: '名额' },
            { n: r.waiting, label: '候补' },
          ]}
        />
      </View>

      {current && e.can.checkIn ? (
        <View className='card'>
          <Text className='desk__label'>签到 · {r.sessions.length > 1 ? `第${current.position}次 ` : ''}{whenText(current.startsAt)}</Text>
          <View className='desk__code-row'>
            <Input className='form-input desk__code' value={code} placeholder='输入8位签到码' maxLength={10} onChange={(v: string) => (setCode(v), m.clear('code'))} onConfirm={() => void checkIn(code)} />
            <Button type='primary' loading={m.pending === 'code'} onClick={() => void checkIn(code)}>
              签到
            </Button>
          </View>
          <FieldError error={m.errors.code} />
          {canScan ? (
            <Button className='desk__scan' type='primary' fill='outline' size='large' block onClick={() => void scan()}>
              扫码签到
            </Button>
          ) : null}
          <Text className='desk__label desk__walk-title'>现场报名（余{e.placesLeft}个名额）</Text>
          <Input className='form-input desk__walk-name' value={walkName} placeholder='姓名' maxLength={20} onChange={(v: string) => (setWalkName(v), m.clear('name'))} />
          <FieldError error={m.errors.name} />
          {e.maxGuests > 0 ? (
            <Chips label='同行人数' options={Array.from({ length: e.maxGuests + 1 }, (_, n) => ({ value: n, label: n === 0 ? '无同行' : `另${n}人` }))} value={walkGuests} onChange={setWalkGuests} columns={4} />
          ) : null}
          <View className='desk__walk-go'>
            <Button fill='outline' block disabled={e.placesLeft === 0} loading={m.pending === 'walk'} onClick={() => void walkIn()}>
              {e.placesLeft === 0 ? '名额已满' : '现场报名并签到'}
            </Button>
          </View>
        </View>
      ) : (
        <Text className='desk__closed muted'>{e.status === 'cancelled' ? '活动已取消' : '每次活动开始前60分钟起可以签到'}</Text>
      )}

      {r.sessions.length > 1 ? (
        <View className='desk__sessions'>
          <Chips label='场次' options={r.sessions.map((s) => ({ value: s.id, label: `第${s.position}次 ${s.present}户` }))} value={shown} onChange={setShown} columns={3} />
        </View>
      ) : null}

      <Text className='section-title'>
        报名名单 · {r.entries.length}户 · 已到{session.present}户
      </Text>
      {r.entries.length === 0 ? <Text className='desk__closed muted'>还没有人报名</Text> : null}
      {r.entries.map((x) => {
        const a = stateOf(x)
        return (
          <View key={x.signupId} className='item-card desk__entry'>
            <View className='desk__entry-main'>
              <Text className='desk__name'>
                {x.name}
                {x.walkIn ? '（现场）' : ''}
              </Text>
              <Text className='muted'>
                {x.places}人{x.named.length ? ` · ${x.named.map((g) => `${g.name}（${g.relation}）`).join('、')}` : ''}
                {x.guests ? ` · 另${x.guests}人` : ''}
                {x.phoneMasked ? ` · ${x.phoneMasked}` : ''}
              </Text>
            </View>
            <Text className={`desk__state desk__state--${a?.state ?? 'none'}`}>{a ? (a.state === 'present' ? `已到 ${clock(a.at)}` : '未到') : '未签到'}</Text>
          </View>
        )
      })}

      <View className='actions'>
        <Button type='primary' fill='outline' size='large' block loading={m.pending === 'export'} onClick={() => void exportSheet()}>
          导出报名与出勤表（Excel）
        </Button>
      </View>
    </View>
  )
}
