import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { formatDateTime } from '@common/time'
import { announcementActions, type AnnouncementOut } from '@server/features/announcements/actions'
import { call } from '@/core/api'
import { useDraft } from '@/core/draft'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { useAnnouncements } from '../../store'
import './index.scss'
import { Toggle } from '@/core/ui/Toggle'

const STATUS_TEXT = { draft: '草稿，居民看不到', published: '已发布，居民可以看到', withdrawn: '已撤回，居民看不到' }

export default function EditAnnouncementPage() {
  const id = Number(useRouter().params.id) || undefined
  const existing = useQuery<AnnouncementOut | null>(() => (id ? call('announcements', 'get', { id }) : Promise.resolve(null)), [id])
  return (
    <Page className='edit-announcement'>
      <SignedIn>{() => <Async q={existing}>{(a) => <Editor initial={a} />}</Async>}</SignedIn>
    </Page>
  )
}

function Editor({ initial }: { initial: AnnouncementOut | null }) {
  const [current, setCurrent] = useState(initial)
  const draft = useDraft(`draft.announcement.${initial?.id ?? 'new'}`, () => ({
    title: initial?.title ?? '',
    body: initial?.body ?? '',
    pinned: initial?.pinned ?? false,
  }))
  const m = useMutation()
  const { errors, clear } = m
  const busy = m.pending
  const v = draft.value
  useEffect(() => clear(), [clear, v.title, v.body])

  const changed = (a: AnnouncementOut) => useAnnouncements.getState().changed(a)

  // Publishing and withdrawing save the text first, so what residents see is what is on screen.
  const run = async (what: 'save' | 'publish' | 'withdraw') => {
    const saved = await m.send(announcementActions, 'save', { ...v, id: current?.id }, {
      key: what,
      idempotencyKey: draft.idempotencyKey(),
      invalidate: [changed],
      success: what === 'save' ? '已保存' : undefined,
    })
    if (!saved) return
    draft.clear()
    setCurrent(saved)
    if (what === 'save') return
    const next = await m.send(announcementActions, what, { id: saved.id }, { key: what, success: what === 'publish' ? '已发布' : '已撤回', invalidate: [changed] })
    if (next) setCurrent(next)
  }

  return (
    <View>
      {current ? (
        <Text className={`edit-announcement__status edit-announcement__status--${current.status}`}>
          {STATUS_TEXT[current.status]}
          {current.publishedAt ? ` · 发布于 ${formatDateTime(current.publishedAt)}` : ''}
        </Text>
      ) : null}
      <View className='card'>
        <Text className='edit-announcement__label'>标题</Text>
        <Input className='edit-announcement__title' value={v.title} maxLength={40} placeholder='2—40个字' onChange={(title: string) => draft.update({ title })} />
        <FieldError error={errors.title} />
        <Text className='edit-announcement__label'>正文</Text>
        <TextArea className='edit-announcement__body' value={v.body} maxLength={2000} showCount autoSize placeholder='写清时间、地点、需要居民做什么' onChange={(body: string) => draft.update({ body })} />
        <FieldError error={errors.body} />
        <View className='edit-announcement__pin'>
          <Text>置顶显示</Text>
          <Toggle label='置顶显示' checked={v.pinned} onChange={(pinned) => draft.update({ pinned })} />
        </View>
      </View>
      <View className='actions'>
        {current?.status !== 'published' ? (
          <Button type='primary' size='large' block loading={busy === 'publish'} onClick={() => void run('publish')}>
            发布
          </Button>
        ) : null}
        <Button type='primary' fill='outline' size='large' block loading={busy === 'save'} onClick={() => void run('save')}>
          {current?.status === 'published' ? '保存修改' : '保存草稿'}
        </Button>
        {current?.status === 'published' ? (
          <Button type='danger' fill='outline' size='large' block loading={busy === 'withdraw'} onClick={() => void run('withdraw')}>
            撤回
          </Button>
        ) : null}
      </View>
    </View>
  )
}
