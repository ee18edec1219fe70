import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { hotlineActions } from '@server/features/hotline/actions'
import { call } from '@/core/api'
import { useDraft } from '@/core/draft'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { linkTo } from '@/core/routes'
import { useSession } from '@/core/session'
import { askFor, usePromptReady } from '@/features/messages/subscribe'
import { photoUploadAvailable, type Uploaded } from '@/core/upload'
import { CallButton } from '@/core/ui/CallButton'
import { DraftBanner } from '@/core/ui/DraftBanner'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { RegisterFirst } from '@/core/ui/RegisterFirst'
import { Async } from '@/core/ui/StateView'
import { PhotoPicker } from '@/core/ui/PhotoPicker'
import { atLeast } from '../../labels'
import { useHotline } from '../../store'
import './index.scss'

export default function NewRequestPage() {
  usePromptReady()
  return (
    <Page className='hotline-new'>
      <SignedIn>{() => <RequestForm />}</SignedIn>
    </Page>
  )
}

function RequestForm() {
  const me = useSession((s) => s.me)
  const hotline = useSession((s) => s.community?.hotline)
  const categories = useQuery(() => call('hotline', 'categories', {}), [])
  const draft = useDraft(`draft.hotline.${me?.id ?? 0}`, () => ({ categoryId: null as number | null, description: '', photos: [] as Uploaded[] }))
  const form = useMutation({ invalidate: [useHotline] })
  const { errors } = form
  const v = draft.value

  const submit = async () => {
    askFor(['hotline'])
    const created = await form.send(
      hotlineActions,
      'submit',
      { categoryId: v.categoryId ?? undefined, description: v.description, photoIds: v.photos.map((p) => p.id) },
      { idempotencyKey: draft.idempotencyKey(), success: { title: '已提交，网格员会尽快联系您', icon: 'none' } },
    )
    if (!created) return
    draft.clear()
    void Taro.redirectTo({ url: linkTo('hotlineDetail', { id: created.id }) })
  }

  if (!me?.household) return <RegisterFirst why='登记住户信息后，诉求会直接送到您所在网格的网格员。' />

  return (
    <View>
      <DraftBanner restored={draft.restored} />
      <View className='card'>
        <Text className='hotline-new__to'>
          送达：{me.household.gridName}网格员（{me.household.buildingName}）
        </Text>
        <Text className='hotline-new__label'>诉求类别</Text>
        <Async q={categories}>
          {(list) => (
            <Chips
              label='诉求类别'
              columns={3}
              options={list.map((c) => ({ value: c.id, label: c.name }))}
              value={v.categoryId}
              onChange={(categoryId) => {
                draft.update({ categoryId })
                form.clear('categoryId')
              }}
            />
          )}
        </Async>
        <FieldError error={errors.categoryId} />
        <Text className='hotline-new__label'>具体情况</Text>
        <TextArea
          className='hotline-new__text'
          value={v.description}
          maxLength={1000}
          showCount
          autoSize
          placeholder={`请写清楚什么事、在哪里、希望怎么解决${atLeast(hotlineActions.actions.submit.input.shape.description)}`}
          onChange={(description: string) => {
            draft.update({ description })
            form.clear('description')
          }}
        />
        <FieldError error={errors.description} />
        {photoUploadAvailable() ? (
          <>
            <Text className='hotline-new__label'>照片（可选，最多3张）</Text>
            <PhotoPicker value={v.photos} onChange={(photos) => draft.update({ photos })} />
            <FieldError error={errors.photoIds} />
          </>
        ) : null}
      </View>
      <View className='actions'>
        <Button className='hotline-new__submit' type='primary' size='large' block loading={form.busy} onClick={() => void submit()}>
          提交诉求
        </Button>
        {hotline ? <CallButton phone={hotline} label='直接拨打热线' fill='outline' block /> : null}
      </View>
    </View>
  )
}
