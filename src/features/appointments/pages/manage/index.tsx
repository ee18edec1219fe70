import Taro, { useDidShow } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { localDay, startOfLocalDay } from '@common/time'
import { appointmentsActions, type ServiceAdminOut } from '@server/features/appointments/actions'
import { control } from '@/core/ui/a11y'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { PAGE, linkTo } from '@/core/routes'
import { isAdmin, useSession } from '@/core/session'
import { Chips } from '@/core/ui/Chips'
import { FieldError } from '@/core/ui/FieldError'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async, Empty } from '@/core/ui/StateView'
import { DayStrip } from '@/core/ui/DayStrip'
import { WEEKDAYS } from '../../labels'
import { useAppointments } from '../../store'
import './index.scss'

/** 预约设置: the services and their weekly plans, closures (holidays, a window shut for a day), and the rules. */
export default function ManagePage() {
  const version = useAppointments((s) => s.version)
  const services = useQuery(() => call('appointments', 'manage', {}), [version])
  useDidShow(() => void services.reload())
  return (
    <Page className='appt-manage'>
      <SignedIn>
        {() => (
          <View>
            <Text className='section-title'>服务项目</Text>
            <Async q={services} isEmpty={(l) => l.length === 0} empty={<Empty title='还没有服务项目' />}>
              {(list) => (
                <View>
                  {list.map((s) => (
                    <ServiceRow key={s.id} s={s} />
                  ))}
                </View>
              )}
            </Async>
            <View className='actions'>
              <Button type='primary' fill='outline' size='large' block onClick={() => void Taro.navigateTo({ url: PAGE.apptEdit })}>
                新增服务项目
              </Button>
            </View>
            <Closures services={services.data ?? []} />
            <RulesCard />
          </View>
        )}
      </SignedIn>
    </Page>
  )
}

function hoursText(s: ServiceAdminOut): string {
  const byDay = WEEKDAYS.map((w, i) => ({ w, ranges: s.hours.filter((h) => h.weekday === i + 1).map((h) => `${h.starts}-${h.ends}`) })).filter((d) => d.ranges.length)
  return byDay.length ? byDay.map((d) => `${d.w} ${d.ranges.join('、')}`).join('；') : '未设置开放时间'
}

function ServiceRow({ s }: { s: ServiceAdminOut }) {
  return (
    <View className={`card appt-manage__service ${s.active ? '' : 'appt-manage__service--off'}`} {...control('link', () => void Taro.navigateTo({ url: linkTo('apptEdit', { id: s.id }) }))}>
      <View className='appt-manage__row'>
        <Text className='appt-manage__name'>{s.name}</Text>
        <Text className='muted'>{s.active ? `每段${s.durationMinutes}分钟 · ${s.places}个名额` : '已停办'}</Text>
      </View>
      <Text className='muted'>{hoursText(s)}</Text>
    </View>
  )
}

function Closures({ services }: { services: ServiceAdminOut[] }) {
  const version = useAppointments((s) => s.version)
  const list = useQuery(() => call('appointments', 'closures', {}), [version], { pullToRefresh: false })
  const now = useMemo(() => new Date(), [])
  const today = startOfLocalDay(localDay(now))!.getTime()
  const days = Array.from({ length: 60 }, (_, i) => ({ day: localDay(today + i * 86_400_000), closed: false, closedReason: null, left: 0 }))
  const [serviceId, setServiceId] = useState<number>(0)
  const [day, setDay] = useState<string | null>(null)
  const [starts, setStarts] = useState('')
  const [ends, setEnds] = useState('')
  const [reason, setReason] = useState('')
  const form = useMutation({ invalidate: [useAppointments] })
  const removal = useMutation({ invalidate: [useAppointments] })

  const add = async () => {
    const raw = { serviceId: serviceId || undefined, day: day ?? undefined, starts: starts || undefined, ends: ends || undefined, reason }
    const r = await form.send(appointmentsActions, 'addClosure', raw, {
      success: (c) => (c.displaced ? { title: `已停办，${c.displaced}个预约受影响，已通知居民`, icon: 'none' } : '已添加停办安排'),
    })
    if (!r) return
    setReason('')
    setStarts('')
    setEnds('')
  }

  const remove = (id: number) =>
    removal.send(appointmentsActions, 'removeClosure', { id }, { success: (r) => (r.displaced ? `已恢复开放，仍有${r.displaced}个预约需处理` : '已恢复开放') })

  return (
    <View>
      <Text className='section-title'>停办安排</Text>
      <Async q={list} isEmpty={(l) => l.length === 0} empty={<Empty title='近期没有停办安排' />}>
        {(items) => (
          <View className='card'>
            {items.map((c) => (
              <View key={c.id} className='appt-manage__closure'>
                <View className='appt-manage__closure-text'>
                  <Text>
                    {c.day} {c.starts ? `${c.starts}-${c.ends}` : '全天'} · {c.serviceName ?? '全部服务'}
                  </Text>
                  <Text className='muted'>{c.reason}</Text>
                </View>
                <Button size='small' onClick={() => void remove(c.id)}>
                  撤销
                </Button>
              </View>
            ))}
          </View>
        )}
      </Async>
      <View className='card appt-manage__add'>
        <Text className='appt-manage__label'>添加停办</Text>
        <Chips label='停办的服务' columns={2} options={[{ value: 0, label: '全部服务' }, ...services.map((s) => ({ value: s.id, label: s.name }))]} value={serviceId} onChange={setServiceId} />
        <Text className='appt-manage__label'>日期</Text>
        <DayStrip days={days} value={day} onChange={(d) => { setDay(d); form.clear('day') }} now={now} label='停办日期' idPrefix='closure' noteOf={() => '选择'} />
        <FieldError error={form.errors.day} />
        <Text className='appt-manage__label'>时间（不填为全天）</Text>
        <View className='appt-manage__times'>
          <Input className='form-input appt-manage__input' value={starts} placeholder='开始 09:00' maxLength={5} onChange={(v: string) => setStarts(v.trim())} />
          <Input className='form-input appt-manage__input' value={ends} placeholder='结束 12:00' maxLength={5} onChange={(v: string) => setEnds(v.trim())} />
        </View>
        <FieldError error={form.errors.starts ?? form.errors.ends} />
        <Input className='form-input appt-manage__input appt-manage__reason' value={reason} placeholder='停办原因（居民可见）' maxLength={50} onChange={(v: string) => setReason(v)} />
        <FieldError error={form.errors.reason} />
        <Button type='primary' block loading={form.busy} onClick={() => void add()}>
          添加停办
        </Button>
      </View>
    </View>
  )
}

const RULE_FIELDS = [
  ['noShowLimit', '爽约次数上限', '次'],
  ['noShowWindowDays', '统计最近', '天'],
  ['noShowBlockDays', '达到上限后暂停预约', '天'],
  ['idPurgeDays', '出行后身份证号保留', '天'],
] as const

function RulesCard() {
  const me = useSession((s) => s.me)
  const admin = isAdmin(me)
  const rules = useQuery(() => call('appointments', 'rules', {}), [])
  const [edit, setEdit] = useState<Record<string, string> | null>(null)
  const form = useMutation()
  const save = async () => {
    const raw = Object.fromEntries(Object.entries(edit ?? {}).map(([k, v]) => [k, v === '' ? undefined : Number(v)]))
    const r = await form.send(appointmentsActions, 'setRules', raw, { success: '已保存' })
    if (r) {
      setEdit(null)
      void rules.reload()
    }
  }
  return (
    <View>
      <Text className='section-title'>预约规则</Text>
      <Async q={rules}>
        {(r) => (
          <View className='card'>
            {RULE_FIELDS.map(([k, label, unit]) => (
              <View key={k} className='appt-manage__rule'>
                <Text>{label}</Text>
                {edit ? (
                  <Input className='appt-manage__rule-input' type='number' value={edit[k]} maxLength={3} onChange={(v: string) => setEdit({ ...edit, [k]: v })} />
                ) : (
                  <Text>
                    {r[k]} {unit}
                  </Text>
                )}
              </View>
            ))}
            {Object.entries(form.errors).map(([k, m]) => (
              <FieldError key={k} error={m} />
            ))}
            {admin ? (
              edit ? (
                <Button type='primary' block loading={form.busy} onClick={() => void save()}>
                  保存规则
                </Button>
              ) : (
                <Button block fill='outline' onClick={() => setEdit(Object.fromEntries(RULE_FIELDS.map(([k]) => [k, String(r[k])])))}>
                  修改规则
                </Button>
              )
            ) : (
              <Text className='muted'>规则由社区管理员设置</Text>
            )}
          </View>
        )}
      </Async>
    </View>
  )
}
