import { gate } from './gate'

describe('the pipeline gate', () => {
  test('at most the limit run at once; the rest start in arrival order as places free', async () => {
    const g = gate(2)
    const started: number[] = []
    const release: (() => void)[] = []
    const jobs = [0, 1, 2, 3, 4].map((i) =>
      g.run(async () => {
        started.push(i)
        await new Promise<void>((r) => release.push(r))
        return i
      }),
    )
    await new Promise((r) => setImmediate(r))
    expect(started).toEqual([0, 1])
    expect(g.load).toEqual({ running: 2, waiting: 3 })
    release.shift()!()
    await new Promise((r) => setImmediate(r))
    expect(started).toEqual([0, 1, 2])
    while (release.length || started.length < 5) {
      release.shift()?.()
      await new Promise((r) => setImmediate(r))
    }
    await expect(Promise.all(jobs)).resolves.toEqual([0, 1, 2, 3, 4])
    expect(g.load).toEqual({ running: 0, waiting: 0 })
  })

  test('a failing request frees its place too', async () => {
    const g = gate(1)
    await expect(g.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(g.run(async () => 'next')).resolves.toBe('next')
    expect(() => gate(0)).toThrow(/positive integer/)
  })
})
