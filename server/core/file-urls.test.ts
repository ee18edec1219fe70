// Photo links signed by one process are good in another on the same database, and after a restart.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { createBackend } from '../app'
import { testConfig } from '../testing/harness'
import { signedUploadUrl, verifyUploadSignature } from './file-urls'

test('without FILE_URL_SECRET, processes on one database share one secret that survives a restart; a set one is used as given', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guandao-file-urls-'))
  const open = (env: Record<string, string> = {}) =>
    createBackend({ config: testConfig({ DATA_DIR: dir, ...env }), log: pino({ level: 'silent' }), db: { sqliteFile: path.join(dir, 'g.sqlite') } })
  try {
    const a = await open()
    const b = await open()
    const secret = a.services.config.fileUrlSecret
    expect(secret).toMatch(/^[0-9a-f]{48}$/)
    expect(b.services.config.fileUrlSecret).toBe(secret)
    const now = new Date()
    const url = new URL(signedUploadUrl(secret, 7, now), 'http://x')
    await a.close()
    await b.close()

    const restarted = await open()
    const again = restarted.services.config.fileUrlSecret
    expect(verifyUploadSignature(again, 7, Number(url.searchParams.get('e')), url.searchParams.get('s')!, now)).toBe(true)
    await restarted.close()

    const given = await open({ FILE_URL_SECRET: 'a-secret-of-at-least-16' })
    expect(given.services.config.fileUrlSecret).toBe('a-secret-of-at-least-16')
    await given.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
