import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { FieldError } from '@/core/ui/FieldError'

/** A labelled text field of the timetable forms, with its error under it. */
export function Field(props: { label: string; name: string; value: string; onChange: (v: string) => void; error?: string; placeholder?: string; number?: boolean; maxLength?: number }) {
  return (
    <View className={`shuttle-field shuttle-field--${props.name}`}>
      <Text className='form-label shuttle-field__label'>{props.label}</Text>
      <Input
        className='form-input'
        type={props.number ? 'digit' : 'text'}
        value={props.value}
        placeholder={props.placeholder}
        maxLength={props.maxLength ?? 30}
        onChange={(v: string) => props.onChange(v)}
      />
      <FieldError error={props.error} />
    </View>
  )
}

/** A number as typed, or the text itself so the schema names the field when it is not one. */
export const num = (v: string): number | string => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v)
