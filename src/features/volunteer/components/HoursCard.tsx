import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { HoursOut } from '@server/features/volunteer/actions'
import { clock, dayTime, duration, shiftTime } from '../labels'
import './hours-card.scss'

const VIA = { leader: '队长扫码', scan: '现场扫码', sweep: '未签退，按班次结束计' } as const

/** One hours record: what counts, and when it was corrected, the original beside each correction with its reason. */
export function HoursCard({ h, showName, children }: { h: HoursOut; showName?: boolean; children?: ReactNode }) {
  const o = h.original
  return (
    <View className='item-card hours-card'>
      <View className='hours-card__head'>
        <Text className='hours-card__task'>{showName ? `${h.volunteer.name} · ${h.shift.task}` : h.shift.task}</Text>
        <Text className='hours-card__minutes'>{duration(h.minutes)}</Text>
      </View>
      <Text className='item-line'>{shiftTime(h.shift)}</Text>
      <Text className='item-line'>{h.shift.place}</Text>
      <Text className='item-line'>{`签到 ${clock(h.checkedInAt)} · ${h.checkedOutAt ? `签退 ${clock(h.checkedOutAt)}` : '未签退'}`}</Text>
      {h.corrections.length === 0 ? <Text className='muted'>{o.outVia && o.outVia !== o.inVia ? `${VIA[o.inVia]}签到、${VIA[o.outVia]}签退` : VIA[o.inVia]}</Text> : null}
      {h.corrections.map((c, i) => (
        <View key={i} className='hours-card__fix'>
          <Text className='hours-card__fix-line'>
            {`${c.by}于${dayTime(c.at)}更正：${clock(c.checkedInAt)}–${clock(c.checkedOutAt)}，${duration(c.minutes)}`}
          </Text>
          <Text className='hours-card__fix-line'>{`原因：${c.reason}`}</Text>
        </View>
      ))}
      {h.corrections.length ? (
        <Text className='muted'>{`原记录：签到 ${clock(o.checkedInAt)} · ${o.checkedOutAt ? `签退 ${clock(o.checkedOutAt)}` : '未签退'} · ${duration(o.minutes)}`}</Text>
      ) : null}
      {children}
    </View>
  )
}
