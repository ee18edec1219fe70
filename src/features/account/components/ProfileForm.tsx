import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { accountActions, type Me } from '@server/features/account/actions'
import { call } from '@/core/api'
import { useDraft } from '@/core/draft'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { DraftBanner } from '@/core/ui/DraftBanner'
import { FieldError } from '@/core/ui/FieldError'
import { Async } from '@/core/ui/StateView'
import { AddressPicker, type Address } from './AddressPicker'
import './profile-form.scss'

interface Values extends Address {
  name: string
  phone: string
}

/** Registration and editing share one form; only the action and the starting values differ. */
export function ProfileForm({ mode, me, onDone }: { mode: 'register' | 'update'; me: Me; onDone: (me: Me) => void }) {
  const buildings = useQuery(() => call('community', 'buildings', {}), [])
  const draft = useDraft<Values>(`draft.profile.${mode}.${me.id}`, () => ({
    name: me.name ?? '',
    phone: me.phone ?? '',
    buildingId: me.household?.buildingId ?? null,
    unit: me.household?.unit ?? null,
    room: me.household?.room ?? '',
  }))
  const form = useMutation()
  const { errors } = form
  const v = draft.value

  const change = (patch: Partial<Values>) => {
    draft.update(patch)
    form.clear(...Object.keys(patch))
  }

  const submit = async () => {
    const raw = { ...v, buildingId: v.buildingId ?? undefined, unit: v.unit ?? undefined, room: v.room || undefined }
    const saved = await form.send(accountActions, mode === 'register' ? 'register' : 'updateProfile', raw, { idempotencyKey: draft.idempotencyKey() })
    if (!saved) return
    draft.clear()
    onDone(saved)
  }

  return (
    <View className='profile-form'>
      <DraftBanner restored={draft.restored} />
      <View className='card'>
        <Text className='profile-form__label'>姓名</Text>
        <Input className='profile-form__input profile-form__name' value={v.name} placeholder='请输入真实姓名' maxLength={20} onChange={(name: string) => change({ name })} />
        <FieldError error={errors.name} />
        <Text className='profile-form__label'>手机号</Text>
        <Input className='profile-form__input profile-form__phone' type='number' value={v.phone} placeholder='11位手机号码' maxLength={11} onChange={(phone: string) => change({ phone })} />
        <FieldError error={errors.phone} />
      </View>
      <View className='card'>
        <Text className='profile-form__section'>住址</Text>
        <Async q={buildings}>
          {(list) => (
            <AddressPicker
              buildings={list}
              value={{ buildingId: v.buildingId, unit: v.unit, room: v.room }}
              errors={errors}
              onChange={(a) => change(a)}
            />
          )}
        </Async>
      </View>
      <View className='actions'>
        <Button className='profile-form__submit' type='primary' size='large' block loading={form.busy} onClick={() => void submit()}>
          {mode === 'register' ? '提交登记' : '保存'}
        </Button>
        <Text className='muted profile-form__note'>手机号仅用于社区办事联系，其他人看到的是隐去中间四位的号码。</Text>
      </View>
    </View>
  )
}
