// The measuring behind npm run size, on small hand-made build outputs, and on the real H5 build (npm test builds
// it first) to notice when Taro's output stops looking the way the first-page detection expects.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { firstPageChunks, formatKB, measureH5FirstLoad, measureWeapp, scriptTagFiles } from './lib/size'

let tmp: string

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'size-test-'))
})

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true })
  fs.writeFileSync(path.join(tmp, file), content)
}

test('formatKB: KB of 1024 bytes, one decimal', () => {
  expect(formatKB(0)).toBe('0.0 KB')
  expect(formatKB(1536)).toBe('1.5 KB')
  expect(formatKB(600 * 1024)).toBe('600.0 KB')
})

test('measureWeapp splits files by subpackage root and leaves out *.LICENSE.txt', () => {
  write('app.json', JSON.stringify({ pages: ['pages/a/index'], subPackages: [{ root: 'pkg/one/', pages: ['x/index'] }], subpackages: [{ root: 'pkg/two', name: 'two', pages: ['y/index'] }] }))
  write('app.js', 'x'.repeat(100))
  write('app.js.LICENSE.txt', 'x'.repeat(50))
  write('pages/a/index.js', 'x'.repeat(10))
  write('pkg/one/x/index.js', 'x'.repeat(20))
  write('pkg/one/sub-vendors.js', 'x'.repeat(5))
  write('pkg/two/y/index.wxml', 'x'.repeat(7))
  write('pkg/onetwo/other.js', 'x'.repeat(3)) // not under "pkg/one/"
  const sizes = measureWeapp(tmp)
  const appJsonBytes = fs.statSync(path.join(tmp, 'app.json')).size
  expect(sizes.main.bytes).toBe(appJsonBytes + 100 + 10 + 3)
  expect(sizes.subPackages.map((p) => [p.name, p.root, p.bytes])).toEqual([
    ['pkg/one', 'pkg/one', 25],
    ['two', 'pkg/two', 7],
  ])
  expect(sizes.total).toBe(sizes.main.bytes + 32)
  expect(sizes.excluded).toEqual([{ path: 'app.js.LICENSE.txt', bytes: 50 }])
})

test('measureWeapp names the missing build', () => {
  expect(() => measureWeapp(path.join(tmp, 'nothing'))).toThrow(/app\.json not found.*npm run build:weapp/)
})

test('H5 first load: script-tag JS plus the chunks of the first route, raw and gzip', () => {
  write(
    'index.html',
    '<html><head><script src="https://cdn.example/x.js"></script><script defer="defer" src="/js/vendors.1.js"></script>' +
      "<script src='js/app.2.js?v=1'></script><script>inline()</script></head></html>",
  )
  write('js/vendors.1.js', 'var v=1;'.repeat(200))
  write(
    'js/app.2.js',
    'r.u=function(e){return"js/"+e+"."+{"52":"aaaa","96":"bbbb","7":"cccc"}[e]+".js"};' +
      'cfg.routes=[Object.assign({"path":"pages/home/index","load":function load(a,u){return[Promise.all([w.e(96),w.e(52)]).then(w.bind(w,1)),a,u]}},{"title":"x"}),' +
      'Object.assign({"path":"pages/other/index","load":function load(a,u){return[w.e(7).then(w.bind(w,2)),a,u]}},{})];',
  )
  write('js/52.aaaa.js', 'home page'.repeat(50))
  write('js/96.bbbb.js', 'shared'.repeat(50))
  write('js/7.cccc.js', 'other page')
  expect(scriptTagFiles(tmp)).toEqual(['js/vendors.1.js', 'js/app.2.js'])
  expect(firstPageChunks(tmp, ['js/vendors.1.js', 'js/app.2.js'])).toEqual({ page: 'pages/home/index', files: ['js/96.bbbb.js', 'js/52.aaaa.js'] })
  const h5 = measureH5FirstLoad(tmp)
  expect(h5.assets.map((a) => [a.file, a.via])).toEqual([
    ['js/vendors.1.js', 'script tag'],
    ['js/app.2.js', 'script tag'],
    ['js/96.bbbb.js', 'first page (pages/home/index)'],
    ['js/52.aaaa.js', 'first page (pages/home/index)'],
  ])
  const raw = ['js/vendors.1.js', 'js/app.2.js', 'js/96.bbbb.js', 'js/52.aaaa.js'].map((f) => fs.readFileSync(path.join(tmp, f)))
  expect(h5.raw).toBe(raw.reduce((n, b) => n + b.length, 0))
  expect(h5.gzip).toBe(raw.reduce((n, b) => n + zlib.gzipSync(b).length, 0))
})

test('the real H5 build: the first route and its chunks are found', () => {
  const h5Dir = path.resolve(__dirname, '../dist/h5')
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) {
    throw new Error(`${h5Dir}/index.html is missing: build the H5 app first (npm run build:h5; npm test does).`)
  }
  const h5 = measureH5FirstLoad(h5Dir)
  expect(h5.firstPage).toBeTruthy()
  expect(h5.assets.filter((a) => a.via === 'script tag').length).toBeGreaterThan(0)
  expect(h5.assets.filter((a) => a.via.startsWith('first page')).length).toBeGreaterThan(0)
})
