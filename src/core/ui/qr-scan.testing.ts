// For the QR tests only: reads modules as a scanner would see them.
import jsQR from 'jsqr'

/** Draws the modules black on white, `scale` px a module, `quiet` white modules around, and decodes them with jsQR. */
export function scan(matrix: boolean[][], quiet = 4, scale = 4) {
  const side = (matrix.length + 2 * quiet) * scale
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255)
  matrix.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return
      for (let y = 0; y < scale; y += 1) {
        const start = (((r + quiet) * scale + y) * side + (c + quiet) * scale) * 4
        for (let x = 0; x < scale; x += 1) pixels.fill(0, start + x * 4, start + x * 4 + 3)
      }
    }),
  )
  return jsQR(pixels, side, side, { inversionAttempts: 'dontInvert' })
}
