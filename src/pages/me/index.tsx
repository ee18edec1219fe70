import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup, Switch } from '@nutui/nutui-react-taro'
import { maskPhone } from '@common/mask'
import { call, messageOf } from '@/core/api'
import { toast, useQuery } from '@/core/hooks'
import { PAGE, TAB, linkTo } from '@/core/routes'
import { isAdmin, isStaff, useSession } from '@/core/session'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { useMessages } from '@/features/messages/store'
import { ROLE_LABELS } from '@/features/people/roles'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

export default function MePage() {
  const elder = useSession((s) => s.elderMode)
  const demo = useSession((s) => s.community?.demoSignIn ?? false)
  const unread = useMessages((s) => s.unread)
  const me = useSession((s) => s.me)
  const answers = !!me && (me.roles.includes('grid_worker') || isStaff(me))
  const inbox = useQuery(() => call('hotline', 'inbox', { view: 'open', pageSize: 1 }), [me?.id], { enabled: answers, pullToRefresh: false })
  const counts = inbox.data?.counts
  const countText = counts ? `待受理 ${counts.new} · 处理中 ${counts.inProgress}${counts.overdue ? ` · 超时 ${counts.overdue}` : ''}` : ''
  useDidShow(() => {
    if (!useSession.getState().me) return
    void useMessages.getState().refresh().catch(() => undefined)
    if (answers) void inbox.reload()
  })

  const toggleElder = (on: boolean) => {
    useSession
      .getState()
      .setElderMode(on)
      .then(() => toast(on ? '已切换为长辈版' : '已切换为标准版', 'success'))
      .catch((err) => toast(messageOf(err)))
  }

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
                <Text className='me__line'>
                  {me.household ? `${me.household.buildingName} ${me.household.unit}单元 ${me.household.room}室 · ${me.household.gridName}` : '尚未登记住户信息'}
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

            <CellGroup title='我的服务'>
              <Cell title='消息中心' description='诉求回复与办理进度' extra={unread > 0 ? <Text className='me__badge'>{unread}</Text> : undefined} clickable onClick={go(PAGE.messages)} />
              {me.roles.includes('resident') ? <Cell title='我的诉求' description='服务热线的诉求和办理进度' clickable onClick={go(PAGE.hotlineMine)} /> : null}
              {me.roles.includes('resident') ? <Cell title='我的预约' description='办事预约的预约码、改约和取消' clickable onClick={go(PAGE.apptMine)} /> : null}
            </CellGroup>

            <CellGroup title='我的信息'>
              {me.household ? (
                <Cell title='编辑个人资料' description='姓名、手机号、楼栋房号' clickable onClick={go(PAGE.profile)} />
              ) : (
                <Cell title='登记住户信息' description='登记后可查看网格、办理社区服务' clickable onClick={go(PAGE.register)} />
              )}
              <Cell
                title='长辈版'
                description='字和按钮更大，看得清、点得准'
                extra={<Switch checked={elder} onChange={(v: boolean) => toggleElder(v)} aria-label='长辈版' />}
              />
              <Cell title='我的数据与隐私' description='导出我的数据、注销账号、隐私保护指引' clickable onClick={go(PAGE.myData)} />
            </CellGroup>

            {isStaff(me) ? (
              <CellGroup title='社区工作台'>
                <Cell title='人员与角色' description={isAdmin(me) ? '查找居民，设置网格员、志愿者、工作人员' : '查找居民与工作人员'} clickable onClick={go(PAGE.people)} />
                <Cell title='诉求队列' description={counts ? `已上报 ${counts.escalated} · ${countText}` : '各网格诉求、上报社区的诉求'} clickable onClick={go(PAGE.hotlineInbox)} />
                <Cell title='预约窗口' description='当天预约名单、扫码签到、办结与出票' clickable onClick={go(PAGE.apptDesk)} />
                <Cell title='预约设置' description='服务项目、开放时间、停办安排、爽约规则' clickable onClick={go(PAGE.apptManage)} />
                <Cell title='定星看板' description='各网格、网格员的响应、办结与评价' clickable onClick={go(PAGE.hotlineBoard)} />
                <Cell title='热线设置' description='诉求类别、服务时限、常用回复' clickable onClick={go(PAGE.hotlineSettings)} />
                <Cell title='公告管理' description='发布、撤回社区公告' clickable onClick={go(PAGE.manageAnnouncements)} />
              </CellGroup>
            ) : null}
            {me.roles.includes('grid_worker') ? (
              <CellGroup title='网格员工作台'>
                <Cell title='网格诉求处理' description={countText || '受理、回复、办结本网格居民的诉求'} clickable onClick={go(PAGE.hotlineInbox)} />
                <Cell title='代办预约' description='为本网格居民预约社区服务' clickable onClick={go(PAGE.apptProxy)} />
                {isStaff(me) ? null : <Cell title='常用回复' description='回复居民时一键选用' clickable onClick={go(PAGE.hotlineSettings)} />}
              </CellGroup>
            ) : null}
            {me.team ? (
              <CellGroup title='志愿服务'>
                <Cell title={me.team.name} description={me.team.leader ? '队长 · 服务班次即将开放' : '队员 · 服务班次即将开放'} clickable onClick={go(linkTo('comingSoon', { service: 'events' }))} />
              </CellGroup>
            ) : null}

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
