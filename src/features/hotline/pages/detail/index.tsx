import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Rate, TextArea } from '@nutui/nutui-react-taro'
import { formatDateTime } from '@common/time'
import type { RequestDetail } from '@server/features/hotline/actions'
import { ApiError, call, messageOf } from '@/core/api'
import { toast, useQuery } from '@/core/hooks'
import { isStaff, useSession } from '@/core/session'
import { photoUploadAvailable, type Uploaded } from '@/core/upload'
import { CallButton } from '@/core/ui/CallButton'
import { Chips } from '@/core/ui/Chips'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { PhotoPicker, PhotoRow } from '../../components/PhotoPicker'
import { StateTag } from '../../components/StateTag'
import { Timeline } from '../../components/Timeline'
import { useHotline } from '../../store'
import './index.scss'

export default function RequestDetailPage() {
  const id = Number(useRouter().params.id)
  const version = useHotline((s) => s.version)
  const q = useQuery(() => call('hotline', 'get', { id }), [id, version])
  return (
    <Page className='hotline-detail'>
      <SignedIn>{() => <Async q={q}>{(r) => <Detail r={r} />}</Async>}</SignedIn>
    </Page>
  )
}

/** The number is fetched only when the worker taps, and every fetch is recorded on the server. */
async function callResident(id: number) {
  try {
    const { phone } = await call('hotline', 'residentPhone', { id })
    await Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
  } catch (err) {
    toast(messageOf(err))
  }
}

type Panel = 'reply' | 'resolve' | 'escalate' | 'reassign' | 'rate' | 'reopen' | null

function Detail({ r }: { r: RequestDetail }) {
  const hotline = useSession((s) => s.community?.hotline)
  const me = useSession((s) => s.me)
  const [panel, setPanel] = useState<Panel>(null)
  const [textValue, setText] = useState('')
  const [stars, setStars] = useState(5)
  const [gridId, setGridId] = useState<number | null>(null)
  const [photos, setPhotos] = useState<Uploaded[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const staff = isStaff(me)
  const grids = useQuery(() => call('community', 'grids', {}), [], { enabled: staff && r.can.reassign, pullToRefresh: false })
  const quick = useQuery(() => call('hotline', 'quickReplies', {}), [], { enabled: r.can.reply, pullToRefresh: false })

  const open = (p: Panel) => {
    setPanel(p)
    setText('')
    setPhotos([])
    setErrors({})
  }

  const act = async (run: () => Promise<RequestDetail>, done: string) => {
    setBusy(true)
    setErrors({})
    try {
      await run()
      useHotline.getState().changed()
      setPanel(null)
      toast(done, 'success')
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fields)
      toast(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const submitPanel = () => {
    const id = r.id
    switch (panel) {
      case 'reply':
        return act(() => call('hotline', 'reply', { id, text: textValue, photoIds: photos.map((p) => p.id) }), '已回复')
      case 'resolve':
        return act(() => call('hotline', 'resolve', { id, summary: textValue }), '已办结')
      case 'escalate':
        return act(() => call('hotline', 'escalate', { id, reason: textValue }), '已上报社区')
      case 'reopen':
        return act(() => call('hotline', 'reopen', { id, reason: textValue }), '已重新打开')
      case 'rate':
        return act(() => call('hotline', 'rate', { id, stars, comment: textValue || undefined }), '感谢您的评价')
      case 'reassign':
        return act(() => call('hotline', 'reassign', { id, gridId: gridId ?? undefined }), '已转派')
      default:
        return undefined
    }
  }

  const field = panel === 'reply' ? 'text' : panel === 'resolve' ? 'summary' : panel === 'rate' ? 'comment' : 'reason'
  const placeholder: Record<Exclude<Panel, null | 'reassign'>, string> = {
    reply: '回复居民，说明进展',
    resolve: '办结说明：怎么解决的（至少5个字）',
    escalate: '为什么需要社区协调（至少5个字）',
    reopen: '哪里还没有解决（至少5个字）',
    rate: '说说您的感受（可不填）',
  }

  return (
    <View>
      <View className='card hotline-detail__head'>
        <View className='hotline-detail__row'>
          <Text className='hotline-detail__category'>{r.category}</Text>
          <StateTag state={r.state} overdue={r.overdue} rated={r.rated} />
        </View>
        <Text className='muted'>
          {r.level === 'community' ? '社区处理' : r.gridName}
          {r.handler ? ` · ${r.handler}` : ' · 等待受理'} · {formatDateTime(r.createdAt)}
        </Text>
        {r.dueAt ? <Text className={`hotline-detail__due ${r.overdue ? 'hotline-detail__due--late' : ''}`}>首次响应时限 {formatDateTime(r.dueAt)}</Text> : null}
        <Text className='hotline-detail__desc'>{r.description}</Text>
        <PhotoRow photos={r.photos} />
        {r.resident ? (
          <View className='hotline-detail__resident'>
            <View className='hotline-detail__who'>
              <Text>{r.resident.name} · {r.resident.address}</Text>
              <Text className='muted'>{r.resident.phone}</Text>
            </View>
            {r.can.callResident ? (
              <Button className='hotline-detail__call' type='primary' fill='outline' size='small' onClick={() => void callResident(r.id)}>
                拨打
              </Button>
            ) : null}
          </View>
        ) : null}
        {r.rating ? (
          <View className='hotline-detail__rating'>
            <Text>评价：{'★'.repeat(r.rating.stars)}{'☆'.repeat(5 - r.rating.stars)}</Text>
            {r.rating.comment ? <Text className='muted'>{r.rating.comment}</Text> : null}
          </View>
        ) : null}
      </View>

      <Text className='section-title'>办理进度</Text>
      <View className='card'>
        <Timeline events={r.events} />
      </View>

      <View className='actions'>
        {r.can.accept ? (
          <Button type='primary' size='large' block loading={busy && panel === null} onClick={() => void act(() => call('hotline', 'accept', { id: r.id }), '已受理')}>
            受理
          </Button>
        ) : null}
        {panel === null ? (
          <View className='hotline-detail__buttons'>
            {r.can.reply ? <Button type='primary' fill='outline' onClick={() => open('reply')}>回复</Button> : null}
            {r.can.resolve ? <Button type='primary' fill='outline' onClick={() => open('resolve')}>办结</Button> : null}
            {r.can.escalate ? <Button type='default' onClick={() => open('escalate')}>上报社区</Button> : null}
            {r.can.reassign ? <Button type='default' onClick={() => open('reassign')}>转派网格</Button> : null}
            {r.can.reassign ? (
              <Button type='default' onClick={() => void act(() => call('hotline', 'reassign', { id: r.id, takeOver: true }), '已由您接手')}>接手处理</Button>
            ) : null}
            {r.can.rate ? <Button type='primary' onClick={() => open('rate')}>评价</Button> : null}
            {r.can.reopen ? <Button type='default' onClick={() => open('reopen')}>没解决，重新打开</Button> : null}
          </View>
        ) : (
          <View className='card hotline-detail__panel'>
            {panel === 'rate' ? <Rate className='hotline-detail__stars' value={stars} onChange={(v: number) => setStars(v)} /> : null}
            {panel === 'reassign' ? (
              <Async q={grids}>
                {(list) => (
                  <Chips label='转派到' columns={3} options={list.map((g) => ({ value: g.id, label: g.name }))} value={gridId} onChange={setGridId} />
                )}
              </Async>
            ) : (
              <>
                {panel === 'reply' && quick.data?.length ? (
                  <View className='hotline-detail__quick'>
                    {quick.data.map((qr) => (
                      <Text key={qr.id} className='hotline-detail__quick-item' onClick={() => setText(qr.text)}>
                        {qr.text}
                      </Text>
                    ))}
                  </View>
                ) : null}
                {panel === 'reply' && photoUploadAvailable() ? <PhotoPicker value={photos} onChange={setPhotos} /> : null}
                <TextArea className='hotline-detail__input' value={textValue} maxLength={panel === 'reply' || panel === 'resolve' ? 500 : 300} showCount autoSize placeholder={placeholder[panel]} onChange={(v: string) => setText(v)} />
              </>
            )}
            {errors[field] || errors.gridId ? <Text className='field-error'>{errors[field] || errors.gridId}</Text> : null}
            <View className='hotline-detail__panel-actions'>
              <Button fill='none' onClick={() => setPanel(null)}>取消</Button>
              <Button type='primary' loading={busy} onClick={() => void submitPanel()}>提交</Button>
            </View>
          </View>
        )}
        {hotline ? <CallButton phone={hotline} label='拨打社区热线' fill='outline' block /> : null}
      </View>
    </View>
  )
}
