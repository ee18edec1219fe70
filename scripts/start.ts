// npm start: build the H5 app when the sources are newer than the last build, then run the server on the
// embedded default (a SQLite file under data/, demo community on first start, 127.0.0.1:3000).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')

function newest(dir: string): number {
  let t = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

const built = path.join(root, 'dist/h5/index.html')
const sources = Math.max(...['src', 'common', 'server/features', 'config'].map((d) => newest(path.join(root, d))))
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('Building the H5 app (about a minute the first time)…')
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// The embedded default is the demo: demo people and demo sign-in, unless a real deployment's settings are given.
if (process.env.SEED_DEMO === undefined && !process.env.DATABASE_URL && !process.env.WECHAT_SECRET) process.env.SEED_DEMO = 'true'

const port = process.env.PORT ?? '3000'
const host = process.env.HOST ?? '127.0.0.1'
console.log(`红石榴 · 管道社区服务: http://${host}:${port}/  (demo accounts on the sign-in page)`)
void import('../server/main')
