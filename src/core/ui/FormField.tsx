import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { FieldError } from './FieldError'
import './form-field.scss'

/**
 * A form's field: its label above, what is typed or chosen, and the error under it. In a `.form-row` fields sit
 * side by side while they fit and wrap under each other when they do not (长辈版, narrow phones).
 */
export function FormField({ label, error, children, name }: { label: string; error?: string; children: ReactNode; name?: string }) {
  return (
    <View className={`form-field ${name ? `form-field--${name}` : ''}`}>
      <Text className='form-label'>{label}</Text>
      {children}
      <FieldError error={error} />
    </View>
  )
}

/** A labelled one-line text field; `name` classes the input (`<name>` on the field, for tests and page styles). */
export function TextField(props: { label: string; name: string; value: string; onChange: (v: string) => void; error?: string; placeholder?: string; number?: boolean; maxLength?: number }) {
  return (
    <FormField label={props.label} error={props.error} name={props.name}>
      <Input
        className='form-input'
        type={props.number ? 'digit' : 'text'}
        value={props.value}
        placeholder={props.placeholder}
        maxLength={props.maxLength ?? 30}
        onChange={(v: string) => props.onChange(v)}
      />
    </FormField>
  )
}

/** A number as typed, or the text itself so the schema names the field when it is not one. */
export const num = (v: string): number | string => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v)
