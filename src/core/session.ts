// The signed-in person and the community settings: the only global state. Everything else lives in the store
// of the feature that owns it.
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import type { Me } from '@server/features/account/actions'
import type { CommunityInfo } from '@server/features/community/actions'
import { ApiError, call, setTokenSource } from './api'
import { PAGE } from './routes'
import { DRAFT_PREFIX } from './draft'
import { load, remove, removeAll, save } from './storage'
import { wantsElderMode, weChatFont } from './ui/font-scale'

const TOKEN_KEY = 'session.token'
const ELDER_KEY = 'prefs.elder'
/**
 * Set while the device's 长辈版 is a choice the account has not heard of: turned on by WeChat's font setting at
 * first open, or chosen before the privacy notice was accepted. The account is told once it can be.
 */
const ELDER_UNSYNCED_KEY = 'prefs.elder.unsynced'

/**
 * 长辈版 as the device last had it; on a first open, what WeChat's own font setting asks for (a large size or
 * 关怀模式 turns it on). The resident can turn it off like any choice, and that choice is kept.
 */
function initialElderMode(): boolean {
  const stored = load<boolean>(ELDER_KEY)
  if (stored !== null) return stored
  const on = wantsElderMode(weChatFont())
  if (on) {
    save(ELDER_KEY, true)
    save(ELDER_UNSYNCED_KEY, true)
  }
  return on
}

interface SessionState {
  token: string | null
  me: Me | null
  community: CommunityInfo | null
  /** Elder mode is kept on the device too, so it applies before sign-in and offline. */
  elderMode: boolean
  /** Said 「暂不同意」 this time: keep browsing public pages without being sent back to the notice. */
  consentDeclined: boolean
  declineConsent(): void
  setMe(me: Me): void
  setToken(token: string | null): void
  setElderMode(on: boolean): Promise<void>
  loadCommunity(): Promise<CommunityInfo>
  /** Signs in if needed and loads the person; sends them to consent when the privacy notice is not accepted. */
  ensure(opts?: { requireConsent?: boolean }): Promise<Me | null>
  signInDemo(as: string): Promise<void>
  /** Ends this session, or with `everywhere` all of the person's sessions, and forgets the person here. */
  signOut(everywhere?: boolean): Promise<void>
  /** Ends the session on this device and removes what it kept of the person (drafts); after sign-out and deletion. */
  forgetPerson(): void
}

let inflight: Promise<Me | null> | null = null
let consentRedirect: Promise<unknown> | null = null

/** Several callers may find consent missing at once (page show, a refused call); the notice opens once. */
function goToConsent() {
  const pages = Taro.getCurrentPages()
  const top = pages[pages.length - 1] as { route?: string } | undefined
  if (consentRedirect || top?.route?.includes('onboarding/pages/consent')) return
  consentRedirect = Taro.redirectTo({ url: PAGE.consent })
    .catch(() => undefined)
    .finally(() => {
      consentRedirect = null
    })
}

export const useSession = create<SessionState>((set, get) => ({
  token: load<string>(TOKEN_KEY),
  me: null,
  community: null,
  elderMode: initialElderMode(),
  consentDeclined: false,

  declineConsent() {
    set({ consentDeclined: true })
  },

  setMe(me) {
    // The account's choice wins, except over a choice made on this device that the account has not heard of yet
    // (WeChat's font setting, or a choice before consent): that one is told to the account once, after consent,
    // and from then on the account decides.
    if (load<boolean>(ELDER_UNSYNCED_KEY) && me.elderMode !== get().elderMode) {
      set({ me })
      if (hasConsented(me)) {
        remove(ELDER_UNSYNCED_KEY)
        void get().setElderMode(get().elderMode).catch(() => undefined)
      }
      return
    }
    if (hasConsented(me)) remove(ELDER_UNSYNCED_KEY)
    set({ me, elderMode: me.elderMode })
    save(ELDER_KEY, me.elderMode)
  },

  setToken(token) {
    if (token) save(TOKEN_KEY, token)
    else remove(TOKEN_KEY)
    set({ token, ...(token ? {} : { me: null }) })
  },

  async setElderMode(on) {
    set({ elderMode: on })
    save(ELDER_KEY, on)
    const { me } = get()
    if (me && hasConsented(me)) {
      remove(ELDER_UNSYNCED_KEY)
      get().setMe(await call('account', 'setElderMode', { enabled: on }))
    } else {
      save(ELDER_UNSYNCED_KEY, true)
    }
  },

  async loadCommunity() {
    const cached = get().community
    if (cached) return cached
    const community = await call('community', 'info', {})
    set({ community })
    return community
  },

  ensure(opts = {}) {
    if (!inflight) {
      inflight = ensureSignedIn().finally(() => {
        inflight = null
      })
    }
    return inflight.then((me) => {
      if (me && opts.requireConsent !== false && !hasConsented(me) && !get().consentDeclined) goToConsent()
      return me
    })
  },

  async signInDemo(as) {
    const { token } = await call('auth', 'devSignIn', { as })
    get().setToken(token)
    get().setMe(await call('account', 'me', {}))
  },

  async signOut(everywhere = false) {
    try {
      if (get().token) await call('auth', 'signOut', { everywhere }, { retries: 0 })
    } finally {
      get().forgetPerson()
    }
  },

  forgetPerson() {
    // A shared phone or a desk computer: the next person finds no trace of drafts, names or numbers.
    removeAll(DRAFT_PREFIX)
    get().setToken(null)
  },
}))

async function ensureSignedIn(): Promise<Me | null> {
  const s = useSession.getState()
  if (!s.token) {
    if (!(await signInSilently())) return null
  }
  try {
    const me = await call('account', 'me', {})
    useSession.getState().setMe(me)
    return me
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'SESSION_EXPIRED' || err.code === 'UNAUTHENTICATED')) {
      useSession.getState().setToken(null)
      return null
    }
    throw err
  }
}

/** In WeChat: wx.login → code2Session on the server. On H5 there is no WeChat identity: sign in on a page. */
async function signInSilently(): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp' && !CLOUD_ENV) {
    try {
      const { code } = await Taro.login()
      const { token } = await call('auth', 'signIn', { code })
      useSession.getState().setToken(token)
      return true
    } catch (err) {
      // In DevTools against a development server without the mini-program's secret, use the demo sign-in.
      const community = await useSession.getState().loadCommunity().catch(() => null)
      if (community?.demoSignIn) {
        void Taro.navigateTo({ url: PAGE.login })
        return false
      }
      throw err
    }
  }
  if (process.env.TARO_ENV === 'weapp' && CLOUD_ENV) {
    // Cloud functions know the caller from WeChat itself; no token is needed.
    return true
  }
  void Taro.navigateTo({ url: PAGE.login })
  return false
}

setTokenSource({
  get: () => useSession.getState().token,
  async onRejected(code) {
    if (code === 'CONSENT_REQUIRED') {
      goToConsent()
      return false
    }
    useSession.getState().setToken(null)
    return signInSilently()
  },
})

export const isStaff = (me: Me | null) => !!me && (me.roles.includes('staff') || me.roles.includes('admin'))
export const isAdmin = (me: Me | null) => !!me && me.roles.includes('admin')

export const hasConsented = (me: Me | null) => !!me && me.consent.accepted === me.consent.required
