import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { FieldError } from './FieldError'
import './reason-form.scss'

/**
 * The reason a person must give before a refusal or a cancellation goes out (婉拒, 取消班次, 不予出具): one line
 * with its label, the error beside it, and the step back. `name` adds the page's class to the input.
 */
export function ReasonForm(props: {
  label: string
  placeholder: string
  value: string
  onChange: (v: string) => void
  error?: string
  submit: string
  busy: boolean
  onSubmit: () => void
  onBack: () => void
  name: string
  /** A page's main action: large buttons, stacked. */
  large?: boolean
}) {
  return (
    <View className={`reason-form ${props.large ? 'reason-form--large' : ''}`}>
      <Text className='form-label'>{props.label}</Text>
      <Input className={`form-input ${props.name}`} value={props.value} placeholder={props.placeholder} maxLength={60} onChange={props.onChange} />
      <FieldError error={props.error} />
      <View className='button-row'>
        {props.large ? null : (
          <Button fill='outline' onClick={props.onBack}>
            返回
          </Button>
        )}
        <Button type='primary' size={props.large ? 'large' : undefined} block={props.large} loading={props.busy} onClick={props.onSubmit}>
          {props.submit}
        </Button>
        {props.large ? (
          <Button fill='outline' block onClick={props.onBack}>
            返回
          </Button>
        ) : null}
      </View>
    </View>
  )
}
