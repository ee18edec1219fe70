import qrcode from 'qrcode-generator'

/** Characters QR's alphanumeric mode holds (5.5 bits a character instead of 8): booking codes are made of them. */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/
const NUMERIC = /^[0-9]+$/

/**
 * The text as UTF-8, one character per byte. The library's byte mode takes each character's low 8 bits, the
 * same in its ES-module and CommonJS builds, so this carries any text (Chinese included) without switching the
 * library's global encoder. Decoders read byte-mode data as UTF-8 (WeChat's scanner and jsQR do).
 */
function utf8Binary(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i += 1) {
    let cp = text.charCodeAt(i)
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00)
        i += 1
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd // a lone surrogate
    if (cp < 0x80) out += String.fromCharCode(cp)
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f))
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f))
    else {
      out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f))
    }
  }
  return out
}

/**
 * The modules of the QR code for `text` (true = dark), row by row, without a quiet zone: error-correction level M,
 * the smallest version that holds the text, numeric or alphanumeric mode where the text allows (shorter codes,
 * larger modules), UTF-8 bytes otherwise. The matrix is square, 4 × version + 17 modules a side. Throws for text
 * longer than a QR code holds (about 2,300 bytes at level M).
 */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  if (NUMERIC.test(text)) qr.addData(text, 'Numeric')
  else if (ALPHANUMERIC.test(text)) qr.addData(text, 'Alphanumeric')
  else qr.addData(utf8Binary(text), 'Byte')
  qr.make()
  const n = qr.getModuleCount()
  const rows: boolean[][] = []
  for (let r = 0; r < n; r += 1) {
    const row: boolean[] = []
    for (let c = 0; c < n; c += 1) row.push(qr.isDark(r, c))
    rows.push(row)
  }
  return rows
}

/** A row as runs of same-coloured modules, left to right: [dark, count] pairs that add up to the row's length. */
export function qrRuns(row: readonly boolean[]): [dark: boolean, count: number][] {
  const runs: [boolean, number][] = []
  for (const dark of row) {
    const last = runs[runs.length - 1]
    if (last && last[0] === dark) last[1] += 1
    else runs.push([dark, 1])
  }
  return runs
}
