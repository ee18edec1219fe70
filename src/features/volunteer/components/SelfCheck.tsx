import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { volunteerActions } from '@server/features/volunteer/actions'
import { useMutation } from '@/core/mutation'
import { canScan, scanCode } from '@/core/scan'
import { FieldError } from '@/core/ui/FieldError'
import { duration } from '../labels'
import { useVolunteer } from '../store'
import './self-check.scss'

/**
 * The volunteer checks in or out at the place by scanning the shift's QR (weapp) or typing the code printed under
 * it (any platform): the first time checks in, the next checks out.
 */
export function SelfCheck() {
  const [code, setCode] = useState('')
  const m = useMutation({ invalidate: [useVolunteer] })
  const send = async (raw: string) => {
    const done = await m.send(volunteerActions, 'scanShift', { code: raw }, { key: 'check', success: (x) => (x.did === 'in' ? `签到成功：${x.shift.task}` : `签退成功，服务${duration(x.minutes)}`) })
    if (done) setCode('')
  }
  const scan = async () => {
    const read = await scanCode()
    if (read !== null) await send(read)
  }
  return (
    <View className='card self-check'>
      <Text className='form-label self-check__title'>现场签到 / 签退</Text>
      <Text className='muted'>扫描队长出示或张贴的班次二维码；也可以输入码下方的8位签到码。</Text>
      {canScan ? (
        <View className='self-check__scan'>
          <Button type='primary' size='large' block loading={m.pending === 'check'} onClick={() => void scan()}>
            扫码签到 / 签退
          </Button>
        </View>
      ) : null}
      <View className='self-check__row'>
        <Input className='form-input self-check__code' value={code} placeholder='输入班次签到码' maxLength={10} onChange={(v: string) => (setCode(v), m.clear('code'))} onConfirm={() => void send(code)} />
        <Button type='primary' fill={canScan ? 'outline' : undefined} loading={m.pending === 'check'} onClick={() => void send(code)}>
          确定
        </Button>
      </View>
      <FieldError error={m.errors.code} />
    </View>
  )
}
