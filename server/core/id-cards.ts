// One sealer per configuration, so keys are parsed once per process rather than per booking.
import type { Config } from './config'
import { createSealer, type Sealer } from './sealed'

const sealers = new WeakMap<Config, Sealer>()

export function sealerOf(config: Config): Sealer {
  let sealer = sealers.get(config)
  if (!sealer) {
    sealer = createSealer(config.idCardKeys())
    sealers.set(config, sealer)
  }
  return sealer
}
