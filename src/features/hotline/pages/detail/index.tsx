import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@common/time'
import type { RequestDetail } from '@server/features/hotline/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useSession } from '@/core/session'
import { CallButton } from '@/core/ui/CallButton'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { AcceptButton, HandlerButtons, HandlerPanel, ResidentContact, useHandlerLists, type HandlerPanelKind } from '../../components/HandlerActions'
import { PhotoRow } from '@/core/ui/PhotoPicker'
import { ResidentButtons, ResidentPanel, isResidentPanel, type ResidentPanelKind } from '../../components/ResidentActions'
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

type Panel = HandlerPanelKind | ResidentPanelKind | null

/** One request, for the resident who wrote it and for those who answer it; the server's `can` says which buttons. */
function Detail({ r }: { r: RequestDetail }) {
  const hotline = useSession((s) => s.community?.hotline)
  const [panel, setPanel] = useState<Panel>(null)
  const lists = useHandlerLists(r)
  const close = () => setPanel(null)

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
        <ResidentContact r={r} />
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
        <AcceptButton r={r} />
        {panel === null ? (
          <View className='hotline-detail__buttons'>
            <HandlerButtons r={r} onOpen={setPanel} />
            <ResidentButtons r={r} onOpen={setPanel} />
          </View>
        ) : isResidentPanel(panel) ? (
          <ResidentPanel r={r} panel={panel} onClose={close} />
        ) : (
          <HandlerPanel r={r} panel={panel} lists={lists} onClose={close} />
        )}
        {hotline ? <CallButton phone={hotline} label='拨打社区热线' fill='outline' block /> : null}
      </View>
    </View>
  )
}
