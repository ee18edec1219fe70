/// <reference lib="dom.iterable" />
// The accessibility audit every page passes, in standard mode and in 长辈版, as every role that can open it:
// axe-core's serious and critical rules, and what axe cannot measure — the 工信部 适老化 numbers for 长辈版
// (text at least 18 px, tap targets at least 48 px and 60 px for a page's main action, lines at least 1.3 apart)
// and what a person would notice in either mode (text cut off, text over text, content stuck under the tab bar,
// something tappable that a screen reader does not announce as such).
import fs from 'node:fs'
import type { Page } from 'playwright-core'

export const ELDER = { text: 18, target: 48, mainTarget: 60, lineHeight: 1.3 } as const

const AXE_SOURCE = require.resolve('axe-core/axe.min.js')
let axeText: string | undefined
const axeSource = () => (axeText ??= fs.readFileSync(AXE_SOURCE, 'utf8'))

export interface AuditOptions {
  elder: boolean
}

/** Problems found on the page as it is shown now; empty when it passes. */
export async function audit(page: Page, opts: AuditOptions): Promise<string[]> {
  // Evaluated rather than added as a <script>: the app's CSP allows no inline script, and axe is not the app's.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource())
  const axeFindings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`).join(' | ')}`)
  })
  const measured = await page.evaluate(measure, { ...opts, ...ELDER })
  return [...axeFindings, ...measured]
}

/** Runs in the page. Everything it needs is inside it. */
function measure(o: AuditOptions & typeof ELDER): string[] {
  const out: string[] = []
  const say = (msg: string) => {
    if (!out.includes(msg)) out.push(msg)
  }
  const isVisible = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
  const name = (el: Element) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24)
    return `${el.tagName.toLowerCase()}${cls}${text ? ` «${text}»` : ''}`
  }
  const inFixed = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).position === 'fixed') return true
    return false
  }
  // The part of a box its clipping ancestors let through (up to `stop`); null when nothing shows.
  const clipped = (el: Element, r: DOMRect, stop: Element | null): DOMRect | null => {
    let { left, top, right, bottom } = r
    for (let e: Element | null = el; e && e !== stop && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e)
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue
      const c = e.getBoundingClientRect()
      if (s.overflowX !== 'visible') { left = Math.max(left, c.left); right = Math.min(right, c.right) }
      if (s.overflowY !== 'visible') { top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom) }
      if (right - left <= 0.5 || bottom - top <= 0.5) return null
    }
    return new DOMRect(left, top, right - left, bottom - top)
  }
  const tabBar = [...document.querySelectorAll('.taro-tabbar__tabbar, .tab-bar')].find((el) => isVisible(el))

  // Scroll every scrolling region to its end, so what sits last is where a person scrolling down would see it.
  const scrollers = [document.scrollingElement, ...document.querySelectorAll('*')].filter((el): el is Element => {
    if (!el || !isVisible(el)) return false
    const s = getComputedStyle(el)
    return el === document.scrollingElement || ((s.overflowY === 'auto' || s.overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 1)
  })
  for (const el of scrollers) el.scrollTop = el.scrollHeight

  // Text: its size in 长辈版, its line spacing where it wraps, text over other text.
  const texts: { el: Element; rects: DOMRect[] }[] = []
  const allTexts: { el: Element; rects: DOMRect[] }[] = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  const range = document.createRange()
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement
    if (!el || !(n.textContent ?? '').trim() || el.closest('script, style, noscript, title') || !isVisible(el)) continue
    range.selectNodeContents(n)
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5)
    if (!rects.length) continue
    const s = getComputedStyle(el)
    const size = parseFloat(s.fontSize)
    if (o.elder && size < o.text - 0.05) say(`text ${size.toFixed(1)} px, under ${o.text}: ${name(el)}`)
    const lines = new Set(rects.map((r) => Math.round(r.top))).size
    const lineHeight = s.lineHeight === 'normal' ? size * 1.2 : parseFloat(s.lineHeight)
    if (lines > 1 && lineHeight / size < o.lineHeight - 0.01) say(`line height ${(lineHeight / size).toFixed(2)}, under ${o.lineHeight}: ${name(el)}`)
    // A short label (a name, a column head) broken across lines reads as two words: 办结 / 率, 第七网 / 格.
    const word = (n.textContent ?? '').trim()
    if (lines > 1 && [...word].length <= 5 && !/\s/.test(word)) say(`short label broken across lines: ${name(el)}`)
    allTexts.push({ el, rects })
    const shown = rects.map((r) => clipped(el, r, null)).filter((r): r is DOMRect => r !== null)
    if (!inFixed(el) && shown.length) texts.push({ el, rects: shown })
    // Text the tab bar covers once the page is scrolled to its end can never be read (clipped only by what is
    // inside the page, since the tab bar's panel itself is what hides it).
    if (tabBar && !tabBar.contains(el) && !inFixed(el)) {
      const top = tabBar.getBoundingClientRect().top
      const page = el.closest('.taro_page')
      const inPage = rects.map((r) => clipped(el, r, page)).filter((r): r is DOMRect => r !== null)
      if (inPage.some((r) => r.bottom > top + 1 && r.top < window.innerHeight)) say(`under the tab bar at the end of the page: ${name(el)}`)
    }
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i]
      const b = texts[j]
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue
      const hit = a.rects.some((r) => b.rects.some((q) => Math.min(r.right, q.right) - Math.max(r.left, q.left) > 2 && Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top) > 2))
      if (hit) say(`text over text: ${name(a.el)} and ${name(b.el)}`)
    }
  }

  // Text cut off by a box that hides what overflows, with no ellipsis to say so: some text inside reaches past
  // the box (after what scrolls inside it is scrolled, and what inner boxes clip is clipped).
  for (const box of document.querySelectorAll('body *')) {
    if (!isVisible(box) || !(box.textContent ?? '').trim()) continue
    const s = getComputedStyle(box)
    const clipsX = (s.overflowX === 'hidden' || s.overflowX === 'clip') && s.textOverflow !== 'ellipsis' && box.scrollWidth > box.clientWidth + 1
    const clipsY = (s.overflowY === 'hidden' || s.overflowY === 'clip') && s.webkitLineClamp === 'none' && box.scrollHeight > box.clientHeight + 1
    if (!clipsX && !clipsY) continue
    const b = box.getBoundingClientRect()
    for (const t of allTexts) {
      if (!box.contains(t.el)) continue
      const past = t.rects.some((r) => {
        const c = clipped(t.el, r, box)
        return c !== null && ((clipsX && (c.right > b.right + 1 || c.left < b.left - 1)) || (clipsY && (c.bottom > b.bottom + 1 || c.top < b.top - 1)))
      })
      if (past) {
        say(`text cut off by its box: ${name(t.el)} in ${name(box)}`)
        break
      }
    }
  }
  const canvas = document.createElement('canvas').getContext('2d')!
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    if (!isVisible(field) || !field.placeholder || field.value) continue
    const s = getComputedStyle(field)
    canvas.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`
    const room = field.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
    if (field.tagName === 'INPUT' && canvas.measureText(field.placeholder).width > room + 1) say(`placeholder wider than its field: «${field.placeholder}»`)
  }

  // Tap targets: native controls, ARIA widgets, NutUI buttons and anything React listens to for clicks.
  const reactProps = (el: Element): Record<string, unknown> | undefined => {
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'))
    return key ? ((el as unknown as Record<string, Record<string, unknown>>)[key]) : undefined
  }
  const ROLE = 'button, a[href], input:not([type=hidden]), textarea, select, [role=button], [role=link], [role=switch], [role=radio], [role=checkbox], [role=tab], [role=option], [role=menuitem], [role=slider]'
  for (const el of document.querySelectorAll('body *')) {
    if (!isVisible(el)) continue
    // NutUI's icons carry a no-op click handler of their own; an icon that does something gets a role from us.
    const clickable = typeof reactProps(el)?.onClick === 'function' && !el.matches('.nut-icon:not([role])')
    if (!clickable && !el.matches(ROLE)) continue
    // A clickable box inside another clickable box with a role is part of it (NutUI's inner wrappers).
    if (clickable && !el.matches(ROLE) && el.parentElement?.closest(ROLE)) continue
    if (clickable && !el.matches(ROLE) && !el.querySelector(ROLE)) say(`tappable but not announced as a control (no role): ${name(el)}`)
    // A box given a control's role is reached from the keyboard too (control() sets tabindex; a bare role does not).
    if (el.matches('[role]') && el.matches(ROLE) && (el as HTMLElement).tabIndex < 0 && el.getAttribute('aria-disabled') !== 'true') say(`a control the keyboard cannot reach (no tabindex): ${name(el)}`)
    if (!o.elder) continue
    const s = getComputedStyle(el)
    if (s.display === 'inline') continue // a link inside a sentence
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0) continue
    const main = el.matches('.nut-button-large, [data-main-action]')
    const min = main ? o.mainTarget : o.target
    if (r.height < min - 0.5 || r.width < o.target - 0.5) say(`target ${Math.round(r.width)}×${Math.round(r.height)} px, under ${main ? `${o.mainTarget} (main action)` : o.target}: ${name(el)}`)
  }
  return out
}
