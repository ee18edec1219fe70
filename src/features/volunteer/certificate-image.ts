// On weapp a certificate is saved to the phone's album as an image: drawn on an offscreen 2D canvas with the same
// lines as the page, then written out and saved. H5 prints the page itself instead.
import Taro from '@tarojs/taro'
import type { CertificateContent, CertificateOut } from '@server/features/volunteer/actions'
import { certificateBody, issuedOnText } from './certificate-text'

const W = 1080
const H = 1520
const PAD = 96

/** Splits text into lines that fit `width` on the canvas, character by character (Chinese has no spaces). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of Array.from(text)) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line)
      line = ch
    } else line += ch
  }
  if (line) lines.push(line)
  return lines
}

export async function saveCertificateImage(c: CertificateOut & { content: CertificateContent }): Promise<void> {
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width: W, height: H }) as unknown as HTMLCanvasElement
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = '#fffdf8'
  ctx.fillRect(0, 0, W, H)
  ctx.strokeStyle = '#c62f3b'
  ctx.lineWidth = 6
  ctx.strokeRect(40, 40, W - 80, H - 80)
  ctx.fillStyle = '#262626'
  ctx.textAlign = 'center'
  ctx.font = 'bold 72px sans-serif'
  ctx.fillText('志愿服务证明', W / 2, 220)
  ctx.font = '34px sans-serif'
  ctx.fillText(`编号：${c.number}`, W / 2, 290)
  ctx.textAlign = 'left'
  ctx.font = '40px sans-serif'
  const body = certificateBody(c)
  let y = 400
  // The paragraph is indented two characters, as Chinese documents are.
  const indent = ctx.measureText('证明').width
  for (const [i, line] of wrap(ctx, body.lead, W - PAD * 2 - indent).entries()) {
    ctx.fillText(line, i === 0 ? PAD + indent : PAD, y)
    y += 64
  }
  y += 16
  ctx.fillText('服务内容：', PAD, y)
  y += 64
  for (const s of body.services) {
    for (const line of wrap(ctx, s, W - PAD * 2 - 40)) {
      ctx.fillText(line, PAD + 40, y)
      y += 60
    }
  }
  ctx.fillText('特此证明。', PAD, y + 40)
  ctx.textAlign = 'right'
  ctx.fillText(c.content.issuer, W - PAD, H - 320)
  ctx.fillText(issuedOnText(c.content), W - PAD, H - 256)
  ctx.textAlign = 'left'
  ctx.font = '30px sans-serif'
  ctx.fillStyle = '#666666'
  ctx.fillText(`联系电话：${c.content.contact}`, PAD, H - 160)
  ctx.fillText('在小程序「志愿服务 → 查验志愿服务证明」输入编号可核验', PAD, H - 110)
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never, fileType: 'png' } as never)
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
}
