// Subscribe messages over WeChat's HTTPS API (/cgi-bin/message/subscribe/send), with the access token the server
// shares with its other WeChat calls (server/core/wechat/api.ts).
import { wechatApi, type WeChatApi, type WeChatApiOptions } from '../../../core/wechat/api'
import { outcomeOf, type Sender } from './sender'

export { TOKEN_MARGIN_MS } from '../../../core/wechat/api'

export function httpsSender(api: WeChatApi | WeChatApiOptions): Sender {
  const wechat = 'call' in api ? api : wechatApi(api)
  return {
    name: 'https',
    async send(m) {
      const answer = await wechat.call('/cgi-bin/message/subscribe/send', {
        touser: m.touser,
        template_id: m.templateId,
        page: m.page,
        data: m.data,
        miniprogram_state: m.miniprogramState,
        lang: 'zh_CN',
      })
      if (!answer.ok) return answer
      return outcomeOf(Number(answer.json.errcode ?? 0), answer.json.errmsg as string | undefined)
    },
  }
}
