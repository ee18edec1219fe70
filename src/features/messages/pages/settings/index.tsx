// 我的 → 微信消息提醒: which kinds of notice may come as WeChat messages. Each one the person allowed in WeChat's
// prompt is one message; turned off here, that kind comes to 消息中心 only.
import { Text, View } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import { messageActions, type ChannelOut } from '@server/features/messages/actions'
import { useQuery } from '@/core/hooks'
import { useMutation } from '@/core/mutation'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { Async } from '@/core/ui/StateView'
import { Toggle } from '@/core/ui/Toggle'
import { useMessages } from '../../store'
import './index.scss'

function status(c: ChannelOut): string {
  if (!c.templateId) return '暂只在消息中心通知'
  if (!c.allowed) return '已关闭，只在消息中心通知'
  if (c.remaining > 0) return `可再收 ${c.remaining} 条微信提醒`
  return '办理时点「允许」即可收到'
}

function groups(channels: ChannelOut[]): [string, ChannelOut[]][] {
  const out: [string, ChannelOut[]][] = []
  for (const c of channels) {
    const g = out.find(([name]) => name === c.group)
    if (g) g[1].push(c)
    else out.push([c.group, [c]])
  }
  return out
}

export default function MessageSettingsPage() {
  const channels = useQuery(async () => {
    await useMessages.getState().loadChannels()
    return true
  }, [])
  const list = useMessages((s) => s.channels)
  const m = useMutation()
  const toggle = (c: ChannelOut, allowed: boolean) =>
    void m.send(messageActions, 'setAllowed', { kind: c.kind, allowed }, { key: c.kind, invalidate: [(r) => useMessages.getState().setChannels(r.channels)], success: allowed ? '已开启' : '已关闭' })

  return (
    <Page className='msg-settings'>
      <SignedIn>
        {() => (
          <View>
            <View className='card msg-settings__intro'>
              <Text className='msg-settings__lead'>办事预约、乘车、报名和提交诉求时，微信会问您是否接收提醒。</Text>
              <Text className='muted words'>每点一次「允许」，社区可以给您发一条微信提醒。不想收的可以在这里关掉，关掉后仍会在消息中心看到。</Text>
            </View>
            <Async q={channels}>
              {() => (
                <View>
                  {groups(list ?? []).map(([group, items]) => (
                    <CellGroup key={group} title={group}>
                      {items.map((c) => (
                        <Cell
                          key={c.kind}
                          className={`msg-settings__kind msg-settings__kind--${c.kind}`}
                          title={c.label}
                          description={
                            <View className='msg-settings__about'>
                              <Text className='msg-settings__hint'>{c.hint}</Text>
                              <Text className={`msg-settings__status ${c.allowed && c.remaining > 0 ? 'msg-settings__status--on' : ''}`}>{status(c)}</Text>
                            </View>
                          }
                          extra={<Toggle label={c.label} checked={c.allowed} disabled={!c.templateId || m.pending === c.kind} onChange={(on) => toggle(c, on)} />}
                        />
                      ))}
                    </CellGroup>
                  ))}
                </View>
              )}
            </Async>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}
