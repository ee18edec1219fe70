import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './state-view.scss'

/** The three states every screen has besides its content: loading, empty and failed. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='state state--loading' aria-busy='true'>
      <View className='state__spinner' />
      <Text className='state__text'>{text}</Text>
    </View>
  )
}

export function Empty({ title, hint, action, mark = '无' }: { title: string; hint?: string; action?: ReactNode; mark?: string }) {
  return (
    <View className='state state--empty'>
      <View className='state__mark'>{mark}</View>
      <Text className='state__title'>{title}</Text>
      {hint ? <Text className='state__text'>{hint}</Text> : null}
      {action}
    </View>
  )
}

export function Failed({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='state state--error' role='alert'>
      <View className='state__mark state__mark--error'>!</View>
      <Text className='state__title'>{message}</Text>
      {onRetry ? (
        <Button className='state__retry' type='primary' fill='outline' onClick={onRetry}>
          重新加载
        </Button>
      ) : null}
    </View>
  )
}

interface AsyncProps<T> {
  q: { data: T | undefined; error: string | null; loading: boolean; reload(): Promise<void> }
  isEmpty?: (data: T) => boolean
  empty?: ReactNode
  children: (data: T) => ReactNode
}

/** Shows loading, the error with a retry, the empty state, or the content. */
export function Async<T>({ q, isEmpty, empty, children }: AsyncProps<T>) {
  if (q.data === undefined) {
    if (q.error) return <Failed message={q.error} onRetry={() => void q.reload()} />
    return <Loading />
  }
  if (isEmpty?.(q.data)) return <>{empty ?? <Empty title='暂无内容' />}</>
  return <>{children(q.data)}</>
}
