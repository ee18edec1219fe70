// 我的 → 内容安全 (staff): photos WeChat's check still holds or refused, texts it could not clear, and the photos
// shown lately — each with what staff can do: let a held photo through, take one down with a reason, mark a
// text as looked at.
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { moderationActions, type FlaggedText, type HeldPhoto } from '@server/features/moderation/actions'
import { formatWhen } from '@common/time'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { fileUrl } from '@/core/upload'
import { control } from '@/core/ui/a11y'
import { Chips } from '@/core/ui/Chips'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { ReasonForm } from '@/core/ui/ReasonForm'
import { Async, Empty } from '@/core/ui/StateView'
import { REVIEW_LABELS } from '../../labels'
import './index.scss'

type Tab = 'held' | 'texts' | 'recent'

export default function ModerationPage() {
  const [tab, setTab] = useState<Tab>('held')
  const q = useQuery(() => call('moderation', 'queue', {}), [])
  return (
    <Page className='moderation'>
      <SignedIn>
        {() => (
          <Async q={q}>
            {(d) => (
              <View>
                <View className='card moderation__intro'>
                  <Text className='muted'>照片上传后交微信内容安全检测，通过前只有上传的人和工作人员能看到。文字在提交时检测，不当内容不会保存。</Text>
                </View>
                <View className='moderation__tabs'>
                <Chips<Tab>
                  label='分类'
                  columns={3}
                  value={tab}
                  onChange={setTab}
                  options={[
                    { value: 'held', label: `待处理照片 ${d.held.length}` },
                    { value: 'texts', label: `待复核文字 ${d.texts.length}` },
                    { value: 'recent', label: '近7天照片' },
                  ]}
                />
                </View>
                {tab === 'held' ? (
                  d.held.length ? (
                    d.held.map((p) => <PhotoItem key={p.id} p={p} held onChanged={q.reload} />)
                  ) : (
                    <Empty title='没有待处理的照片' hint='微信判定可疑、未通过或迟迟没有结果的照片会出现在这里' />
                  )
                ) : null}
                {tab === 'texts' ? (
                  d.texts.length ? (
                    d.texts.map((f) => <TextItem key={f.id} f={f} onChanged={q.reload} />)
                  ) : (
                    <Empty title='没有待复核的文字' hint='微信判定可疑或未能检测的文字会出现在这里' />
                  )
                ) : null}
                {tab === 'recent' ? (
                  d.recent.length ? (
                    d.recent.map((p) => <PhotoItem key={p.id} p={p} held={false} onChanged={q.reload} />)
                  ) : (
                    <Empty title='近7天没有新照片' />
                  )
                ) : null}
              </View>
            )}
          </Async>
        )}
      </SignedIn>
    </Page>
  )
}

function PhotoItem({ p, held, onChanged }: { p: HeldPhoto; held: boolean; onChanged: () => Promise<void> }) {
  const m = useMutation({ invalidate: [{ reload: onChanged }] })
  const [removing, setRemoving] = useState(false)
  const [reason, setReason] = useState('')
  const label = p.overdue ? { text: '超时未返回结果', tone: 'warn' as const } : REVIEW_LABELS[p.review]
  const url = fileUrl(p.url)
  const release = () =>
    m.send(moderationActions, 'release', { id: p.id }, {
      key: 'release',
      confirm: async () => (await Taro.showModal({ title: '放行照片', content: '放行后所有能看到这条内容的人都会看到这张照片，确定吗？', confirmText: '放行', cancelText: '再看看' })).confirm,
      success: '已放行',
    })
  const takeDown = () => m.send(moderationActions, 'takeDown', { id: p.id, reason }, { key: 'takeDown', success: '已撤下' })
  return (
    <View className={`item-card moderation__photo moderation__photo--${p.id}`}>
      <View className='moderation__row'>
        <Image className='moderation__img' src={url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: [url] })} />
        <View className='moderation__about'>
          <View className='item-head'>
            <Text className='item-name'>{p.owner}</Text>
            <Text className={`tag tag--${label.tone}`}>{label.text}</Text>
          </View>
          {p.reason ? <Text className='item-line'>原因：{p.reason}</Text> : null}
          <Text className={`item-line words ${p.link ? 'moderation__link' : ''}`} {...(p.link ? control('link', () => void Taro.navigateTo({ url: p.link! })) : {})}>
            {p.where}
          </Text>
          <Text className='muted'>上传于{formatWhen(p.createdAt)}</Text>
        </View>
      </View>
      {removing ? (
        <ReasonForm
          name='moderation__reason'
          label='撤下原因'
          placeholder='如：含有他人的门牌和车牌'
          value={reason}
          onChange={(v) => {
            setReason(v)
            m.clear('reason')
          }}
          error={m.errors.reason}
          submit='撤下'
          busy={m.pending === 'takeDown'}
          onSubmit={() => void takeDown()}
          onBack={() => setRemoving(false)}
        />
      ) : (
        <View className='button-row'>
          <Button fill='outline' onClick={() => setRemoving(true)}>
            撤下
          </Button>
          {held ? (
            <Button type='primary' loading={m.pending === 'release'} onClick={() => void release()}>
              放行
            </Button>
          ) : null}
        </View>
      )}
    </View>
  )
}

function TextItem({ f, onChanged }: { f: FlaggedText; onChanged: () => Promise<void> }) {
  const m = useMutation({ invalidate: [{ reload: onChanged }] })
  return (
    <View className='item-card moderation__text'>
      <View className='item-head'>
        <Text className='item-name'>{f.who}</Text>
        <Text className={`tag tag--${f.verdict === 'review' ? 'warn' : 'quiet'}`}>{f.reason}</Text>
      </View>
      <Text className='item-line'>{f.where}</Text>
      <Text className='moderation__excerpt words'>{f.excerpt}</Text>
      <Text className='muted'>提交于{formatWhen(f.createdAt)}</Text>
      <View className='button-row'>
        <Button type='primary' loading={m.busy} onClick={() => void m.send(moderationActions, 'reviewed', { id: f.id }, { success: '已复核' })}>
          已复核
        </Button>
      </View>
    </View>
  )
}
