// At most N requests run the pipeline at once; the rest wait in arrival order. With every request of a burst
// in flight, each advances one statement at a time through the same pool and all of them finish near the end;
// letting a few through at a time finishes the first ones early and the burst no later.
export interface Gate {
  run<T>(work: () => Promise<T>): Promise<T>
  /** Requests running now and waiting, for tests and logs. */
  readonly load: { running: number; waiting: number }
}

export function gate(limit: number): Gate {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`gate: limit must be a positive integer, got ${limit}`)
  let running = 0
  const waiting: (() => void)[] = []
  const next = () => {
    running--
    const wake = waiting.shift()
    if (wake) {
      running++
      wake()
    }
  }
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running < limit) running++
      else await new Promise<void>((resolve) => waiting.push(resolve))
      try {
        return await work()
      } finally {
        next()
      }
    },
    get load() {
      return { running, waiting: waiting.length }
    },
  }
}
