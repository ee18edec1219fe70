// The mini-program runs what dist/weapp holds as it is: project.config.json leaves WeChat's own ES6 compile and
// enhanced compile off, and syntax cannot be polyfilled. So every built script must parse as ES2015, which the
// JavaScript engines of the oldest phones WeChat still runs on read (iOS 10 and up): no ?. or ?? (iOS 13.4+), no
// object spread, no regular expressions with lookbehind or named groups. Our code and zod (which ships ES2020)
// are compiled to it by the build (config/index.ts, mini.compile.include); npm test builds the weapp first.
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'acorn'

const weappDir = path.resolve(process.env.WEAPP_DIR || path.join(__dirname, '../dist/weapp'))
const LEVEL = 2015

function scripts(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? scripts(p) : d.name.endsWith('.js') ? [p] : []
  })
}

const refusal = (code: string): string | null => {
  try {
    parse(code, { ecmaVersion: LEVEL, sourceType: 'script' })
    return null
  } catch (err) {
    return (err as Error).message
  }
}

test(`every script of the built mini-program parses as ES${LEVEL}`, () => {
  if (!fs.existsSync(path.join(weappDir, 'app.json'))) throw new Error(`${weappDir}/app.json is missing: build the mini-program first (npm test does).`)
  const files = scripts(weappDir)
  expect(files.length).toBeGreaterThan(20)
  // zod is among them: the check reads the code that needed compiling.
  expect(files.some((f) => fs.readFileSync(f, 'utf8').includes('ZodError'))).toBe(true)
  const refused = files.map((f) => [path.relative(weappDir, f), refusal(fs.readFileSync(f, 'utf8'))]).filter(([, why]) => why)
  expect(refused).toEqual([])
})

test(`the check refuses what old phones cannot parse`, () => {
  for (const code of ['a?.b', 'a ?? b', 'const o = { ...p }', '/(?<=x)y/', 'async function f() {}']) expect([code, refusal(code)]).toEqual([code, expect.any(String)])
  expect(refusal('const f = (a, ...b) => `${a}${b}`; class C {}')).toBeNull()
})
