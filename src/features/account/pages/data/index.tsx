import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Cell, CellGroup, Input } from '@nutui/nutui-react-taro'
import { formatDateTime } from '@common/time'
import { DELETE_CONFIRMATION, accountActions } from '@server/features/account/actions'
import { call } from '@/core/api'
import { useMutation } from '@/core/mutation'
import { PAGE, TAB } from '@/core/routes'
import { useSession } from '@/core/session'
import { SignedIn } from '@/core/ui/Gate'
import { Page } from '@/core/ui/Page'
import { scrollRegion } from '@/core/ui/a11y'
import './index.scss'

/** PIPL rights in one place: see and take away everything held about me, or delete my account. */
export default function MyDataPage() {
  const [exported, setExported] = useState<string | null>(null)
  const [confirmText, setConfirmText] = useState('')
  const [deleting, setDeleting] = useState(false)
  const m = useMutation()
  const busy = m.pending

  const doExport = async () => {
    const data = await m.run(() => call('account', 'exportData', {}), { key: 'export' })
    if (data === undefined) return
    const json = JSON.stringify(data, null, 2)
    setExported(json)
    if (process.env.TARO_ENV === 'h5') downloadJson(json)
  }

  const confirmDeletion = async () => {
    const { confirm } = await Taro.showModal({
      title: '确认注销账号？',
      content: '注销后您的姓名、手机号和住址将被删除，且无法恢复。',
      confirmText: '注销',
      confirmColor: '#c62f3b',
    })
    return confirm
  }

  const signOutEverywhere = async () => {
    const { confirm } = await Taro.showModal({ title: '退出所有设备', content: '您在所有手机和电脑上的登录都将退出，需要时重新登录即可。', confirmText: '全部退出' })
    if (!confirm) return
    await useSession.getState().signOut(true).catch(() => undefined)
    void Taro.reLaunch({ url: TAB.home })
  }

  // The typed words are checked by the action's own schema before the last question.
  const doDelete = async () => {
    const { input } = accountActions.actions.deleteAccount
    const done = await m.submit(input, { confirm: confirmText.trim() }, (d) => call('account', 'deleteAccount', d), { key: 'delete', confirm: confirmDeletion })
    // The answer is null; undefined means refused.
    if (done === undefined) return
    useSession.getState().forgetPerson()
    await Taro.showToast({ title: '账号已注销', icon: 'success' })
    void Taro.reLaunch({ url: TAB.home })
  }

  return (
    <Page className='my-data'>
      <SignedIn>
        {(me) => (
          <View>
            <CellGroup title='隐私'>
              <Cell title='隐私保护指引' description={`您于 ${me.consent.acceptedAt ? formatDateTime(me.consent.acceptedAt) : '—'} 同意了 ${me.consent.accepted ?? ''} 版`} clickable onClick={() => void Taro.navigateTo({ url: PAGE.privacyNotice })} />
              <Cell title='退出所有设备' description='在其他手机、电脑上的登录一并退出' clickable onClick={() => void signOutEverywhere()} />
            </CellGroup>
            <View className='card'>
              <Text className='my-data__title'>导出我的数据</Text>
              <Text className='muted'>社区保存的关于您的全部信息，生成一份 JSON 文件。</Text>
              <Button className='my-data__export' type='primary' fill='outline' block loading={busy === 'export'} onClick={() => void doExport()}>
                导出我的数据
              </Button>
              {exported ? (
                <View className='my-data__json'>
                  <Text className='muted'>{process.env.TARO_ENV === 'h5' ? '已下载文件，内容如下：' : '内容如下，可长按复制：'}</Text>
                  <Text className='my-data__pre' userSelect {...scrollRegion('导出的数据')}>
                    {exported}
                  </Text>
                  {process.env.TARO_ENV !== 'h5' ? (
                    <Button size='small' onClick={() => void Taro.setClipboardData({ data: exported })}>
                      复制全部
                    </Button>
                  ) : null}
                </View>
              ) : null}
            </View>
            <View className='card my-data__danger'>
              <Text className='my-data__title'>注销账号</Text>
              <Text className='muted'>注销后将删除您的姓名、手机号和住址，已办理的业务记录将不再与您关联。此操作无法撤销。</Text>
              {deleting ? (
                <View>
                  <Text className='my-data__label'>请输入“{DELETE_CONFIRMATION}”</Text>
                  <Input className='my-data__confirm' value={confirmText} placeholder={DELETE_CONFIRMATION} onChange={(v: string) => setConfirmText(v)} />
                  <Button type='danger' block loading={busy === 'delete'} onClick={() => void doDelete()}>
                    注销我的账号
                  </Button>
                </View>
              ) : (
                <Button type='danger' fill='outline' block onClick={() => setDeleting(true)}>
                  我要注销账号
                </Button>
              )}
            </View>
          </View>
        )}
      </SignedIn>
    </Page>
  )
}

function downloadJson(json: string) {
  const blob = new Blob([json], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = '我的数据-管道社区.json'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
