// The card a request's action opens under its buttons: what to fill in, the field's error, 取消 and 提交. Shared by
// the handler's and the resident's actions, so both look and behave alike.
import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { FieldError } from '@/core/ui/FieldError'

export function ActionPanel({ error, busy, onCancel, onSubmit, children }: { error?: string; busy: boolean; onCancel: () => void; onSubmit: () => void; children: ReactNode }) {
  return (
    <View className='card hotline-detail__panel'>
      {children}
      <FieldError error={error} />
      <View className='hotline-detail__panel-actions'>
        <Button fill='none' onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={busy} onClick={onSubmit}>
          提交
        </Button>
      </View>
    </View>
  )
}

export function PanelText({ value, onChange, maxLength, placeholder }: { value: string; onChange: (v: string) => void; maxLength: number; placeholder: string }) {
  return <TextArea className='hotline-detail__input' value={value} maxLength={maxLength} showCount autoSize placeholder={placeholder} onChange={(v: string) => onChange(v)} />
}
