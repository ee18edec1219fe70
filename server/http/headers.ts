// Security headers on every response (@fastify/helmet), with a Content-Security-Policy that lets the H5 app run
// and nothing else: its own scripts, plus the one inline script the build writes into index.html (Taro's rem
// setup), allowed by its hash, read from the file actually served. HSTS is the TLS proxy's to send (docs).
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/** `'sha256-…'` of each inline <script> in the page, as a CSP source. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)
}

export function appPolicy(scriptHashes: string[]) {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...scriptHashes],
    // Taro and NutUI set styles inline on elements; no script can come in that way.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // blob: is how Taro's H5 uploadFile reads a picked photo before sending it.
    'connect-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
}

/** What a stored upload is served with: an image and nothing that could run, even if opened on its own. */
export const UPLOAD_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"

export async function registerHeaders(app: FastifyInstance, indexHtml: string | null) {
  const hashes = indexHtml && fs.existsSync(indexHtml) ? inlineScriptHashes(fs.readFileSync(indexHtml, 'utf8')) : []
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: appPolicy(hashes) },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'same-origin' },
    // Photos are fetched by <img> from the same origin only.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  })
}
