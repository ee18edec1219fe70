import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { volunteerActions, type DeskEntry, type DeskOut } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { canScan, scanCode } from '@/core/scan'
import { Counts } from '@/core/ui/Counts'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { PassCode } from '@/core/ui/PassCode'
import { Async } from '@/core/ui/StateView'
import { clock, dayTime, duration, shiftTime } from '../../labels'
import { useVolunteer } from '../../store'
import './index.scss'

/**
 * The leader at the place: the shift's QR for volunteers to scan (shown on the phone, or printed from H5), the
 * volunteer's code scanned or typed, or a tap on their name; who is in, who is out and for how long.
 */
export default function DeskPage() {
  const id = Number(useRouter().params.id)
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'desk', { shiftId: id }), [id, version])
  return (
    <Page className='vol-desk'>
      <SignedIn>{() => <Async q={q}>{(d) => <Desk d={d} />}</Async>}</SignedIn>
    </Page>
  )
}

function Desk({ d }: { d: DeskOut }) {
  const [code, setCode] = useState('')
  const [showQr, setShowQr] = useState(false)
  const m = useMutation({ invalidate: [useVolunteer] })
  const s = d.shift
  const check = async (raw: string, key = 'code') => {
    const done = await m.send(volunteerActions, 'scanVolunteer', { shiftId: s.id, code: raw }, { key, success: (x) => (x.did === 'in' ? `${x.name} 已签到` : `${x.name} 已签退，服务${duration(x.minutes)}`) })
    if (done && key === 'code') setCode('')
  }
  const scan = async () => {
    const read = await scanCode()
    if (read !== null) await check(read)
  }
  const signed = d.entries.filter((e) => e.state === 'signed')
  const inNow = signed.filter((e) => e.checkedInAt && !e.checkedOutAt).length
  const out = signed.filter((e) => e.checkedOutAt).length
  return (
    <View>
      <View className='card vol-desk__head'>
        <Text className='vol-desk__title'>{s.task}</Text>
        <Text className='muted'>
          {`${shiftTime(s)} · ${s.place}`}
        </Text>
        <Counts
          items={[
            { n: signed.length, label: '报名' },
            { n: inNow, label: '在岗', tone: 'ok' },
            { n: out, label: '已签退' },
            { n: s.places, label: '人数' },
          ]}
        />
      </View>

      <View className='card'>
        <Text className='vol-desk__label'>扫志愿者签到码</Text>
        <View className='vol-desk__row'>
          <Input className='form-input vol-desk__code' value={code} placeholder='输入8位签到码' maxLength={10} onChange={(v: string) => (setCode(v), m.clear('code'))} onConfirm={() => void check(code)} />
          <Button type='primary' loading={m.pending === 'code'} onClick={() => void check(code)}>
            签到/签退
          </Button>
        </View>
        <FieldError error={m.errors.code} />
        {canScan ? (
          <View className='vol-desk__scan'>
            <Button type='primary' fill='outline' size='large' block onClick={() => void scan()}>
              扫码签到 / 签退
            </Button>
          </View>
        ) : null}
      </View>

      <View className='card vol-desk__qr'>
        <Text className='vol-desk__label'>班次二维码</Text>
        <Text className='muted'>{`志愿者到场后用小程序扫此码自行签到、签退；${dayTime(d.codeValidFrom)}至${dayTime(d.codeValidUntil)}有效，可以打印张贴。`}</Text>
        {showQr ? (
          <View className='vol-desk__qr-code'>
            <PassCode code={d.checkCode} name='vol-desk__pass' hint={`${s.task} · ${shiftTime(s)}`} />
            {process.env.TARO_ENV === 'h5' ? (
              <View className='vol-desk__print'>
                <Button fill='outline' block onClick={() => window.print()}>
                  打印二维码
                </Button>
              </View>
            ) : null}
          </View>
        ) : (
          <View className='vol-desk__scan'>
            <Button fill='outline' size='large' block onClick={() => setShowQr(true)}>
              出示班次二维码
            </Button>
          </View>
        )}
      </View>

      <Text className='section-title'>{`名单 · ${signed.length}人`}</Text>
      {d.entries.length === 0 ? <Text className='vol-desk__none muted'>还没有志愿者报名</Text> : null}
      {d.entries.map((e) => (
        <Entry key={e.signupId} e={e} busy={m.pending === `e${e.signupId}`} onCheck={() => void check(e.code, `e${e.signupId}`)} />
      ))}
    </View>
  )
}

function Entry({ e, busy, onCheck }: { e: DeskEntry; busy: boolean; onCheck: () => void }) {
  const state = e.state === 'no_show' ? '未到岗' : e.checkedOutAt ? `${clock(e.checkedInAt!)}–${clock(e.checkedOutAt)} · ${duration(e.minutes)}` : e.checkedInAt ? `${clock(e.checkedInAt)} 已签到` : '未签到'
  return (
    <View className='item-card vol-desk__entry'>
      <View className='vol-desk__entry-main'>
        <Text className='vol-desk__name'>{e.name}</Text>
        <Text className='muted'>
          {`${e.phoneMasked} · ${state}`}
        </Text>
      </View>
      {e.state === 'signed' && !e.checkedOutAt ? (
        <Button className='vol-desk__entry-go' type='primary' fill={e.checkedInAt ? 'outline' : undefined} loading={busy} onClick={onCheck}>
          {e.checkedInAt ? '签退' : '签到'}
        </Button>
      ) : null}
    </View>
  )
}
