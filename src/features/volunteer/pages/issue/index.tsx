import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { volunteerActions, type CertificateOut } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { control } from '@/core/ui/a11y'
import { ReasonForm } from '@/core/ui/ReasonForm'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { CERTIFICATE_LABELS, dayTime, hoursOf } from '../../labels'
import { useVolunteer } from '../../store'

/** Staff check each request against the record and issue the certificate (numbered and kept), or say why not. */
export default function IssuePage() {
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'certificateDesk', {}), [version])
  return (
    <Page className='vol-issue'>
      <SignedIn>
        {() => (
          <Async q={q}>
            {(d) => (
              <View>
                <Text className='section-title'>待出具 · {d.requested.length}份</Text>
                {d.requested.length === 0 ? <Empty title='没有待出具的申请' hint='志愿者申请证明后会出现在这里' /> : null}
                {d.requested.map((c) => (
                  <Request key={c.id} c={c} />
                ))}
                {d.decided.length ? <Text className='section-title'>最近处理</Text> : null}
                {d.decided.map((c) => (
                  <View key={c.id} className='item-card' {...control('link', () => void Taro.navigateTo({ url: linkTo('volunteerCertificate', { id: c.id }) }))}>
                    <View className='item-head'>
                      <Text className='item-name'>{c.applicant.name}</Text>
                      <Text className={`tag tag--${c.state === 'issued' ? 'ok' : 'quiet'}`}>{CERTIFICATE_LABELS[c.state]}</Text>
                    </View>
                    <Text className='muted'>
                      {`${c.number ?? c.declineReason} · ${hoursOf(c.minutes)}小时`}
                    </Text>
                  </View>
                ))}
              </View>
            )}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}

function Request({ c }: { c: CertificateOut }) {
  const m = useMutation({ invalidate: [useVolunteer] })
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const issue = () =>
    m.send(volunteerActions, 'issue', { id: c.id }, {
      key: 'issue',
      confirm: async () => (await Taro.showModal({ title: '出具证明', content: `为${c.applicant.name}出具${c.fromDay}至${c.toDay}的志愿服务证明（${hoursOf(c.minutes)}小时）？`, confirmText: '出具', cancelText: '再看看' })).confirm,
      success: (x) => `已出具 ${x.number}`,
    })
  const decline = () => m.send(volunteerActions, 'declineCertificate', { id: c.id, reason }, { key: 'decline', success: '已告知申请人' })
  return (
    <View className='item-card vol-issue__request'>
      <View className='item-head'>
        <Text className='item-name'>{c.applicant.name}</Text>
        <Text className='tag tag--warn'>{CERTIFICATE_LABELS[c.state]}</Text>
      </View>
      <Text className='item-line'>{c.applicant.team ?? '已不在志愿服务队'}</Text>
      <Text className='item-line'>
        {`${c.fromDay} 至 ${c.toDay} · 记录时长 ${hoursOf(c.minutes)}小时`}
      </Text>
      {c.purpose ? <Text className='item-line'>用途：{c.purpose}</Text> : null}
      <Text className='muted'>申请于{dayTime(c.requestedAt)}</Text>
      {declining ? (
        <ReasonForm
          name='vol-issue__reason'
          label='不予出具的原因（会告诉申请人）'
          placeholder='如：服务记录有误，请联系队长更正后再申请'
          value={reason}
          onChange={(v) => (setReason(v), m.clear('reason'))}
          error={m.errors.reason}
          submit='确定'
          busy={m.pending === 'decline'}
          onSubmit={() => void decline()}
          onBack={() => setDeclining(false)}
        />
      ) : (
        <View className='button-row'>
          <Button fill='outline' onClick={() => setDeclining(true)}>
            不予出具
          </Button>
          <Button type='primary' loading={m.pending === 'issue'} onClick={() => void issue()}>
            出具证明
          </Button>
        </View>
      )}
    </View>
  )
}
