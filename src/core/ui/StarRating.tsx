import { Text, View } from '@tarojs/components'
import { control, group } from './a11y'
import './star-rating.scss'

const WORDS = ['很不满意', '不满意', '一般', '满意', '非常满意']

/** One to five stars as a group of radio choices, each named for a screen reader (「4星 满意」) and a full target. */
export function StarRating({ value, onChange, label = '评分' }: { value: number; onChange: (stars: number) => void; label?: string }) {
  return (
    <View className='star-rating' {...group('radiogroup', label)}>
      <View className='star-rating__stars'>
        {WORDS.map((word, i) => (
          <View key={word} className={`star-rating__star ${i < value ? 'star-rating__star--on' : ''}`} {...control('radio', () => onChange(i + 1), { checked: value === i + 1, label: `${i + 1}星 ${word}` })}>
            <Text aria-hidden>★</Text>
          </View>
        ))}
      </View>
      <Text className='star-rating__word'>{value > 0 ? WORDS[value - 1] : '请点星星打分'}</Text>
    </View>
  )
}
