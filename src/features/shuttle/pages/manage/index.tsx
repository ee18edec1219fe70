import { useState } from 'react'
import { View } from '@tarojs/components'
import type { RouteAdminOut } from '@server/features/shuttle/actions'
import { call } from '@/core/api'
import { useQuery } from '@/core/hooks'
import { Chips } from '@/core/ui/Chips'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { ExtraRun } from '../../components/manage/ExtraRun'
import { Patterns } from '../../components/manage/Patterns'
import { RouteForm } from '../../components/manage/RouteForm'
import { SettingsForm } from '../../components/manage/SettingsForm'
import '../../components/departure-card.scss'
import '../../components/manage/manage.scss'

type Tab = 'patterns' | 'route' | 'extra' | 'settings'
const TABS: { value: Tab; label: string }[] = [
  { value: 'patterns', label: '每周班次' },
  { value: 'extra', label: '加开班次' },
  { value: 'route', label: '站点与预约' },
  { value: 'settings', label: '乘车规则' },
]

/** Staff keep the timetable: weekly departures, one-off runs, stops and booking rules, 赶火车 and no-show settings. */
export default function ShuttleManagePage() {
  const q = useQuery(async () => {
    const [routes, drivers, settings] = await Promise.all([call('shuttle', 'routes', {}), call('shuttle', 'drivers', {}), call('shuttle', 'settings', {})])
    return { routes, drivers, settings }
  }, [])
  return (
    <Page className='shuttle-manage'>
      <SignedIn>{() => <Async q={q}>{(d) => <Manage routes={d.routes} drivers={d.drivers} settings={d.settings} />}</Async>}</SignedIn>
    </Page>
  )
}

function Manage({ routes: initial, drivers, settings }: { routes: RouteAdminOut[]; drivers: { id: number; name: string }[]; settings: Parameters<typeof SettingsForm>[0]['initial'] }) {
  const [routes, setRoutes] = useState(initial)
  const [routeId, setRouteId] = useState(initial[0]?.id ?? 0)
  const [tab, setTab] = useState<Tab>('patterns')
  const route = routes.find((r) => r.id === routeId)
  return (
    <View>
      <View className='shuttle-manage__tabs'>
        <Chips label='页面' columns={4} options={TABS} value={tab} onChange={setTab} />
        {tab !== 'settings' ? <Chips label='线路' columns={2} options={routes.map((r) => ({ value: r.id, label: r.name }))} value={routeId} onChange={setRouteId} /> : null}
      </View>
      {route && tab === 'patterns' ? <Patterns key={route.id} route={route} drivers={drivers} onSaved={setRoutes} /> : null}
      {route && tab === 'route' ? <RouteForm key={route.id} route={route} onSaved={setRoutes} /> : null}
      {route && tab === 'extra' ? <ExtraRun key={route.id} route={route} drivers={drivers} /> : null}
      {tab === 'settings' ? <SettingsForm initial={settings} /> : null}
    </View>
  )
}
