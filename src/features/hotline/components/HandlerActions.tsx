// The side of a request for whoever answers it — the grid's workers and community staff: accept, reply (with a
// quick reply or photos), resolve, escalate to the community, and for staff reassign or take over; and call the
// resident.
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { hotlineActions, type RequestDetail } from '@server/features/hotline/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { isStaff, useSession } from '@/core/session'
import { photoUploadAvailable, type Uploaded } from '@/core/upload'
import { Chips } from '@/core/ui/Chips'
import { Async } from '@/core/ui/StateView'
import { atLeast } from '../labels'
import { useHotline } from '../store'
import { ActionPanel, PanelText } from './ActionPanel'
import { PhotoPicker } from '@/core/ui/PhotoPicker'
import { askFor } from '@/features/messages/subscribe'

export type HandlerPanelKind = 'reply' | 'resolve' | 'escalate' | 'reassign'

const { resolve, escalate } = hotlineActions.actions
const PLACEHOLDERS: Record<Exclude<HandlerPanelKind, 'reassign'>, string> = {
  reply: '回复居民，说明进展',
  resolve: `办结说明：怎么解决的${atLeast(resolve.input.shape.summary)}`,
  escalate: `为什么需要社区协调${atLeast(escalate.input.shape.reason)}`,
}

/** The grids to reassign to and the quick replies, loaded with the page so a panel opens with them at hand. */
export function useHandlerLists(r: RequestDetail) {
  const staff = isStaff(useSession((s) => s.me))
  const grids = useQuery(() => call('community', 'grids', {}), [], { enabled: staff && r.can.reassign, pullToRefresh: false })
  const quick = useQuery(() => call('hotline', 'quickReplies', {}), [], { enabled: r.can.reply, pullToRefresh: false })
  return { grids, quick }
}
export type HandlerLists = ReturnType<typeof useHandlerLists>

export function AcceptButton({ r }: { r: RequestDetail }) {
  const m = useMutation({ invalidate: [useHotline] })
  if (!r.can.accept) return null
  return (
    <Button
      type='primary'
      size='large'
      block
      loading={m.busy}
      onClick={() => {
        // The handler hears the resident's rating or reopening later (hotline_feedback).
        askFor(['hotline'])
        void m.send(hotlineActions, 'accept', { id: r.id }, { success: '已受理' })
      }}
    >
      受理
    </Button>
  )
}

export function HandlerButtons({ r, onOpen }: { r: RequestDetail; onOpen: (p: HandlerPanelKind) => void }) {
  const m = useMutation({ invalidate: [useHotline] })
  return (
    <>
      {r.can.reply ? <Button type='primary' fill='outline' onClick={() => onOpen('reply')}>回复</Button> : null}
      {r.can.resolve ? <Button type='primary' fill='outline' onClick={() => onOpen('resolve')}>办结</Button> : null}
      {r.can.escalate ? <Button type='default' onClick={() => onOpen('escalate')}>上报社区</Button> : null}
      {r.can.reassign ? <Button type='default' onClick={() => onOpen('reassign')}>转派网格</Button> : null}
      {r.can.reassign ? (
        <Button type='default' onClick={() => void m.send(hotlineActions, 'reassign', { id: r.id, takeOver: true }, { success: '已由您接手' })}>接手处理</Button>
      ) : null}
    </>
  )
}

export function HandlerPanel({ r, panel, lists, onClose }: { r: RequestDetail; panel: HandlerPanelKind; lists: HandlerLists; onClose: () => void }) {
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<Uploaded[]>([])
  const [gridId, setGridId] = useState<number | null>(null)
  const m = useMutation({ invalidate: [useHotline] })
  const id = r.id
  const submit = async () => {
    const done = await (panel === 'reply'
      ? m.send(hotlineActions, 'reply', { id, text, photoIds: photos.map((p) => p.id) }, { success: '已回复' })
      : panel === 'resolve'
        ? m.send(hotlineActions, 'resolve', { id, summary: text }, { success: '已办结' })
        : panel === 'escalate'
          ? m.send(hotlineActions, 'escalate', { id, reason: text }, { success: '已上报社区' })
          : m.send(hotlineActions, 'reassign', { id, gridId: gridId ?? undefined }, { success: '已转派' }))
    if (done) onClose()
  }
  const field = panel === 'reply' ? 'text' : panel === 'resolve' ? 'summary' : 'reason'
  const quick = lists.quick.data
  return (
    <ActionPanel error={m.errors[field] || m.errors.gridId} busy={m.busy} onCancel={onClose} onSubmit={() => void submit()}>
      {panel === 'reassign' ? (
        <Async q={lists.grids}>
          {(list) => <Chips label='转派到' columns={3} options={list.map((g) => ({ value: g.id, label: g.name }))} value={gridId} onChange={setGridId} />}
        </Async>
      ) : (
        <>
          {panel === 'reply' && quick?.length ? (
            <View className='hotline-detail__quick'>
              {quick.map((qr) => (
                <Text key={qr.id} className='hotline-detail__quick-item' onClick={() => setText(qr.text)}>
                  {qr.text}
                </Text>
              ))}
            </View>
          ) : null}
          {panel === 'reply' && photoUploadAvailable() ? <PhotoPicker value={photos} onChange={setPhotos} /> : null}
          <PanelText value={text} onChange={setText} maxLength={panel === 'reply' || panel === 'resolve' ? 500 : 300} placeholder={PLACEHOLDERS[panel]} />
        </>
      )}
    </ActionPanel>
  )
}

/** The resident as the handler sees them; the whole number is fetched only on 拨打, and every fetch is recorded. */
export function ResidentContact({ r }: { r: RequestDetail }) {
  const m = useMutation()
  if (!r.resident) return null
  const callResident = async () => {
    const answer = await m.send(hotlineActions, 'residentPhone', { id: r.id })
    if (answer) await Taro.makePhoneCall({ phoneNumber: answer.phone }).catch(() => undefined)
  }
  return (
    <View className='hotline-detail__resident'>
      <View className='hotline-detail__who'>
        <Text className='words'>{r.resident.name} · {r.resident.address}</Text>
        <Text className='muted'>{r.resident.phone}</Text>
      </View>
      {r.can.callResident ? (
        <Button className='hotline-detail__call' type='primary' fill='outline' size='small' onClick={() => void callResident()}>
          拨打
        </Button>
      ) : null}
    </View>
  )
}
