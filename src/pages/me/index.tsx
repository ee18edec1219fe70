import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import type { Me } from '@server/features/account/actions'
import { addressText } from '@common/address'
import { maskPhone } from '@common/mask'
import { ME_GROUPS, groupCells, loadCounts, viewOf, wantsCounts, type MeGroup } from '@/core/entries'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { PAGE, TAB } from '@/core/routes'
import { useSession } from '@/core/session'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { useMessages } from '@/features/messages/store'
import { ROLE_LABELS } from '@/features/people/roles'
import * as registry from '@/features/registry'
import './index.scss'
import { Toggle } from '@/core/ui/Toggle'

const FEATURES = Object.values(registry)
const CELLS = Object.fromEntries(ME_GROUPS.map((g) => [g.key, groupCells(FEATURES, g.key)])) as Record<MeGroup, ReturnType<typeof groupCells>>

const go = (url: string) => () => void Taro.navigateTo({ url })

/** Every declared badge, read each render; the list is fixed at build time, so the hooks run in the same order. */
function useBadges(): Record<string, number> {
  const badges: Record<string, number> = {}
  for (const group of ME_GROUPS) for (const cell of CELLS[group.key]) if (cell.useBadge) badges[cell.key] = cell.useBadge()
  return badges
}

/**
 * One group of feature cells. Every declared cell takes its slot, shown or not, as NutUI's CellGroup counts
 * its children to leave the divider off the last one.
 */
function FeatureGroup({ group, me, counts, badges }: { group: (typeof ME_GROUPS)[number]; me: Me; counts: Record<string, unknown> | undefined; badges: Record<string, number> }) {
  const cells = CELLS[group.key]
  if (!cells.some((c) => c.visible(me))) return null
  return (
    <CellGroup title={group.title}>
      {cells.map((cell) => {
        if (!cell.visible(me)) return null
        const v = viewOf(cell, me, counts)
        const badge = badges[cell.key] ?? 0
        return <Cell key={v.key} title={v.title} description={v.description} extra={badge > 0 ? <Text className='me__badge'>{badge}</Text> : undefined} clickable onClick={go(v.url)} />
      })}
    </CellGroup>
  )
}

export default function MePage() {
  const elder = useSession((s) => s.elderMode)
  const demo = useSession((s) => s.community?.demoSignIn ?? false)
  const badges = useBadges()
  const me = useSession((s) => s.me)
  const counted = wantsCounts(FEATURES, me)
  const counts = useQuery(() => (me ? loadCounts(FEATURES, me) : Promise.resolve({})), [me?.id], { enabled: counted, pullToRefresh: false })
  const elderMode = useMutation()
  useDidShow(() => {
    if (!useSession.getState().me) return
    void useMessages.getState().refresh().catch(() => undefined)
    if (counted) void counts.reload()
  })

  const toggleElder = (on: boolean) =>
    void elderMode.run(() => useSession.getState().setElderMode(on), { success: on ? '已切换为长辈版' : '已切换为标准版' })

  const signOut = async () => {
    await useSession.getState().signOut().catch(() => undefined)
    void Taro.reLaunch({ url: TAB.home })
  }

  return (
    <Page className='me'>
      <SignedIn>
        {(me) => (
          <View>
            <View className='me__header'>
              <View className='me__avatar'>{(me.name ?? '居').slice(0, 1)}</View>
              <View className='me__who'>
                <Text className='me__name'>{me.name ?? '未登记的居民'}</Text>
                <Text className='me__line'>{me.phone ? maskPhone(me.phone) : '尚未登记手机号'}</Text>
                <Text className='me__line words'>
                  {me.household ? `${addressText({ building: me.household.buildingName, ...me.household })} · ${me.household.gridName}` : '尚未登记住户信息'}
                </Text>
                <View className='me__roles'>
                  {me.roles.map((r) => (
                    <Text key={r} className='me__role'>
                      {ROLE_LABELS[r]}
                    </Text>
                  ))}
                </View>
              </View>
            </View>

            <FeatureGroup group={ME_GROUPS[0]} me={me} counts={counts.data} badges={badges} />

            <CellGroup title='我的信息'>
              {me.household ? (
                <Cell title='编辑个人资料' description='姓名、手机号、楼栋房号' clickable onClick={go(PAGE.profile)} />
              ) : (
                <Cell title='登记住户信息' description='登记后可查看网格、办理社区服务' clickable onClick={go(PAGE.register)} />
              )}
              <Cell
                title='长辈版'
                description='字和按钮更大，看得清、点得准'
                extra={<Toggle label='长辈版' checked={elder} onChange={toggleElder} />}
              />
              <Cell title='微信消息提醒' description='预约、乘车、活动等哪些通知发到微信' clickable onClick={go(PAGE.messageSettings)} />
              <Cell title='我的数据与隐私' description='导出我的数据、注销账号、隐私保护指引' clickable onClick={go(PAGE.myData)} />
            </CellGroup>

            {ME_GROUPS.slice(1).map((g) => (
              <FeatureGroup key={g.key} group={g} me={me} counts={counts.data} badges={badges} />
            ))}

            {demo ? (
              <CellGroup title='演示环境'>
                <Cell title='切换演示账号' clickable onClick={go(PAGE.login)} />
                <Cell title='退出登录' clickable onClick={() => void signOut()} />
              </CellGroup>
            ) : null}
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
