import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import { fieldErrors } from '@common/fields'
import { formatDateTime } from '@common/time'
import { announcementInput, type AnnouncementOut } from '@server/features/announcements/actions'
import { ApiError, call, messageOf } from '@/core/api'
import { useDraft } from '@/core/draft'
import { toast, useQuery } from '@/core/hooks'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { useAnnouncements } from '../../store'
import './index.scss'

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
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState<string | null>(null)
  const v = draft.value
  useEffect(() => setErrors({}), [v.title, v.body])

  const save = async (): Promise<AnnouncementOut | null> => {
    const parsed = announcementInput.safeParse({ ...v, id: current?.id })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      toast(parsed.error.issues[0]?.message ?? '请检查填写的内容')
      return null
    }
    try {
      const saved = await call('announcements', 'save', parsed.data, { idempotencyKey: draft.idempotencyKey() })
      draft.clear()
      setCurrent(saved)
      useAnnouncements.getState().changed(saved)
      return saved
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fields)
      toast(messageOf(err))
      return null
    }
  }

  const run = async (what: 'save' | 'publish' | 'withdraw') => {
    setBusy(what)
    try {
      const saved = await save()
      if (!saved) return
      if (what === 'save') return toast('已保存', 'success')
      const next = await call('announcements', what, { id: saved.id })
      setCurrent(next)
      useAnnouncements.getState().changed(next)
      toast(what === 'publish' ? '已发布' : '已撤回', 'success')
    } catch (err) {
      toast(messageOf(err))
    } finally {
      setBusy(null)
    }
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
        {errors.title ? <Text className='field-error'>{errors.title}</Text> : null}
        <Text className='edit-announcement__label'>正文</Text>
        <TextArea className='edit-announcement__body' value={v.body} maxLength={2000} showCount autoSize placeholder='写清时间、地点、需要居民做什么' onChange={(body: string) => draft.update({ body })} />
        {errors.body ? <Text className='field-error'>{errors.body}</Text> : null}
        <View className='edit-announcement__pin'>
          <Text>置顶显示</Text>
          <Switch checked={v.pinned} onChange={(pinned: boolean) => draft.update({ pinned })} />
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
