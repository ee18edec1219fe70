import { render, screen } from '@testing-library/react'
import { QrCode } from './QrCode'
import { qrMatrix } from './qr'
import { scan as scanned } from './qr-scan.testing'

const scan = (matrix: boolean[][], quiet: number) => scanned(matrix, quiet, 3)?.data ?? null

/** What the component drew, read back from the DOM: the modules of each row, and the quiet zone in modules. */
function readBack(root: HTMLElement) {
  const rows = Array.from(root.children) as HTMLElement[]
  const n = rows.length
  // A share of the row in modules; the percentages must land on whole modules.
  const modules = (percent: string) => {
    expect(percent).toMatch(/^[\d.]+%$/)
    const m = (parseFloat(percent) * n) / 100
    expect(Math.abs(m - Math.round(m))).toBeLessThan(0.001)
    return Math.round(m)
  }
  const matrix = rows.map((row) => {
    const cells: boolean[] = []
    for (const run of Array.from(row.children) as HTMLElement[]) {
      expect(run.className).toBe('qr-dark')
      cells.push(...Array<boolean>(modules(run.style.marginLeft)).fill(false))
      cells.push(...Array<boolean>(modules(run.style.width)).fill(true))
    }
    expect(cells.length).toBeLessThanOrEqual(n)
    return cells.concat(Array<boolean>(n - cells.length).fill(false))
  })
  const side = Number(root.style.getPropertyValue('--qr-side'))
  const quietPx = Number(root.style.getPropertyValue('--qr-quiet'))
  const modulePx = side / n
  expect(Number.isInteger(modulePx)).toBe(true)
  return { matrix, quiet: quietPx / modulePx, modulePx, total: side + 2 * quietPx, nodes: root.querySelectorAll('*').length }
}

const SAMPLES = ['GD7K3MQ9', 'https://example.test/appointments/verify?code=GD7K3MQ9&t=1764201600', '红石榴·管道社区 预约码 GD7K3MQ9']

test.each(SAMPLES)('what QrCode draws for %s scans back to it', (value) => {
  render(<QrCode value={value} />)
  const root = screen.getByRole('img', { name: `二维码：${value}` })
  expect(root).toHaveProperty('className', 'qr-code')
  const drawn = readBack(root)
  expect(drawn.matrix).toEqual(qrMatrix(value))
  expect(drawn.quiet).toBe(2)
  expect(scan(drawn.matrix, drawn.quiet)).toBe(value)
  // About the default 180 design px with its quiet zone: modules are whole px, so within half a module a side.
  expect(Math.abs(drawn.total - 180)).toBeLessThanOrEqual(drawn.total / drawn.modulePx / 2)
  // Runs, not modules: far fewer nodes than one a module.
  expect(drawn.nodes).toBeLessThan(drawn.matrix.length ** 2 / 3)
})

test('size sets the drawn side in design px, in whole px a module', () => {
  const { container } = render(<QrCode value='GD7K3MQ9' size={300} />)
  const root = container.firstElementChild as HTMLElement
  const drawn = readBack(root)
  // Version 1: 21 modules and 2 × 2 quiet ones make 25; 300 / 25 = 12 px a module.
  expect(drawn.modulePx).toBe(12)
  expect(drawn.total).toBe(300)
  expect(root.style.getPropertyValue('--qr-quiet')).toBe('24')
})

test('a new value redraws the code', () => {
  const { container, rerender } = render(<QrCode value='GD7K3MQ9' />)
  rerender(<QrCode value='HX2P8RT4' />)
  const root = container.firstElementChild as HTMLElement
  expect(root.getAttribute('aria-label')).toBe('二维码：HX2P8RT4')
  expect(scan(readBack(root).matrix, 2)).toBe('HX2P8RT4')
})
