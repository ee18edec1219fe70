import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { volunteerActions, type VerifyOut } from '@server/features/volunteer/actions'
import { useMutation } from '@/core/mutation'
import { textParam } from '@/core/routes'
import { FieldError } from '@/core/ui/FieldError'
import { Page } from '@/core/ui/Page'
import { hoursOf } from '../../labels'
import './index.scss'

/** Anyone — a school, an employer — checks a certificate by its number, signed in or not. */
export default function VerifyPage() {
  const given = textParam(useRouter().params.number) ?? ''
  const [number, setNumber] = useState(given)
  const [found, setFound] = useState<VerifyOut | null>(null)
  const m = useMutation()
  const check = async (n: string) => {
    setFound(null)
    const r = await m.send(volunteerActions, 'verify', { number: n })
    if (r) setFound(r)
  }
  useEffect(() => {
    if (given) void check(given)
    // Checked once for a number given in the link.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [given])
  return (
    <Page className='vol-verify'>
      <View className='card'>
        <Text className='vol-verify__title'>查验志愿服务证明</Text>
        <Text className='muted'>输入证明上的编号，核对证明是否由管道社区居民委员会出具。</Text>
        <Text className='form-label'>证明编号</Text>
        <Input className='form-input vol-verify__number' value={number} placeholder='如 GDZY-2026-0001' maxLength={30} onChange={(v: string) => (setNumber(v), m.clear(), setFound(null))} onConfirm={() => void check(number)} />
        <FieldError error={m.errors.number} />
        <View className='vol-verify__go'>
          <Button type='primary' size='large' block loading={m.busy} onClick={() => void check(number)}>
            查验
          </Button>
        </View>
      </View>
      {found ? (
        <View className='card vol-verify__found'>
          <Text className='vol-verify__ok'>✓ 证明有效</Text>
          <Text className='vol-verify__line'>编号：{found.number}</Text>
          <Text className='vol-verify__line'>志愿者：{found.name}</Text>
          <Text className='vol-verify__line'>{`服务期间：${found.fromDay} 至 ${found.toDay}`}</Text>
          <Text className='vol-verify__line'>{`服务时长：${hoursOf(found.minutes)}小时`}</Text>
          <Text className='vol-verify__line'>出具单位：{found.issuer}</Text>
          <Text className='vol-verify__line'>出具日期：{found.issuedOn}</Text>
        </View>
      ) : null}
    </Page>
  )
}
