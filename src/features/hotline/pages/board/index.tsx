import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { local, type dayjs } from '@common/time'
import type { BoardRow } from '@server/features/hotline/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { Chips } from '@/core/ui/Chips'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import './index.scss'

type Range = 'days30' | 'month' | 'lastMonth' | 'quarter'

/**
 * Beijing-time day ranges for the presets; the server counts by Beijing days too. The board opens on the last 30
 * days: a rolling window reads the same on any day, where 本月 is nearly empty on the first days of a month.
 */
function rangeOf(r: Range, now = new Date()): { from: string; to: string; label: string } {
  const today = local(now)
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD')
  switch (r) {
    case 'days30':
      return { from: fmt(today.subtract(29, 'day')), to: fmt(today), label: '近30天' }
    case 'month':
      return { from: fmt(today.startOf('month')), to: fmt(today), label: '本月' }
    case 'lastMonth': {
      const last = today.subtract(1, 'month')
      return { from: fmt(last.startOf('month')), to: fmt(last.endOf('month')), label: '上月' }
    }
    default:
      return { from: fmt(today.subtract(89, 'day')), to: fmt(today), label: '近90天' }
  }
}

const minutes = (m: number | null) => (m === null ? '—' : m < 60 ? `${Math.round(m)}分钟` : `${Math.floor(m / 60)}小时${Math.round(m % 60)}分`)
const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
const stars = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}★`)

const METRICS: { label: string; value(r: BoardRow): string; extra?(r: BoardRow): string | null }[] = [
  { label: '诉求', value: (r) => String(r.requests) },
  { label: '首次响应', value: (r) => minutes(r.medianFirstResponseMinutes) },
  { label: '办结率', value: (r) => percent(r.resolvedShare) },
  { label: '重开率', value: (r) => percent(r.reopenRate) },
  { label: '评分', value: (r) => stars(r.averageStars), extra: (r) => (r.ratings ? `（${r.ratings}）` : null) },
]

/**
 * One row per grid or worker. In the standard version the rows line up under one head as a table; in 长辈版 six
 * columns cannot hold 18 px text on a phone, so each row becomes a card whose values carry their own labels
 * (the labels are in every row for that reason, and so a screen reader hears what each figure is).
 */
function Table({ rows, title }: { rows: BoardRow[]; title: string }) {
  if (rows.length === 0) return <Empty title={`${title}暂无诉求`} />
  return (
    <View className='board__table'>
      <View className='board__row board__row--head'>
        <Text className='board__name'>{title}</Text>
        {METRICS.map((m) => (
          <Text key={m.label} className='board__cell'>
            {m.label}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.key} className='board__row'>
          <Text className='board__name'>{r.name}</Text>
          {METRICS.map((m) => {
            const extra = m.extra?.(r)
            return (
              <View key={m.label} className='board__cell'>
                <Text className='board__label'>{m.label}</Text>
                <Text className='board__value'>
                  {m.value(r)}
                  {extra ? <Text className='board__n'>{extra}</Text> : null}
                </Text>
              </View>
            )
          })}
        </View>
      ))}
    </View>
  )
}

/** 全面服务定星: how each grid and each grid worker answers, for a chosen period. */
export default function BoardPage() {
  const [range, setRange] = useState<Range>('days30')
  const { from, to, label } = rangeOf(range)
  const q = useQuery(() => call('hotline', 'board', { from, to }), [from, to])
  return (
    <Page className='board'>
      <SignedIn>
        {() => (
          <View>
            <View className='board__ranges'>
              <Chips
                label='统计期间'
                columns={4}
                options={[
                  { value: 'days30', label: '近30天' },
                  { value: 'month', label: '本月' },
                  { value: 'lastMonth', label: '上月' },
                  { value: 'quarter', label: '近90天' },
                ]}
                value={range}
                onChange={(v) => setRange(v as Range)}
              />
              <Text className='muted board__period'>
                {label}：{from} 至 {to}（北京时间）· 首次响应取中位数
              </Text>
            </View>
            <Async q={q}>
              {(b) => (
                <View>
                  <Text className='section-title'>各网格</Text>
                  <Table rows={b.grids} title='网格' />
                  <Text className='section-title'>网格员</Text>
                  <Table rows={b.workers} title='网格员' />
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
