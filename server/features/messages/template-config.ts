// Which WeChat template each kind of message is sent with: SUBSCRIBE_TEMPLATES, JSON, one entry per kind —
// the template id chosen in the MP console (订阅消息 → 我的模板), and optionally which of its keywords each slot
// goes to when the template's numbering differs from the defaults below:
//
//   {"appointment_reminder": "Xk3…", "hotline": {"id": "9Qa…", "keywords": {"note": "thing5"}}}
//
// A kind left out has no template: its notices stay in 消息中心 and the app never asks for it. With demo people
// on and nothing given, every kind gets a made-up id, so the whole path can be walked on this machine.
import type { Config } from '../../core/config'
import { FITS, keywordType, type KeywordType } from './keywords'
import { KINDS, KIND_NAMES, REMINDER_SLOTS, type Kind } from './kinds'

/** The keyword each slot goes to unless configured otherwise, in the order WeChat's library templates list them. */
const DEFAULT_KEYWORDS: Record<'reminder' | 'change', Record<string, string>> = {
  reminder: { subject: 'thing1', time: 'time2', place: 'thing3', code: 'character_string4' },
  change: { subject: 'thing1', state: 'phrase2', time: 'time3', note: 'thing4' },
}

export interface TemplateSetting {
  kind: Kind
  id: string
  /** slot → keyword, e.g. { subject: 'thing1' }, and the keyword's type. */
  keywords: Record<string, { keyword: string; type: KeywordType }>
}

const cache = new WeakMap<Config, Map<Kind, TemplateSetting>>()

const invalid = (why: string) => new Error(`Invalid configuration:\n  SUBSCRIBE_TEMPLATES: ${why}`)

/** The configured templates by kind; throws, naming the variable and the entry, when the setting is wrong. */
export function templateSettings(config: Config): Map<Kind, TemplateSetting> {
  const known = cache.get(config)
  if (known) return known
  const raw = config.SUBSCRIBE_TEMPLATES
  let given: Record<string, unknown>
  if (raw) {
    try {
      given = JSON.parse(raw) as Record<string, unknown>
    } catch {
      throw invalid('must be JSON, e.g. {"hotline": "<template id>"}')
    }
    if (!given || typeof given !== 'object' || Array.isArray(given)) throw invalid('must be a JSON object of kind → template id')
  } else {
    given = config.demo ? Object.fromEntries(KIND_NAMES.map((k) => [k, `demo-${k}`])) : {}
  }
  const out = new Map<Kind, TemplateSetting>()
  for (const [kind, entry] of Object.entries(given)) {
    if (!(KIND_NAMES as string[]).includes(kind)) throw invalid(`unknown kind "${kind}"; the kinds are ${KIND_NAMES.join(', ')}`)
    const k = kind as Kind
    const e = typeof entry === 'string' ? { id: entry } : (entry as { id?: unknown; keywords?: unknown })
    if (!e || typeof e !== 'object' || typeof e.id !== 'string' || !/^[\w-]{1,128}$/.test(e.id)) throw invalid(`${kind}: a template id (letters, digits, - and _) is required`)
    const slots: Record<string, string> = KINDS[k].slots
    const defaults = DEFAULT_KEYWORDS[slots === REMINDER_SLOTS ? 'reminder' : 'change']
    const overrides = (e.keywords ?? {}) as Record<string, unknown>
    if (typeof overrides !== 'object' || Array.isArray(overrides)) throw invalid(`${kind}.keywords: must be an object of slot → keyword`)
    const keywords: TemplateSetting['keywords'] = {}
    for (const slot of Object.keys(overrides)) {
      if (!(slot in slots)) throw invalid(`${kind}.keywords: unknown slot "${slot}"; its slots are ${Object.keys(slots).join(', ')}`)
    }
    for (const [slot, slotKind] of Object.entries(slots)) {
      const keyword = String(overrides[slot] ?? defaults[slot])
      const type = keywordType(keyword)
      if (!type) throw invalid(`${kind}.keywords.${slot}: "${keyword}" is not a WeChat keyword such as thing1 or time2`)
      const fits = FITS[slotKind as keyof typeof FITS]
      if (!fits.includes(type)) throw invalid(`${kind}.keywords.${slot}: ${slotKind} cannot be sent as ${type}; use ${fits.join(' or ')}`)
      keywords[slot] = { keyword, type }
    }
    const used = Object.values(keywords).map((w) => w.keyword)
    if (new Set(used).size !== used.length) throw invalid(`${kind}.keywords: two slots go to the same keyword`)
    out.set(k, { kind: k, id: e.id, keywords })
  }
  cache.set(config, out)
  return out
}

/** The kind a template id belongs to, or null for an id this server does not send. */
export function kindOfTemplateId(config: Config, id: string): Kind | null {
  for (const s of templateSettings(config).values()) if (s.id === id) return s.kind
  return null
}
