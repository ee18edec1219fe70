// npm start: one process serving the API, the H5 app and /healthz on HOST:PORT (127.0.0.1:3000 by default).
import { createBackend } from './app'
import { repeat } from './core/repeat'
import { runScheduled } from './cloud/schedule'
import { createHttpServer } from './http/server'
import type { Config } from './core/config'
import type { Logger } from 'pino'

async function main() {
  const backend = await createBackend()
  const app = await createHttpServer(backend)
  const { HOST, PORT } = backend.services.config
  await app.listen({ host: HOST, port: PORT })
  warnAboutSetup(backend.services.config, backend.services.log)
  const { SWEEP_INTERVAL_SECONDS } = backend.services.config
  // The same round of scheduled work the cloud runs on its timer trigger.
  const stopSweeps = repeat(SWEEP_INTERVAL_SECONDS, 'scheduled', () => runScheduled(backend.services), backend.services.log)
  const stop = async () => {
    stopSweeps()
    await app.close()
    await backend.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** A server not set up for real use says so at every start, where whoever runs it looks. */
function warnAboutSetup(config: Config, log: Logger) {
  if (!config.production) {
    const lines = [
      `DEVELOPMENT MODE (NODE_ENV=${config.NODE_ENV}): not for real residents' data.`,
      config.demo ? 'Demo accounts are ON (SEED_DEMO): anyone on this machine can sign in as any demo person, admin included.' : 'Demo accounts are off.',
      config.ID_CARD_KEY ? '' : `ID-card numbers are sealed with a development key kept in ${config.DATA_DIR}/id-card.key.`,
      'For a real deployment set NODE_ENV=production with its settings (docs/architecture.md, Deploying).',
    ].filter(Boolean)
    log.warn({ lines }, lines.join(' '))
    console.warn(['', ...lines.map((l) => `  ! ${l}`), ''].join('\n'))
  } else if (config.TRUST_PROXY === false) {
    log.warn('TRUST_PROXY is unset: behind a proxy every caller shares its address, in rate limits and in logs')
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
