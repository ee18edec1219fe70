import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CertificateContent, CertificateOut } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { toast, useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { saveCertificateImage } from '../../certificate-image'
import { certificateBody, issuedOnText } from '../../certificate-text'
import { CERTIFICATE_LABELS, dayTime, hoursOf } from '../../labels'
import { useVolunteer } from '../../store'
import './index.scss'

/** A certificate of service as issued: printable from H5, saved to the album on weapp; or where its request stands. */
export default function CertificatePage() {
  const id = Number(useRouter().params.id)
  const version = useVolunteer((s) => s.version)
  const q = useQuery(() => call('volunteer', 'certificate', { id }), [id, version])
  return (
    <Page className='vol-cert'>
      <SignedIn>{() => <Async q={q}>{(c) => (c.content && c.number ? <Issued c={c as CertificateOut & { content: CertificateContent }} /> : <Requested c={c} />)}</Async>}</SignedIn>
    </Page>
  )
}

function Requested({ c }: { c: CertificateOut }) {
  return (
    <View className='card'>
      <View className='vol-cert__state'>
        <Text className='vol-cert__state-title'>{CERTIFICATE_LABELS[c.state]}</Text>
      </View>
      <Text className='vol-cert__line'>{`服务期间：${c.fromDay} 至 ${c.toDay}`}</Text>
      <Text className='vol-cert__line'>{`记录时长：${hoursOf(c.minutes)}小时`}</Text>
      {c.purpose ? <Text className='vol-cert__line'>用途：{c.purpose}</Text> : null}
      <Text className='muted'>申请于{dayTime(c.requestedAt)}</Text>
      {c.declineReason ? <Text className='vol-cert__warn'>未出具原因：{c.declineReason}</Text> : <Text className='muted'>社区工作人员核对服务记录后出具，出具后会通知您。</Text>}
    </View>
  )
}

function Issued({ c }: { c: CertificateOut & { content: CertificateContent } }) {
  const body = certificateBody(c)
  const m = useMutation()
  const save = () =>
    m.run(
      async () => {
        if (process.env.TARO_ENV === 'h5') window.print()
        else await saveCertificateImage(c)
      },
      { success: process.env.TARO_ENV === 'h5' ? undefined : '已保存到相册' },
    )
  const copyNumber = () => void Taro.setClipboardData({ data: c.number! }).then(() => toast('已复制证明编号'))
  return (
    <View>
      <View className='vol-cert__paper'>
        <Text className='vol-cert__title'>志愿服务证明</Text>
        <Text className='vol-cert__number'>编号：{c.number}</Text>
        <Text className='vol-cert__body'>{body.lead}</Text>
        <Text className='vol-cert__body'>服务内容：</Text>
        {body.services.map((s) => (
          <Text key={s} className='vol-cert__service'>
            {s}
          </Text>
        ))}
        <Text className='vol-cert__body'>特此证明。</Text>
        <View className='vol-cert__sign'>
          <Text className='vol-cert__issuer'>{c.content.issuer}</Text>
          <Text className='vol-cert__issuer'>{issuedOnText(c.content)}</Text>
        </View>
        <Text className='vol-cert__foot'>联系电话：{c.content.contact}</Text>
        <Text className='vol-cert__foot'>在「志愿服务 → 查验志愿服务证明」输入编号可核验</Text>
      </View>
      <View className='actions vol-cert__actions'>
        <Button type='primary' size='large' block loading={m.busy} onClick={() => void save()}>
          {process.env.TARO_ENV === 'h5' ? '打印证明' : '保存到相册'}
        </Button>
        <Button fill='outline' size='large' block onClick={copyNumber}>
          复制证明编号
        </Button>
        <Button fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: linkTo('volunteerVerify', { number: c.number! }) })}>
          查验此证明
        </Button>
      </View>
    </View>
  )
}
