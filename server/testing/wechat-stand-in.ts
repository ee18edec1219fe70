// A stand-in for WeChat's server API on 127.0.0.1, for tests of what this backend sends it: /sns/jscode2session
// (sign-in: a code `ok-<name>` is the openid `wx-openid-<name>`; `used`, `risky` (40226), `often` (45011) and any
// other code are refused as WeChat refuses them; `html` answers a page that is not JSON), /cgi-bin/stable_token and
// /cgi-bin/message/subscribe/send, holding messages to WeChat's own published rules (a token that is
// current, a page of the mini-program, keyword values within their type's limits). It records every request,
// and every message it took, so a test compares what arrived with what was due. Tests script refusals, expired
// tokens and silences through `next` and `answer`.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { appPages } from '../../common/routes'

export interface ReceivedMessage {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
  lang?: string
}

/** What the stand-in does with one send: answer an errcode, or say nothing for `hangMs`. */
export type Scripted = { errcode: number; errmsg?: string } | { hangMs: number }

/** Every page the mini-program has, as WeChat checks `page` (41030). */
const PAGES = new Set([...appPages().pages, ...appPages().subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))])

/** WeChat's keyword rules, written out here on their own (not this backend's formatter) from WeChat's documentation. */
function keywordRefusal(key: string, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return `data.${key}.value is empty`
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1]
  const n = [...value].length
  const ok: Record<string, boolean> = {
    thing: n <= 20,
    phrase: n <= 5 && /^\p{Script=Han}+$/u.test(value),
    character_string: n <= 32 && /^[\x21-\x7e]+$/.test(value),
    name: /^\p{Script=Han}+$/u.test(value) ? n <= 10 : n <= 20 && /^[A-Za-z .·-]+$/.test(value),
    time: /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{2}:\d{2}$/.test(value),
    date: /^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(value),
    number: n <= 32 && /^-?\d+(\.\d+)?$/.test(value),
  }
  if (!type || !(type in ok)) return `data.${key} is not a keyword`
  return ok[type] ? null : `data.${key}.value invalid`
}

export async function startWeChatStandIn(opts: { appid?: string; secret?: string; tokenSeconds?: number; now?: () => number; latencyMs?: number } = {}) {
  const appid = opts.appid ?? 'wx0000000000standin'
  const secret = opts.secret ?? 'stand-in-secret'
  const now = opts.now ?? Date.now
  let tokenSeconds = opts.tokenSeconds ?? 7200
  let tokenSerial = 0
  const tokens = new Map<string, number>()
  const requests: { path: string; query: Record<string, string>; body: unknown }[] = []
  const received: ReceivedMessage[] = []
  /** Answers for the next sends, in order, before the rules are applied. */
  const next: Scripted[] = []
  /** An answer by openid, kept for every send to that person. */
  const answer = new Map<string, Scripted>()

  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      let body: Record<string, unknown> = {}
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
      } catch {
        body = {}
      }
      requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), body })
      const reply = (o: unknown) => {
        const write = () => {
          if (res.destroyed) return
          res.setHeader('content-type', 'application/json')
          res.end(JSON.stringify(o))
        }
        // A little time per answer, as a real network takes, so that dispatchers racing do interleave.
        if (opts.latencyMs) setTimeout(write, opts.latencyMs)
        else write()
      }
      if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
        const q = Object.fromEntries(url.searchParams)
        if (q.appid !== appid) return reply({ errcode: 40013, errmsg: 'invalid appid' })
        if (q.secret !== secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' })
        const code = q.js_code ?? ''
        if (code.startsWith('ok-')) return reply({ openid: `wx-openid-${code.slice(3)}`, session_key: 'stand-in-session-key' })
        if (code === 'used') return reply({ errcode: 40163, errmsg: 'code been used' })
        if (code === 'risky') return reply({ errcode: 40226, errmsg: 'high risk user' })
        if (code === 'often') return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit, mustslower' })
        if (code === 'html') {
          res.setHeader('content-type', 'text/html')
          return res.end('<html>bad gateway</html>')
        }
        return reply({ errcode: 40029, errmsg: 'invalid code' })
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        if (body.appid !== appid || body.secret !== secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' })
        const token = `token-${++tokenSerial}`
        tokens.set(token, now() + tokenSeconds * 1000)
        return reply({ access_token: token, expires_in: tokenSeconds })
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        const token = url.searchParams.get('access_token') ?? ''
        const until = tokens.get(token)
        if (until === undefined) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        if (now() >= until) return reply({ errcode: 42001, errmsg: 'access_token expired' })
        const scripted = next.shift() ?? answer.get(String(body.touser))
        if (scripted && 'hangMs' in scripted) {
          setTimeout(() => reply({ errcode: 0, errmsg: 'ok' }), scripted.hangMs)
          return
        }
        if (scripted) return reply({ errmsg: 'scripted', ...scripted })
        if (typeof body.touser !== 'string' || !body.touser) return reply({ errcode: 40003, errmsg: 'invalid openid' })
        if (typeof body.template_id !== 'string' || !body.template_id) return reply({ errcode: 40037, errmsg: 'invalid template_id' })
        const page = String(body.page ?? '').split('?')[0]
        if (body.page !== undefined && !PAGES.has(page)) return reply({ errcode: 41030, errmsg: 'invalid page' })
        const data = (body.data ?? {}) as Record<string, { value?: unknown }>
        if (!Object.keys(data).length) return reply({ errcode: 47003, errmsg: 'argument invalid! data is empty' })
        for (const [key, v] of Object.entries(data)) {
          const why = keywordRefusal(key, v?.value)
          if (why) return reply({ errcode: 47003, errmsg: `argument invalid! ${why}` })
        }
        received.push(body as unknown as ReceivedMessage)
        return reply({ errcode: 0, errmsg: 'ok' })
      }
      res.statusCode = 404
      reply({ errcode: -1, errmsg: 'not found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    appid,
    secret,
    requests,
    received,
    next,
    answer,
    /** Tokens handed out so far. */
    tokenCount: () => tokenSerial,
    /** Makes every token handed out so far invalid, as a fetch by another holder of the AppID can. */
    revokeTokens: () => tokens.clear(),
    setTokenSeconds: (s: number) => {
      tokenSeconds = s
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type WeChatStandIn = Awaited<ReturnType<typeof startWeChatStandIn>>
