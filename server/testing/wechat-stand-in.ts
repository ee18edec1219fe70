// A stand-in for WeChat's server API on 127.0.0.1, for tests of what this backend sends it: /sns/jscode2session
// (sign-in: a code `ok-<name>` is the openid `wx-openid-<name>`; `used`, `risky` (40226), `often` (45011) and any
// other code are refused as WeChat refuses them; `html` answers a page that is not JSON), /cgi-bin/stable_token and
// /cgi-bin/message/subscribe/send, holding messages to WeChat's own published rules (a token that is
// current, a page of the mini-program, keyword values within their type's limits). It records every request,
// and every message it took, so a test compares what arrived with what was due. Tests script refusals, expired
// tokens and silences through `next` and `answer`. Content security too: /wxa/msg_sec_check (v2) calls a text
// risky or 可疑 when it holds one of `riskyWords` or `reviewWords`; /wxa/media_check_async takes a photo's address,
// fetches it as WeChat does, and sends its verdict when the test says, as a signed message push (`pushVerdict`).
import { createHash } from 'node:crypto'
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

/** A photo handed to the stand-in's check: where it was fetched from and what that fetch answered. */
export interface MediaJob {
  traceId: string
  url: string
  openid: string
  scene: number
  /** The HTTP status the photo's address answered, once fetched; and the bytes it sent. */
  fetched: Promise<{ status: number; bytes: number }>
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
  /** Words that make a text risky (with WeChat's label), and ones that make it 可疑. */
  const riskyWords = new Map<string, number>([['违禁样例', 20006]])
  const reviewWords = new Map<string, number>([['可疑样例', 21000]])
  const texts: { content: string; scene: number; openid: string }[] = []
  const media: MediaJob[] = []
  let traceSerial = 0

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
      const tokenRefusal = () => {
        const until = tokens.get(url.searchParams.get('access_token') ?? '')
        if (until === undefined) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
        if (now() >= until) return { errcode: 42001, errmsg: 'access_token expired' }
        return null
      }
      if (req.method === 'POST' && (url.pathname === '/wxa/msg_sec_check' || url.pathname === '/wxa/media_check_async')) {
        const refused = tokenRefusal()
        if (refused) return reply(refused)
        const scripted = next.shift() ?? answer.get(String(body.openid))
        if (scripted && 'hangMs' in scripted) return setTimeout(() => reply({ errcode: 0, errmsg: 'ok' }), scripted.hangMs)
        if (scripted) return reply({ errmsg: 'scripted', ...scripted })
        if (body.version !== 2 || ![1, 2, 3, 4].includes(Number(body.scene))) return reply({ errcode: 40097, errmsg: 'invalid args: version 2 and a scene 1-4 are required' })
        if (typeof body.openid !== 'string' || !body.openid) return reply({ errcode: 40003, errmsg: 'invalid openid' })
        if (url.pathname === '/wxa/msg_sec_check') {
          const content = typeof body.content === 'string' ? body.content : ''
          if (!content || [...content].length > 2500) return reply({ errcode: 40097, errmsg: 'invalid args: content' })
          texts.push({ content, scene: Number(body.scene), openid: body.openid })
          const hit = (words: Map<string, number>) => [...words].find(([w]) => content.includes(w))
          const risky = hit(riskyWords)
          const review = risky ? undefined : hit(reviewWords)
          const result = risky ? { suggest: 'risky', label: risky[1] } : review ? { suggest: 'review', label: review[1] } : { suggest: 'pass', label: 100 }
          return reply({ errcode: 0, errmsg: 'ok', result, detail: [{ strategy: 'content_model', errcode: 0, ...result, prob: 90 }], trace_id: `text-${++traceSerial}` })
        }
        if (body.media_type !== 2 || typeof body.media_url !== 'string' || !/^https?:\/\//.test(body.media_url)) return reply({ errcode: 40097, errmsg: 'invalid args: media_url' })
        const traceId = `media-${++traceSerial}`
        const mediaUrl = body.media_url
        // WeChat fetches the photo from the address it was given.
        const fetched = fetch(mediaUrl, { signal: AbortSignal.timeout(5000) })
          .then(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength }))
          .catch(() => ({ status: 0, bytes: 0 }))
        media.push({ traceId, url: mediaUrl, openid: body.openid, scene: Number(body.scene), fetched })
        return reply({ errcode: 0, errmsg: 'ok', trace_id: traceId })
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        const refused = tokenRefusal()
        if (refused) return reply(refused)
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
    riskyWords,
    reviewWords,
    /** Every text the check was given. */
    texts,
    /** Every photo the check was given. */
    media,
    /**
     * Sends WeChat's verdict on a photo to a push address as WeChat's message push does (明文模式, JSON, signed
     * with the push token); answers the push address's status and body.
     */
    pushVerdict: async (to: { url: string; token: string }, traceId: string, suggest: 'pass' | 'review' | 'risky', label = suggest === 'pass' ? 100 : 20002) => {
      const timestamp = String(Math.floor(now() / 1000))
      const nonce = String(Math.floor(Math.random() * 1e9))
      const signature = createHash('sha1').update([to.token, timestamp, nonce].sort().join('')).digest('hex')
      const res = await fetch(`${to.url}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ToUserName: 'gh_standin',
          FromUserName: 'o-system',
          CreateTime: Number(timestamp),
          MsgType: 'event',
          Event: 'wxa_media_check',
          appid,
          trace_id: traceId,
          version: 2,
          detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
          errcode: 0,
          errmsg: 'ok',
          result: { suggest, label },
        }),
      })
      return { status: res.status, body: await res.text() }
    },
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
