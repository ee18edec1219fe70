import type { Logger } from 'pino'

/**
 * Runs a task every `seconds` inside this process, for scheduled sweeps on a self-hosted server (cloud
 * functions get the same tasks from a timer trigger instead). A run still going when the next is due is not
 * doubled; a failed run is logged and the next one tries again. 0 seconds turns the task off.
 */
export function repeat(seconds: number, name: string, task: () => Promise<unknown>, log: Logger): () => void {
  if (seconds <= 0) return () => undefined
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    task()
      .catch((err: unknown) => log.error({ err, task: name }, 'scheduled task failed'))
      .finally(() => {
        running = false
      })
  }, seconds * 1000)
  // The timer alone must not keep a process alive that is otherwise done.
  timer.unref()
  return () => clearInterval(timer)
}
