// npm start: one process serving the API, the H5 app and /healthz on HOST:PORT (127.0.0.1:3000 by default).
import { createBackend } from './app'
import { repeat } from './core/repeat'
import { scheduled } from './cloud/schedule'
import { createHttpServer } from './http/server'

async function main() {
  const backend = await createBackend()
  const app = await createHttpServer(backend)
  const { HOST, PORT } = backend.services.config
  await app.listen({ host: HOST, port: PORT })
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

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
