// npm run size: how big the built apps are. Reads dist/weapp and dist/h5 (build them first with
// npm run build:weapp / npm run build:h5); prints the weapp code packages as WeChat counts them and the JS an H5
// visitor downloads before the first page shows. Sizes in KB of 1024 bytes.
import fs from 'node:fs'
import path from 'node:path'
import { formatKB, MAIN_PACKAGE_BUDGET, measureH5FirstLoad, measureWeapp, SUBPACKAGE_LIMIT } from './lib/size'

const root = path.resolve(__dirname, '..')
const weappDir = path.join(root, 'dist/weapp')
const h5Dir = path.join(root, 'dist/h5')

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = align.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)))
  const line = (r: string[]) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - [...cell].length)
        return align[i] === 'r' ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  return [line(rows[0]), rule, ...rows.slice(1).map((r) => (r.length ? line(r) : rule))].join('\n')
}

function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(0)}%`
}

let failed = false

if (fs.existsSync(path.join(weappDir, 'app.json'))) {
  const w = measureWeapp(weappDir)
  const rows = [['weapp package', 'root', 'files', 'size', 'of limit']]
  rows.push(['main', '(everything else)', String(w.main.files.length), formatKB(w.main.bytes), `${percent(w.main.bytes, MAIN_PACKAGE_BUDGET)} of ${MAIN_PACKAGE_BUDGET / 1024} KB`])
  for (const p of w.subPackages) {
    rows.push([p.name === p.root ? 'subpackage' : p.name, p.root, String(p.files.length), formatKB(p.bytes), `${percent(p.bytes, SUBPACKAGE_LIMIT)} of ${SUBPACKAGE_LIMIT / 1024 / 1024} MB`])
  }
  rows.push([])
  rows.push(['total', '', String(w.main.files.length + w.subPackages.reduce((n, p) => n + p.files.length, 0)), formatKB(w.total), ''])
  console.log(table(rows, ['l', 'l', 'r', 'r', 'r']))
  if (w.excluded.length) {
    const bytes = w.excluded.reduce((n, f) => n + f.bytes, 0)
    console.log(`(not counted, not uploaded: ${w.excluded.length} *.LICENSE.txt files, ${formatKB(bytes)})`)
  }
} else {
  console.log(`dist/weapp/app.json not found: run npm run build:weapp first`)
  failed = true
}

console.log('')

if (fs.existsSync(path.join(h5Dir, 'index.html'))) {
  const h = measureH5FirstLoad(h5Dir)
  const rows = [['H5 first-load JS', 'loaded by', 'raw', 'gzip']]
  for (const a of h.assets) rows.push([a.file, a.via, formatKB(a.raw), formatKB(a.gzip)])
  rows.push([])
  rows.push(['total', `${h.assets.length} files`, formatKB(h.raw), formatKB(h.gzip)])
  console.log(table(rows, ['l', 'l', 'r', 'r']))
  if (!h.firstPage) console.log('(first route not found in the app bundle: script-tag JS only)')
} else {
  console.log(`dist/h5/index.html not found: run npm run build:h5 first`)
  failed = true
}

console.log('\nKB = 1024 bytes; gzip at node:zlib level 6.')
if (failed) process.exitCode = 1
