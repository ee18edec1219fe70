// The desk's spreadsheet, saved where each platform keeps files: on H5 a download; on weapp a file in the app's own
// folder, opened with WeChat's document viewer, whose menu forwards it to a chat or opens it in WPS.
import Taro from '@tarojs/taro'

export async function saveSheet(file: { filename: string; base64: string }): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
    const a = document.createElement('a')
    a.href = url
    a.download = file.filename
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename.replace(/[\\/:*?"<>|]/g, '_')}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: file.base64, encoding: 'base64', success: () => resolve(), fail: (err) => reject(new Error(err.errMsg)) }),
  )
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}
