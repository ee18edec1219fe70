import { Text, View } from '@tarojs/components'
import './counts.scss'

export interface Count {
  n: number
  label: string
  tone?: 'ok' | 'warn'
}

/** A row of figures at the top of a door page (已上车 / 预约 / 座位, 已到 / 报名 / 名额), one box each. */
export function Counts({ items }: { items: Count[] }) {
  return (
    <View className='counts'>
      {items.map((c) => (
        <View key={c.label} className='counts__box'>
          <Text className={`counts__n ${c.tone ? `counts__n--${c.tone}` : ''}`}>{c.n}</Text>
          <Text>{c.label}</Text>
        </View>
      ))}
    </View>
  )
}
