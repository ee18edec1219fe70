import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { local, localDay } from '@common/time'
import { volunteerActions, type HoursOut, type TeamRef } from '@server/features/volunteer/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { saveSheet } from '@/core/sheet-file'
import { readClock, readDate } from '@/core/time-input'
import { FieldError } from '@/core/ui/FieldError'
import { Async } from '@/core/ui/StateView'
import { HoursCard } from '../HoursCard'
import { hoursOf } from '../../labels'
import { useVolunteer } from '../../store'
import './lead.scss'

/** The team's hours over a period (this year by default): each member's total, every record, corrections, the sheet. */
export function Hours({ team }: { team: TeamRef }) {
  const version = useVolunteer((s) => s.version)
  const today = localDay(new Date())
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`)
  const [to, setTo] = useState(today)
  const [period, setPeriod] = useState({ from, to })
  const q = useQuery(() => call('volunteer', 'teamHours', { teamId: team.id, period }), [team.id, version, period.from, period.to])
  const m = useMutation()
  const apply = () => {
    const p = { from: readDate(from, today) ?? from, to: readDate(to, today) ?? to }
    void m.submit(volunteerActions.actions.teamHours.input, { teamId: team.id, period: p }, async () => setPeriod(p), { key: 'period' })
  }
  const exportSheet = () => m.run(async () => saveSheet(await call('volunteer', 'exportHours', { teamId: team.id, period })), { key: 'export' })
  return (
    <View>
      <View className='card'>
        <View className='lead-item__row'>
          <View>
            <Text className='form-label'>开始日期</Text>
            <Input className='form-input hours-from' value={from} maxLength={12} onChange={(v: string) => (setFrom(v), m.clear())} />
          </View>
          <View>
            <Text className='form-label'>结束日期</Text>
            <Input className='form-input hours-to' value={to} maxLength={12} onChange={(v: string) => (setTo(v), m.clear())} />
          </View>
        </View>
        <FieldError error={m.errors['period.from'] ?? m.errors['period.to'] ?? m.errors.period} />
        <View className='button-row'>
          <Button fill='outline' loading={m.pending === 'period'} onClick={apply}>
            查询
          </Button>
          <Button type='primary' loading={m.pending === 'export'} onClick={() => void exportSheet()}>
            导出Excel
          </Button>
        </View>
      </View>
      <Async q={q}>
        {(d) => (
          <View>
            <Text className='section-title'>
              {`${d.from}至${d.to} · 共${hoursOf(d.members.reduce((n, x) => n + x.minutes, 0))}小时`}
            </Text>
            {d.members.length ? (
              <View className='card lead-sums'>
                {d.members.map((x) => (
                  <Text key={`${x.userId}-${x.team}`}>
                    {`${x.name} ${hoursOf(x.minutes)}小时（${x.records}次）`}
                  </Text>
                ))}
              </View>
            ) : (
              <Text className='muted lead-none'>这段时间还没有服务记录</Text>
            )}
            {d.records.map((h) => (
              <HoursCard key={h.id} h={h} showName>
                {h.can.correct ? <Correct h={h} /> : null}
              </HoursCard>
            ))}
          </View>
        )}
      </Async>
    </View>
  )
}

const day = (iso: string) => local(iso).format('YYYY-MM-DD')
const time = (iso: string) => local(iso).format('HH:mm')

/** A leader corrects a record: new times and a reason; the original stays beside it. */
function Correct({ h }: { h: HoursOut }) {
  const [open, setOpen] = useState(false)
  const [f, setF] = useState({ inDate: day(h.checkedInAt), inTime: time(h.checkedInAt), outDate: day(h.checkedOutAt ?? h.shift.endsAt), outTime: time(h.checkedOutAt ?? h.shift.endsAt), reason: '' })
  const m = useMutation({ invalidate: [useVolunteer] })
  const set = (patch: Partial<typeof f>) => (setF((x) => ({ ...x, ...patch })), m.clear())
  const today = localDay(new Date())
  const save = async () => {
    const input = {
      hoursId: h.id,
      checkedIn: { date: readDate(f.inDate, today) ?? f.inDate, time: readClock(f.inTime) ?? f.inTime },
      checkedOut: { date: readDate(f.outDate, today) ?? f.outDate, time: readClock(f.outTime) ?? f.outTime },
      reason: f.reason,
    }
    if (await m.send(volunteerActions, 'correct', input, { key: 'fix', success: '已更正，原记录保留' })) setOpen(false)
  }
  if (!open) {
    return (
      <View className='button-row'>
        <Button fill='outline' onClick={() => setOpen(true)}>
          更正时长
        </Button>
      </View>
    )
  }
  const field = (key: keyof typeof f, label: string, cls: string, max = 12) => (
    <View>
      <Text className='form-label'>{label}</Text>
      <Input className={`form-input ${cls}`} value={f[key]} maxLength={max} onChange={(v: string) => set({ [key]: v })} />
    </View>
  )
  return (
    <View>
      <View className='lead-item__row'>
        {field('inDate', '签到日期', 'fix-in-date')}
        {field('inTime', '签到时间', 'fix-in-time', 6)}
      </View>
      <FieldError error={m.errors['checkedIn.date'] ?? m.errors['checkedIn.time']} />
      <View className='lead-item__row'>
        {field('outDate', '签退日期', 'fix-out-date')}
        {field('outTime', '签退时间', 'fix-out-time', 6)}
      </View>
      <FieldError error={m.errors['checkedOut.date'] ?? m.errors['checkedOut.time']} />
      {field('reason', '更正原因（志愿者能看到）', 'fix-reason', 60)}
      <FieldError error={m.errors.reason} />
      <View className='button-row'>
        <Button fill='outline' onClick={() => setOpen(false)}>
          返回
        </Button>
        <Button type='primary' loading={m.pending === 'fix'} onClick={() => void save()}>
          保存更正
        </Button>
      </View>
    </View>
  )
}
