import pino from 'pino'
import { repeat } from './repeat'

describe('repeat', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())
  const log = pino({ level: 'silent' })

  test('runs every interval, never two runs at once, and survives a failed run', async () => {
    let calls = 0
    let release: () => void = () => undefined
    const stop = repeat(60, 'test', () => {
      calls++
      if (calls === 1) return Promise.reject(new Error('database briefly away'))
      return new Promise<void>((done) => (release = done))
    }, log)
    await jest.advanceTimersByTimeAsync(60_000)
    expect(calls).toBe(1)
    await jest.advanceTimersByTimeAsync(60_000)
    expect(calls).toBe(2)
    // The second run has not finished: the next tick is skipped.
    await jest.advanceTimersByTimeAsync(60_000)
    expect(calls).toBe(2)
    release()
    await jest.advanceTimersByTimeAsync(60_000)
    expect(calls).toBe(3)
    stop()
    release()
    await jest.advanceTimersByTimeAsync(600_000)
    expect(calls).toBe(3)
  })

  test('0 seconds turns it off', async () => {
    const task = jest.fn(() => Promise.resolve())
    repeat(0, 'off', task, log)()
    await jest.advanceTimersByTimeAsync(3_600_000)
    expect(task).not.toHaveBeenCalled()
  })
})
