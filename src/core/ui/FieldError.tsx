import { Text } from '@tarojs/components'

/** A field's error, under the field; nothing at all while the field is fine. */
export function FieldError({ error, className }: { error?: string | null | false; className?: string }) {
  if (!error) return null
  return <Text className={className ? `field-error ${className}` : 'field-error'}>{error}</Text>
}
