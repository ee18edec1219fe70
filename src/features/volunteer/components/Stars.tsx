import { Text, View } from '@tarojs/components'
import { picture } from '@/core/ui/a11y'
import './stars.scss'

/** One to five stars, the ones reached filled; read out as 「三星志愿者」. */
export function Stars({ stars }: { stars: number }) {
  const names = ['未评星', '一星', '二星', '三星', '四星', '五星']
  return (
    <View className='stars' {...picture(stars === 0 ? '尚未评星' : `${names[stars]}志愿者`)}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={`stars__star ${n <= stars ? 'stars__star--on' : ''}`}>
          ★
        </Text>
      ))}
    </View>
  )
}
