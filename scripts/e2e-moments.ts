// npm run test:e2e:moments: the end-to-end suite lived through the moments that break date code — Beijing
// midnight into a month's first day, the last day of February, New Year's Eve, a Sunday — with the server's and
// the browsers' clocks started there (E2E_AT). Run after build:h5. Prints one line per moment; exits 1 if any
// failed. Give moments of your own as arguments (ISO instants).
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const MOMENTS = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      '2027-02-28T23:57:00+08:00', // a Sunday, the last day of February, two minutes before Beijing midnight
      '2027-03-01T00:00:30+08:00', // a month's first day, just after midnight, a Monday
      '2026-12-31T23:58:00+08:00', // New Year's Eve
      '2026-12-06T09:00:00+08:00', // a Sunday morning
    ]

const root = path.resolve(__dirname, '..')
const results: { at: string; ok: boolean; seconds: number }[] = []
for (const at of MOMENTS) {
  const started = Date.now()
  const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '-c', 'jest.e2e.config.js'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, E2E_AT: at, SCREENSHOT_DIR: path.join('test-results', 'moments', at.replace(/[:+]/g, '-')) },
  })
  results.push({ at, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) })
}
console.log('\nEnd-to-end suite at moments:')
for (const r of results) console.log(`  ${r.ok ? 'passed' : 'FAILED'}  ${r.at}  (${r.seconds} s)`)
process.exitCode = results.every((r) => r.ok) ? 0 : 1
