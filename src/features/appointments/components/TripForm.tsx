import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { localDay, startOfLocalDay } from '@common/time'
import { control } from '@/core/ui/a11y'
import { CheckRow } from '@/core/ui/CheckRow'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { DayStrip } from '@/core/ui/DayStrip'
import './trip-form.scss'

export interface TripValues {
  travelDate: string | null
  from: string
  to: string
  preference: string
  passengers: { name: string; idCard: string }[]
  /** The booker's own agreement to the ID numbers' use for this purchase, asked each time they are given. */
  idCardConsent: boolean
}

export const emptyTrip = (name: string): TripValues => ({ travelDate: null, from: '徐州东', to: '', preference: '', passengers: [{ name, idCard: '' }], idCardConsent: false })

/** What of a trip may rest in a draft on the device: all of it but the passengers' ID-card numbers (and so the consent to them). */
export const withoutIdCards = (trip: TripValues): TripValues => ({ ...trip, passengers: trip.passengers.map((p) => ({ ...p, idCard: '' })), idCardConsent: false })

const TRIP_DAYS = 30
const FROM = ['徐州东', '徐州', '观音机场']

const MAX_PASSENGERS = 5

/**
 * The trip a ticket is bought for: when, from where to where, preferences and up to five passengers, whose names
 * can be picked from 常用乘车人 (their ID numbers are typed each time: the list keeps none).
 */
export function TripForm({ value, onChange, errors, now, companions = [] }: { value: TripValues; onChange: (v: Partial<TripValues>) => void; errors: Record<string, string>; now: Date; companions?: { id: number; name: string; relation: string }[] }) {
  const today = startOfLocalDay(localDay(now))!.getTime()
  const days = Array.from({ length: TRIP_DAYS }, (_, i) => ({ day: localDay(today + i * 86_400_000), closed: false, closedReason: null, left: 0 }))
  const setPassenger = (i: number, patch: Partial<{ name: string; idCard: string }>) =>
    onChange({ passengers: value.passengers.map((p, j) => (j === i ? { ...p, ...patch } : p)) })
  const err = (k: string) => <FieldError error={errors[k]} />
  const names = value.passengers.map((p) => p.name.trim())
  // A picked companion fills the first passenger without a name, or comes as a new one.
  const pick = (name: string) => {
    if (names.includes(name)) return
    const empty = value.passengers.findIndex((p) => p.name.trim() === '' && p.idCard === '')
    if (empty >= 0) setPassenger(empty, { name })
    else if (value.passengers.length < MAX_PASSENGERS) onChange({ passengers: [...value.passengers, { name, idCard: '' }] })
  }
  return (
    <View className='card trip-form'>
      <Text className='trip-form__title'>出行信息</Text>
      <Text className='form-label trip-form__label'>出行日期</Text>
      <DayStrip days={days} value={value.travelDate} onChange={(travelDate) => onChange({ travelDate })} now={now} label='出行日期' idPrefix='trip' noteOf={() => '出行'} />
      {err('trip.travelDate')}
      <Text className='form-label trip-form__label'>出发站</Text>
      <Chips label='出发站' columns={3} options={FROM.map((f) => ({ value: f, label: f }))} value={value.from} onChange={(from) => onChange({ from })} />
      <Input className='form-input trip-form__input trip-form__from' value={value.from} placeholder='出发车站或机场' maxLength={20} onChange={(from: string) => onChange({ from })} />
      {err('trip.from')}
      <Text className='form-label trip-form__label'>到达站</Text>
      <Input className='form-input trip-form__input trip-form__to' value={value.to} placeholder='如：南京南、上海虹桥' maxLength={20} onChange={(to: string) => onChange({ to })} />
      {err('trip.to')}
      <Text className='form-label trip-form__label'>车次或时间偏好（可不填）</Text>
      <Input className='form-input trip-form__input trip-form__pref' value={value.preference} placeholder='如：上午出发、高铁二等座、靠窗' maxLength={100} onChange={(preference: string) => onChange({ preference })} />
      {err('trip.preference')}
      <Text className='form-label trip-form__label'>乘车人</Text>
      <Text className='muted trip-form__privacy'>身份证号仅用于购票，加密保存，出行后自动删除。</Text>
      {companions.length ? (
        <View className='trip-form__companions'>
          <Text className='muted'>从常用乘车人选择：</Text>
          <Chips
            label='从常用乘车人选择'
            columns={3}
            options={companions.map((c) => ({ value: c.name, label: c.name, disabled: names.includes(c.name) || (value.passengers.length >= MAX_PASSENGERS && !value.passengers.some((p) => p.name.trim() === '')) }))}
            value={companions.map((c) => c.name).filter((n) => names.includes(n))}
            onChange={pick}
          />
        </View>
      ) : null}
      {value.passengers.map((p, i) => (
        <View key={i} className='trip-form__passenger'>
          <View className='trip-form__passenger-head'>
            <Text>乘车人 {i + 1}</Text>
            {value.passengers.length > 1 ? (
              <View className='trip-form__remove' {...control('button', () => onChange({ passengers: value.passengers.filter((_, j) => j !== i) }))}>
                <Text>删除</Text>
              </View>
            ) : null}
          </View>
          <Input className='form-input trip-form__input trip-form__pname' value={p.name} placeholder='姓名' maxLength={20} onChange={(name: string) => setPassenger(i, { name })} />
          {err(`trip.passengers.${i}.name`)}
          <Input className='form-input trip-form__input trip-form__pid' type='idcard' value={p.idCard} placeholder='18位身份证号' maxLength={18} onChange={(idCard: string) => setPassenger(i, { idCard })} />
          {err(`trip.passengers.${i}.idCard`)}
        </View>
      ))}
      {err('trip.passengers')}
      {value.passengers.length < MAX_PASSENGERS ? (
        <Button fill='outline' size='small' onClick={() => onChange({ passengers: [...value.passengers, { name: '', idCard: '' }] })}>
          添加乘车人
        </Button>
      ) : null}
      <CheckRow className='trip-form__consent' checked={value.idCardConsent} onChange={(idCardConsent) => onChange({ idCardConsent })}>
        我同意社区工作人员使用以上乘车人的姓名和身份证号为其购票，并已征得乘车人本人同意
      </CheckRow>
      {err('trip.idCardConsent')}
    </View>
  )
}
