import { qrMatrix, qrRuns } from './qr'
import { scan } from './qr-scan.testing'

const SAMPLES = [
  'GD7K3MQ9', // a booking code: alphanumeric mode
  '20261127', // digits only: numeric mode
  'https://example.test/appointments/verify?code=GD7K3MQ9&site=%E7%BA%A2&t=1764201600', // byte mode, ASCII
  '红石榴·管道社区 预约码 GD7K3MQ9', // byte mode, UTF-8 (three bytes a Chinese character)
  '预约 🍎 ok', // a character outside the BMP (a surrogate pair, four UTF-8 bytes)
]

describe('qrMatrix', () => {
  test.each(SAMPLES)('%s decodes back from the drawn matrix', (text) => {
    expect(scan(qrMatrix(text))?.data).toBe(text)
  })

  test('is square, 4 × version + 17 a side, at the version jsQR reads', () => {
    for (const text of SAMPLES) {
      const m = qrMatrix(text)
      const version = (m.length - 17) / 4
      expect(Number.isInteger(version)).toBe(true)
      expect(version).toBeGreaterThanOrEqual(1)
      for (const row of m) expect(row).toHaveLength(m.length)
      expect(scan(m)?.version).toBe(version)
    }
  })

  test('takes the smallest version at level M, with compact modes for codes', () => {
    // Version 1 holds 34 digits, 20 alphanumeric characters or 14 bytes at level M (41/25/17 at L, 27/16/11 at
    // Q), so these bounds also pin the level.
    expect(qrMatrix('GD7K3MQ9')).toHaveLength(21)
    expect(qrMatrix('ABCDEFGHIJKLMNOPQRST')).toHaveLength(21)
    expect(qrMatrix('ABCDEFGHIJKLMNOPQRSTU')).toHaveLength(25)
    expect(qrMatrix('1'.repeat(34))).toHaveLength(21)
    expect(qrMatrix('1'.repeat(35))).toHaveLength(25)
    expect(qrMatrix('abcdefghijklmn')).toHaveLength(21)
    expect(qrMatrix('abcdefghijklmno')).toHaveLength(25)
    // A Chinese character is 3 bytes.
    expect(qrMatrix('红石榴管')).toHaveLength(21) // 12 bytes
    expect(qrMatrix('红石榴管道')).toHaveLength(25) // 15 bytes
  })

  test('is pure: the same text gives the same matrix, and other text does not change it', () => {
    const a = qrMatrix('GD7K3MQ9')
    qrMatrix('红石榴')
    expect(qrMatrix('GD7K3MQ9')).toEqual(a)
  })

  test('refuses text longer than a code holds', () => {
    expect(() => qrMatrix('x'.repeat(3000))).toThrow()
  })
})

describe('qrRuns', () => {
  test('splits a row into same-coloured runs that add up to it', () => {
    expect(qrRuns([true, true, false, true, false, false, false])).toEqual([
      [true, 2],
      [false, 1],
      [true, 1],
      [false, 3],
    ])
    expect(qrRuns([])).toEqual([])
    for (const row of qrMatrix(SAMPLES[2])) {
      const runs = qrRuns(row)
      expect(runs.flatMap(([dark, count]) => Array<boolean>(count).fill(dark))).toEqual(row)
      runs.slice(1).forEach(([dark], i) => expect(dark).not.toBe(runs[i][0]))
    }
  })
})
