// npm start: one process serving the API, the H5 app and /healthz on HOST:PORT (127.0.0.1:3000 by default).
import { createBackend } from './app'
import { repeat } from './core/repeat'
import { scheduled } from './cloud/schedule'
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
  // The same scheduled work the cloud functions run on their timer triggers.
  const stops = Object.entries(scheduled).map(([domain, s]) =>
    repeat(SWEEP_INTERVAL_SECONDS, `${domain}.${s.trigger}`, () => s.run(backend.services, { Type: 'Timer', TriggerName: s.trigger }), backend.services.log),
  )
  const stop = async () => {
    stops.forEach((s) => s())
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
