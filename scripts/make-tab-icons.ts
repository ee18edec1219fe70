// Draws the tab-bar icons (WeChat's tabBar takes local PNGs only, ≤ 40 KB, 81×81 recommended) from small SVGs
// with headless Chromium. Run after changing a shape: npx tsx scripts/make-tab-icons.ts. The PNGs are committed.
import fs from 'node:fs'
import path from 'node:path'
import { launchBrowser } from '../tests/e2e/browser'

const GREY = '#8a8a8a'
const RED = '#c62f3b'

const shapes: Record<string, (c: string, fill: string) => string> = {
  // A house with a pomegranate-seed window.
  home: (c, fill) => `<path d="M12 38 L40 14 L68 38" fill="none" stroke="${c}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>
    <path d="M20 34 V66 H60 V34" fill="${fill}" stroke="${c}" stroke-width="6" stroke-linejoin="round"/>
    <circle cx="40" cy="50" r="6" fill="${fill === 'none' ? c : '#fff'}"/>`,
  // A grid of four blocks: the community's grid areas.
  grid: (c, fill) => `<rect x="12" y="12" width="24" height="24" rx="5" fill="${fill}" stroke="${c}" stroke-width="6"/>
    <rect x="44" y="12" width="24" height="24" rx="5" fill="none" stroke="${c}" stroke-width="6"/>
    <rect x="12" y="44" width="24" height="24" rx="5" fill="none" stroke="${c}" stroke-width="6"/>
    <rect x="44" y="44" width="24" height="24" rx="5" fill="${fill}" stroke="${c}" stroke-width="6"/>`,
  // A person.
  me: (c, fill) => `<circle cx="40" cy="27" r="13" fill="${fill}" stroke="${c}" stroke-width="6"/>
    <path d="M14 68 C16 50 28 44 40 44 C52 44 64 50 66 68 Z" fill="${fill}" stroke="${c}" stroke-width="6" stroke-linejoin="round"/>`,
}

async function main() {
  const out = path.resolve(__dirname, '../src/assets/tab')
  fs.mkdirSync(out, { recursive: true })
  const browser = await launchBrowser()
  const page = await browser.newPage({ viewport: { width: 81, height: 81 }, deviceScaleFactor: 1 })
  for (const [name, draw] of Object.entries(shapes)) {
    for (const [suffix, color, fill] of [['', GREY, 'none'], ['-on', RED, RED]] as const) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80">${draw(color, fill)}</svg>`
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
      const file = path.join(out, `${name}${suffix}.png`)
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 } })
      console.log(`${path.relative(process.cwd(), file)}  ${fs.statSync(file).size} bytes`)
    }
  }
  await browser.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
