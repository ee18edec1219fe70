import Taro from '@tarojs/taro'

/** Whether the phone's camera can read a QR code here: on weapp; H5 pages type the code instead. */
export const canScan = process.env.TARO_ENV === 'weapp'

/** The text of a QR code read with the camera, or null when the person closed the camera. */
export async function scanCode(): Promise<string | null> {
  try {
    return (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
  } catch {
    return null
  }
}
