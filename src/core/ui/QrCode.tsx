import { useMemo, type CSSProperties, type ReactElement } from 'react'
import { View } from '@tarojs/components'
import { picture } from './a11y'
import { qrMatrix, qrRuns } from './qr'
import './qr-code.scss'

/** The white margin around the code, in modules. */
const QUIET = 2

/** A share of the row, as a CSS percentage: exact enough for any version (0.0001 % of the side). */
const pct = (modules: number, of: number) => `${+((modules * 100) / of).toFixed(4)}%`

/**
 * A QR code (level M) of `value`, about `size` design px wide with its quiet zone (750 px design, like our
 * scss). Drawn with views rather than a canvas, so it looks the same on weapp and H5: one view per row, and in it
 * one view per run of dark modules, placed by its left margin and sized by its width as shares of the row. A
 * module is a whole number of design px (at least 2, one CSS px on a phone), so edges fall on pixels.
 */
export function QrCode({ value, size = 180 }: { value: string; size?: number }) {
  const matrix = useMemo(() => qrMatrix(value), [value])
  const n = matrix.length
  const module = Math.max(2, Math.round(size / (n + 2 * QUIET)))
  const style = { '--qr-side': n * module, '--qr-quiet': QUIET * module } as CSSProperties
  return (
    <View className='qr-code' {...picture(`二维码：${value}`)} style={style}>
      {matrix.map((row, r) => {
        let at = 0
        let gap = 0
        const runs: ReactElement[] = []
        for (const [dark, count] of qrRuns(row)) {
          if (dark) {
            runs.push(<View key={at} className='qr-dark' style={{ marginLeft: pct(gap, n), width: pct(count, n) }} />)
            gap = 0
          } else gap = count
          at += count
        }
        return (
          <View key={r} className='qr-row'>
            {runs}
          </View>
        )
      })}
    </View>
  )
}
