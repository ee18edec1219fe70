import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { localDay } from '@common/time'
import { volunteerActions, type CertificateOut } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { readDate } from '@/core/time-input'
import { control } from '@/core/ui/a11y'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { CERTIFICATE_LABELS, dayTime, hoursOf } from '../../labels'
import { useVolunteer } from '../../store'
import './index.scss'

/** A volunteer asks for a certificate over a period, and finds every one asked for and issued. */
export default function CertificatesPage() {
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'certificates', {}), [version])
  return (
    <Page className='vol-certs'>
      <SignedIn>
        {() => (
          <View>
            <Ask />
            <Async q={q}>{(list) => <List list={list} />}</Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}

function Ask() {
  const today = localDay(new Date())
  const [f, setF] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today, purpose: '', idNumber: '' })
  const m = useMutation({ invalidate: [useVolunteer] })
  const set = (patch: Partial<typeof f>, ...fields: string[]) => (setF((x) => ({ ...x, ...patch })), m.clear(...fields))
  const ask = async () => {
    const c = await m.send(volunteerActions, 'requestCertificate', { period: { from: readDate(f.from, today) ?? f.from, to: readDate(f.to, today) ?? f.to }, purpose: f.purpose, idNumber: f.idNumber }, { success: '已提交，出具后会通知您' })
    if (c) void Taro.navigateTo({ url: linkTo('volunteerCertificate', { id: c.id }) })
  }
  return (
    <View className='card'>
      <Text className='vol-certs__title'>申请志愿服务证明</Text>
      <Text className='muted'>证明写明您的服务时长和服务内容，由管道社区居民委员会出具，可用于评优、升学、求职等。</Text>
      <View className='vol-certs__row'>
        <View>
          <Text className='form-label'>开始日期</Text>
          <Input className='form-input vol-certs__from' value={f.from} maxLength={12} onChange={(v: string) => set({ from: v }, 'period.from', 'period')} />
        </View>
        <View>
          <Text className='form-label'>结束日期</Text>
          <Input className='form-input vol-certs__to' value={f.to} maxLength={12} onChange={(v: string) => set({ to: v }, 'period.to', 'period')} />
        </View>
      </View>
      <FieldError error={m.errors['period.from'] ?? m.errors['period.to'] ?? m.errors.period} />
      <Text className='form-label'>用途（可不填）</Text>
      <Input className='form-input vol-certs__purpose' value={f.purpose} placeholder='如：单位评优' maxLength={30} onChange={(v: string) => set({ purpose: v }, 'purpose')} />
      <FieldError error={m.errors.purpose} />
      <Text className='form-label'>身份证号（可不填，证明上只显示前4位和后4位）</Text>
      <Input className='form-input vol-certs__id' type='idcard' value={f.idNumber} placeholder='需要时填写' maxLength={18} onChange={(v: string) => set({ idNumber: v }, 'idNumber')} />
      <FieldError error={m.errors.idNumber} />
      <View className='vol-certs__go'>
        <Button type='primary' size='large' block loading={m.busy} onClick={() => void ask()}>
          提交申请
        </Button>
      </View>
    </View>
  )
}

function List({ list }: { list: CertificateOut[] }) {
  if (list.length === 0) return null
  return (
    <View>
      <Text className='section-title'>我的申请</Text>
      {list.map((c) => (
        <View key={c.id} className='item-card vol-certs__item' {...control('link', () => void Taro.navigateTo({ url: linkTo('volunteerCertificate', { id: c.id }) }))}>
          <View className='item-head'>
            <Text className='vol-certs__period'>{`${c.fromDay} 至 ${c.toDay}`}</Text>
            <Text className={`tag tag--${c.state === 'issued' ? 'ok' : c.state === 'requested' ? 'warn' : 'quiet'}`}>{CERTIFICATE_LABELS[c.state]}</Text>
          </View>
          <Text className='muted'>{`${hoursOf(c.minutes)}小时 · ${c.number ? `编号 ${c.number}` : `申请于${dayTime(c.requestedAt)}`}`}</Text>
        </View>
      ))}
    </View>
  )
}
