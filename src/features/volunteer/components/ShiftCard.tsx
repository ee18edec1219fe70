import { Text, View } from '@tarojs/components'
import type { ShiftOut } from '@server/features/volunteer/actions'
import { control } from '@/core/ui/a11y'
import { placesText, shiftTime, STATUS_LABELS, STATUS_TONES } from '../labels'
import './shift-card.scss'

/** A shift in a list: task, time, place, team, places left and the caller's own mark. */
export function ShiftCard({ s, onClick, mark }: { s: ShiftOut; onClick: () => void; mark?: string }) {
  const off = s.status === 'ended' || s.status === 'cancelled'
  const tag = mark ?? (s.mine ? '已报名' : null)
  return (
    <View className={`item-card shift-card ${off ? 'shift-card--off' : ''}`} {...control('link', onClick)}>
      <View className='item-head'>
        <Text className='shift-card__team'>{s.team.name.replace('红石榴', '')}</Text>
        <Text className={`tag tag--${STATUS_TONES[s.status]}`}>{STATUS_LABELS[s.status]}</Text>
      </View>
      <Text className='item-title'>{s.task}</Text>
      <Text className='item-line'>{shiftTime(s)}</Text>
      <Text className='item-line'>{s.place}</Text>
      {s.qualification || s.event ? <Text className='item-line'>{[s.qualification ? `需要「${s.qualification}」` : '', s.event ? `服务活动：${s.event.title}` : ''].filter(Boolean).join(' · ')}</Text> : null}
      <View className='item-foot'>
        <Text className={`item-foot__left ${s.placesLeft === 0 ? 'item-foot__left--none' : ''}`}>{placesText(s)}</Text>
        {tag ? <Text className='item-foot__mine'>{tag}</Text> : null}
      </View>
    </View>
  )
}
