// Asking WeChat to allow the messages a tap is about. WeChat shows its prompt only when
// wx.requestSubscribeMessage runs inside the tap, before any await, for at most three templates; each
// template the person accepts allows one message, which the server counts (messages.subscribed). So the
// templates come from the store, loaded beforehand, and the prompt is the first thing the handler does.
// H5 has no such prompt: it stands in with a sheet that asks the same and answers in WeChat's shape.
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import type { NoticeKind as Kind, SUBSCRIBE_ANSWERS } from '@server/features/messages/actions'
import { call } from '@/core/api'
import { hasConsented, useSession } from '@/core/session'
import { useMessages } from './store'
import './subscribe-prompt.scss'

type Answer = (typeof SUBSCRIBE_ANSWERS)[number]

/** WeChat allows three templates a prompt. */
export const MAX_PER_PROMPT = 3

/** Which templates to ask for: kinds the person has not turned off and this server has templates for. */
export function templatesFor(kinds: readonly Kind[], channels: ReturnType<typeof useMessages.getState>['channels']) {
  return (channels ?? []).filter((c) => kinds.includes(c.kind) && c.allowed && c.templateId).slice(0, MAX_PER_PROMPT)
}

function prompt(tmplIds: string[], labels: string[]): Promise<Record<string, Answer>> {
  if (process.env.TARO_ENV === 'weapp') {
    return new Promise((resolve, reject) => {
      void Promise.resolve(
        Taro.requestSubscribeMessage({
        tmplIds,
          success: (res) => resolve(Object.fromEntries(tmplIds.map((id) => [id, ((res as unknown as Record<string, string>)[id] ?? 'reject') as Answer]))),
          fail: reject,
        } as Parameters<typeof Taro.requestSubscribeMessage>[0]),
      ).catch(() => undefined)
    })
  }
  return h5Prompt(labels).then((allowed) => Object.fromEntries(tmplIds.map((id) => [id, allowed ? 'accept' : 'reject'])))
}

/**
 * H5's stand-in for WeChat's sheet: on top of everything until answered, across the page change that follows a
 * booking (Taro's own modal closes with its page, WeChat's sheet does not).
 */
function h5Prompt(labels: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const el = document.createElement('div')
    el.className = 'subscribe-prompt'
    el.setAttribute('role', 'dialog')
    el.setAttribute('aria-modal', 'true')
    el.setAttribute('aria-label', '接收微信消息提醒')
    el.innerHTML = [
      '<div class="subscribe-prompt__mask"></div>',
      '<div class="subscribe-prompt__sheet">',
      '<div class="subscribe-prompt__title">接收微信消息提醒</div>',
      '<div class="subscribe-prompt__text">「红石榴 · 管道社区服务」申请向您发送以下消息：</div>',
      ...labels.map((l) => `<div class="subscribe-prompt__item">${l.replace(/[<>&]/g, '')}</div>`),
      '<div class="subscribe-prompt__foot">',
      '<button type="button" class="subscribe-prompt__btn subscribe-prompt__btn--no">拒绝</button>',
      '<button type="button" class="subscribe-prompt__btn subscribe-prompt__btn--yes">允许</button>',
      '</div></div>',
    ].join('')
    const answer = (allowed: boolean) => () => {
      el.remove()
      resolve(allowed)
    }
    el.querySelector('.subscribe-prompt__btn--no')!.addEventListener('click', answer(false))
    el.querySelector('.subscribe-prompt__btn--yes')!.addEventListener('click', answer(true))
    document.body.appendChild(el)
  })
}

/**
 * Call first thing in the tap handler of a submit, booking or sign-up. It never waits and never fails the tap:
 * the answer is told to the server in the background, and without templates it does nothing (消息中心 works
 * regardless).
 */
export function askFor(kinds: readonly Kind[]): void {
  const { channels } = useMessages.getState()
  if (!channels) {
    // Not loaded yet (a tap right after opening): ask next time.
    const me = useSession.getState().me
    if (me && hasConsented(me)) void useMessages.getState().loadChannels().catch(() => undefined)
    return
  }
  const wanted = templatesFor(kinds, channels)
  if (!wanted.length) return
  void prompt(
    wanted.map((c) => c.templateId!),
    wanted.map((c) => c.label),
  )
    .then((results) => call('messages', 'subscribed', { results }))
    .then((r) => useMessages.getState().setChannels(r.channels))
    .catch(() => undefined)
}

/**
 * Loads what askFor needs when a page with such a tap opens for someone signed in who has accepted the notice, if
 * it is not loaded yet (a shared link, say). Nobody else is asked, and nothing is loaded for them.
 */
export function usePromptReady(): void {
  const me = useSession((s) => (s.me && hasConsented(s.me) ? s.me.id : null))
  useEffect(() => {
    if (me && !useMessages.getState().channels) void useMessages.getState().loadChannels().catch(() => undefined)
  }, [me])
}
