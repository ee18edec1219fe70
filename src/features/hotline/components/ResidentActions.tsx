// The resident's side of their request once it is resolved: rate it with stars, or reopen it when it is not
// really solved.
import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { StarRating } from '@/core/ui/StarRating'
import { hotlineActions, type RequestDetail } from '@server/features/hotline/actions'
import { useMutation } from '@/core/mutation'
import { atLeast } from '../labels'
import { useHotline } from '../store'
import { ActionPanel, PanelText } from './ActionPanel'

export type ResidentPanelKind = 'rate' | 'reopen'
export const isResidentPanel = (p: string): p is ResidentPanelKind => p === 'rate' || p === 'reopen'

const reopenHint = `哪里还没有解决${atLeast(hotlineActions.actions.reopen.input.shape.reason)}`

export function ResidentButtons({ r, onOpen }: { r: RequestDetail; onOpen: (p: ResidentPanelKind) => void }) {
  return (
    <>
      {r.can.rate ? (
        <Button type='primary' onClick={() => onOpen('rate')}>
          评价
        </Button>
      ) : null}
      {r.can.reopen ? (
        <Button type='default' onClick={() => onOpen('reopen')}>
          没解决，重新打开
        </Button>
      ) : null}
    </>
  )
}

export function ResidentPanel({ r, panel, onClose }: { r: RequestDetail; panel: ResidentPanelKind; onClose: () => void }) {
  const [text, setText] = useState('')
  const [stars, setStars] = useState(5)
  const m = useMutation({ invalidate: [useHotline] })
  const submit = async () => {
    const done =
      panel === 'rate'
        ? await m.send(hotlineActions, 'rate', { id: r.id, stars, comment: text || undefined }, { success: '感谢您的评价' })
        : await m.send(hotlineActions, 'reopen', { id: r.id, reason: text }, { success: '已重新打开' })
    if (done) onClose()
  }
  return (
    <ActionPanel error={panel === 'rate' ? m.errors.comment : m.errors.reason} busy={m.busy} onCancel={onClose} onSubmit={() => void submit()}>
      {panel === 'rate' ? <StarRating label='为这次办理打分' value={stars} onChange={setStars} /> : null}
      <PanelText value={text} onChange={setText} maxLength={300} placeholder={panel === 'rate' ? '说说您的感受（可不填）' : reopenHint} />
    </ActionPanel>
  )
}
